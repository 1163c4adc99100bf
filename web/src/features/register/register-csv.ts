/**
 * The register as a CSV file for the annual report, built in the browser from what the page
 * shows: nothing is counted here, and a hidden count stays hidden (its wording, never a number).
 */

/**
 * Semicolons: Excel in a Dutch locale uses `;` as its list separator and opens a comma file as
 * one column; LibreOffice and Numbers detect either. The counts are whole numbers, so the
 * decimal comma never collides with it.
 */
export const CSV_SEPARATOR = ';';

/** The byte order mark that makes Excel read the file as UTF-8 (ë, é, ’ in labels). */
export const BOM = '\uFEFF';

/** Characters that make a spreadsheet read a cell as a formula (OWASP "CSV Injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One cell: a value that a spreadsheet would run as a formula gets a leading single quote, so it
 * is shown as text; then every cell is quoted with its quotes doubled (RFC 4180), so separators,
 * quotes and line breaks inside a label cannot split or end it.
 */
export function csvCell(value: string | number): string {
  const text = String(value);
  const neutral = FORMULA_START.test(text) ? `'${text}` : text;
  return `"${neutral.replaceAll('"', '""')}"`;
}

/** The whole file: BOM, then one line per row, CRLF as RFC 4180 and Excel expect. */
export function buildCsv(rows: readonly (readonly (string | number)[])[]): string {
  return BOM + rows.map((row) => row.map(csvCell).join(CSV_SEPARATOR)).join('\r\n') + '\r\n';
}

/** Offers the text as a file download (a Blob behind a temporary link, nothing leaves the device). */
export function downloadCsv(fileName: string, csv: string): void {
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has taken the file once the click is handled; the next task may let it go.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
