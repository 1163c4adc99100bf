import { describe, expect, it } from 'vitest';
import { formatter } from '../../shared/i18n/format';
import { createI18n } from '../../shared/i18n/i18n';
import { dutch } from '../../app/catalogues';
import { english } from '../../app/catalogues.en';
import { BOM, buildCsv, csvCell } from './register-csv';
import { registerCsvRows } from './register-tables';
import { register2025 } from './register.fixture';

describe('a CSV cell', () => {
  it.each([
    ['=1+1', `"'=1+1"`],
    ['+31 6 1234', `"'+31 6 1234"`],
    ['-2+3', `"'-2+3"`],
    ['@SUM(A1)', `"'@SUM(A1)"`],
    ['\tcmd', `"'\tcmd"`],
    ['\rcmd', `"'\rcmd"`],
  ])('neutralises %j, which a spreadsheet would run as a formula', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it('quotes every cell and doubles the quotes inside, so nothing can end it early', () => {
    expect(csvCell('Klacht')).toBe('"Klacht"');
    expect(csvCell('zei "nee"; ging')).toBe('"zei ""nee""; ging"');
    expect(csvCell('=A1&"x"')).toBe(`"'=A1&""x"""`);
    expect(csvCell('regel\neen')).toBe('"regel\neen"');
    // Only the start makes a formula: a sign further on stays as it is.
    expect(csvCell('a=b')).toBe('"a=b"');
    expect(csvCell(12)).toBe('"12"');
  });
});

describe('the register as a CSV file', () => {
  const rows = (language: 'nl' | 'en') => {
    const i18n = createI18n(language, { nl: dutch, en: english });
    return buildCsv(
      registerCsvRows(register2025, i18n.getFixedT(language, 'register'), formatter(language)),
    );
  };

  it('starts with the BOM and a header row, separated by semicolons, lines ending in CRLF', () => {
    const csv = rows('nl');
    expect(csv.startsWith(BOM)).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines[0]).toBe('"Jaar";"Tabel";"Groep";"Aantal"');
    expect(lines.at(-1)).toBe('');
    expect(lines).toHaveLength(1 + 2 + 3 + 2 + 1 + 3 + 1);
    expect(lines).toContain('"2025";"Totaal";"Klachten ontvangen";"12"');
    expect(lines).toContain('"2025";"Klachten naar soort";"Klacht";"7"');
  });

  it('writes a hidden count as the words the page shows, never as a number', () => {
    const lines = rows('nl').split('\r\n');
    expect(lines).toContain('"2025";"Totaal";"Klachtonderdelen";"minder dan 5"');
    expect(lines).toContain('"2025";"Klachten naar soort";"Overig of zonder soort";"afgeschermd"');
    expect(lines).toContain(
      '"2025";"Klachtonderdelen naar oordeel";"Nog geen oordeel";"afgeschermd"',
    );
    expect(rows('en').split('\r\n')).toContain('"2025";"Totals";"Complaint parts";"fewer than 5"');
  });

  it('neutralises a label from the procedure that looks like a formula', () => {
    expect(rows('nl').split('\r\n')).toContain(
      `"2025";"Klachten naar soort";"'=HYPERLINK(""x"")";"afgeschermd"`,
    );
  });
});
