import { describe, expect, it } from 'vitest';
import { addDuration, maxCalendarDays, nextWorkingDayFrom, subtractDuration } from './duration.js';
import { dutchHolidays, equatingDecree, isWorkingDay } from './holidays.js';

describe('Dutch non-working days (Algemene termijnenwet)', () => {
  it('lists the Atw days for 2026, with the moving feasts and the days the decree equates', () => {
    expect([...dutchHolidays(2026).entries()].map(([date, name]) => `${date} ${name.nl}`)).toEqual([
      '2026-01-01 Nieuwjaarsdag',
      '2026-01-02 een met een feestdag gelijkgestelde dag',
      '2026-04-03 Goede Vrijdag',
      '2026-04-05 Eerste Paasdag',
      '2026-04-06 Tweede Paasdag',
      '2026-04-27 Koningsdag',
      '2026-05-05 Bevrijdingsdag',
      '2026-05-14 Hemelvaartsdag',
      '2026-05-15 een met een feestdag gelijkgestelde dag',
      '2026-05-24 Eerste Pinksterdag',
      '2026-05-25 Tweede Pinksterdag',
      '2026-12-25 Eerste Kerstdag',
      '2026-12-26 Tweede Kerstdag',
    ]);
  });

  it.each([
    [2024, 2],
    [2025, 1],
    [2027, 1],
    [2028, 2],
    [2029, 0],
    [2030, 0],
    [2035, 0],
  ])('has the eleven Atw days in %i, and %i equated by decree', (year, equated) => {
    expect(dutchHolidays(year).size).toBe(11 + equated);
  });

  it('equates exactly the days the decrees list: no rule of thumb', () => {
    expect(equatingDecree('2026-05-15')).toContain('Besluit gelijkstelling van 2 januari 2026');
    expect(equatingDecree('2018-12-24')).toContain('BWBR0038666');
    // Koningsdag 2027 is a Tuesday, yet the decree equates no Monday before it.
    expect(isWorkingDay('2027-04-26')).toBe(true);
    expect(isWorkingDay('2027-05-07')).toBe(false);
    // A term ending on the Friday after Hemelvaartsdag 2026 runs to Monday.
    expect(nextWorkingDayFrom('2026-05-14')).toBe('2026-05-18');
  });

  it.each([
    ['2025-04-26', false], // Koningsdag on Saturday when 27 April is a Sunday
    ['2025-04-28', true],
    ['2030-05-05', false], // Bevrijdingsdag counts every year (Atw art. 3 lid 1), not only lustrum years
    ['2026-05-05', false], // 2026 is no lustrum year
    ['2029-03-30', false], // Goede Vrijdag, equated by the Act itself (art. 3 lid 2)
    ['2026-05-04', true], // Dodenherdenking is not a day off
    ['2026-12-24', true],
    ['2026-12-31', true],
    ['2026-03-30', true],
  ])('%s is a working day: %s', (date, expected) => {
    expect(isWorkingDay(date)).toBe(expected);
  });
});

describe('terms', () => {
  it.each([
    ['2026-03-02', { amount: 6, unit: 'weeks' }, '2026-04-13'],
    ['2026-01-31', { amount: 1, unit: 'months' }, '2026-02-28'],
    ['2024-01-31', { amount: 1, unit: 'months' }, '2024-02-29'],
    ['2026-03-20', { amount: 30, unit: 'days' }, '2026-04-19'],
    // Working days: Thursday before Easter → skips Good Friday, the weekend and Easter Monday.
    ['2026-04-02', { amount: 1, unit: 'working-days' }, '2026-04-07'],
    ['2026-04-02', { amount: 3, unit: 'working-days' }, '2026-04-09'],
    // Friday before Christmas 2026 (Fri 25, Sat 26): 5 working days → 31-12.
    ['2026-12-23', { amount: 5, unit: 'working-days' }, '2026-12-31'],
    // Across Koningsdag (Mon 27-04) and Bevrijdingsdag (Tue 05-05).
    ['2026-04-24', { amount: 6, unit: 'working-days' }, '2026-05-06'],
    // Across the spring DST change: a calendar, not a clock.
    ['2026-03-27', { amount: 1, unit: 'working-days' }, '2026-03-30'],
  ] as const)('%s + %j = %s', (start, duration, expected) => {
    expect(addDuration(start, duration)).toBe(expected);
  });

  it.each([
    ['2026-04-03', { amount: 2, unit: 'working-days' }, '2026-04-01'],
    ['2026-04-13', { amount: 1, unit: 'weeks' }, '2026-04-06'],
    ['2026-03-31', { amount: 1, unit: 'months' }, '2026-02-28'],
  ] as const)('%s − %j = %s', (date, duration, expected) => {
    expect(subtractDuration(date, duration)).toBe(expected);
  });

  it.each([
    ['2026-04-03', '2026-04-07'],
    ['2026-05-02', '2026-05-04'],
    ['2026-05-24', '2026-05-26'],
    ['2026-04-13', '2026-04-13'],
  ])('the next working day from %s is %s', (date, expected) => {
    expect(nextWorkingDayFrom(date)).toBe(expected);
  });

  it('bounds terms in calendar days for regime checks', () => {
    expect(maxCalendarDays({ amount: 6, unit: 'weeks' })).toBe(42);
    expect(maxCalendarDays({ amount: 1, unit: 'months' })).toBe(31);
    // 30 working days never fit in six weeks once a holiday falls inside.
    expect(maxCalendarDays({ amount: 30, unit: 'working-days' })).toBeGreaterThan(42);
  });
});
