import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  amsterdamDate,
  amsterdamMidnight,
  dayNumber,
  formatLetterDate,
  fromDayNumber,
  isPlainDate,
} from './plain-date.js';

describe('amsterdamDate', () => {
  it.each([
    // Spring forward: 29-03-2026 02:00 CET → 03:00 CEST.
    ['2026-03-28T23:30:00Z', '2026-03-29'], // 00:30 CET
    ['2026-03-29T00:59:59Z', '2026-03-29'], // 01:59:59 CET, just before the jump
    ['2026-03-29T21:59:59Z', '2026-03-29'], // 23:59:59 CEST
    ['2026-03-29T22:00:00Z', '2026-03-30'], // midnight CEST
    // Fall back: 25-10-2026 03:00 CEST → 02:00 CET.
    ['2026-10-24T21:59:59Z', '2026-10-24'],
    ['2026-10-24T22:00:00Z', '2026-10-25'], // midnight CEST
    ['2026-10-25T22:59:59Z', '2026-10-25'], // 23:59:59 CET
    ['2026-10-25T23:00:00Z', '2026-10-26'],
    // Year end in winter time.
    ['2025-12-31T22:59:59Z', '2025-12-31'],
    ['2025-12-31T23:00:00Z', '2026-01-01'],
    ['2026-03-29T01:30:00+02:00', '2026-03-29'],
  ])('%s is %s in Amsterdam', (instant, date) => {
    expect(amsterdamDate(instant)).toBe(date);
  });

  it('accepts a Date as well as a string and refuses nonsense', () => {
    expect(amsterdamDate(new Date('2026-10-25T23:00:00Z'))).toBe('2026-10-26');
    expect(() => amsterdamDate('gisteren')).toThrow(RangeError);
  });

  it.each([
    ['2026-03-29', '2026-03-28T23:00:00.000Z'], // day of the spring change starts in CET
    ['2026-03-30', '2026-03-29T22:00:00.000Z'],
    ['2026-10-25', '2026-10-24T22:00:00.000Z'], // day of the autumn change starts in CEST
    ['2026-10-26', '2026-10-25T23:00:00.000Z'],
  ])('Amsterdam midnight of %s is %s', (date, instant) => {
    expect(amsterdamMidnight(date)).toBe(instant);
  });

  it('every civil date round-trips through its Amsterdam midnight (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 18_000, max: 25_000 }), (day) => {
        const date = fromDayNumber(day);
        expect(amsterdamDate(amsterdamMidnight(date))).toBe(date);
      }),
    );
  });
});

describe('plain date arithmetic', () => {
  it.each([
    ['2026-01-31', 1, '2026-02-28'], // month end clamps
    ['2024-01-31', 1, '2024-02-29'], // leap year
    ['2024-02-29', 12, '2025-02-28'], // leap day + a year
    ['2028-02-29', 12, '2029-02-28'],
    ['2025-11-30', 3, '2026-02-28'],
    ['2026-03-31', 1, '2026-04-30'],
    ['2026-01-01', 3, '2026-04-01'],
    ['2025-09-01', 6, '2026-03-01'],
    ['2026-05-31', -3, '2026-02-28'],
    ['2026-12-15', 1, '2027-01-15'],
  ])('%s + %i months = %s', (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });

  it.each([
    ['2024-02-28', 1, '2024-02-29'],
    ['2025-02-28', 1, '2025-03-01'],
    ['2026-03-28', 2, '2026-03-30'], // across the spring DST change, still whole days
    ['2026-10-24', 2, '2026-10-26'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2026-03-02', 42, '2026-04-13'],
  ])('%s + %i days = %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });

  it.each([
    ['2026-02-28', true],
    ['2024-02-29', true],
    ['2026-02-29', false],
    ['2026-13-01', false],
    ['2026-4-1', false],
    ['01-04-2026', false],
    [20260401, false],
  ])('isPlainDate(%j) = %s', (value, expected) => {
    expect(isPlainDate(value)).toBe(expected);
  });

  it('dayNumber and fromDayNumber are inverse (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -100_000, max: 100_000 }), (day) => {
        expect(dayNumber(fromDayNumber(day))).toBe(day);
      }),
    );
  });
});

describe('formatLetterDate', () => {
  it('writes a date as a Dutch or an English letter does', () => {
    expect(formatLetterDate('2026-12-02', 'nl')).toBe('02-12-2026');
    expect(formatLetterDate('2026-12-02', 'en')).toBe('2 December 2026');
    expect(formatLetterDate('2027-01-31', 'en')).toBe('31 January 2027');
  });
});
