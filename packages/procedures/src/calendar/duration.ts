import { holidayName, isWorkingDay } from './holidays.js';
import { addDays, addMonths, daysBetween, isoWeekday, type PlainDate } from './plain-date.js';

/** Units a procedure may count a term in. `days` are calendar days. */
export const DURATION_UNITS = ['days', 'weeks', 'months', 'working-days'] as const;
export type DurationUnit = (typeof DURATION_UNITS)[number];

/** A term such as "6 weeks" or "10 working days". */
export interface Duration {
  amount: number;
  unit: DurationUnit;
}

/**
 * The last day of a term that starts on `start`.
 *
 * The start day itself is not counted (art. 1 Algemene termijnenwet reading: "binnen zes weken na
 * ontvangst" of 02-03 ends on 13-04). Working days skip weekends and counted public holidays.
 */
export function addDuration(start: PlainDate, duration: Duration): PlainDate {
  switch (duration.unit) {
    case 'days':
      return addDays(start, duration.amount);
    case 'weeks':
      return addDays(start, duration.amount * 7);
    case 'months':
      return addMonths(start, duration.amount);
    case 'working-days': {
      let date = start;
      for (let counted = 0; counted < duration.amount;) {
        date = addDays(date, 1);
        if (isWorkingDay(date)) counted += 1;
      }
      return date;
    }
  }
}

/** `date` subtracting a term (used for reminders "1 week before"). Months clamp like addMonths. */
export function subtractDuration(date: PlainDate, duration: Duration): PlainDate {
  switch (duration.unit) {
    case 'days':
      return addDays(date, -duration.amount);
    case 'weeks':
      return addDays(date, -duration.amount * 7);
    case 'months':
      return addMonths(date, -duration.amount);
    case 'working-days': {
      let current = date;
      for (let counted = 0; counted < duration.amount;) {
        current = addDays(current, -1);
        if (isWorkingDay(current)) counted += 1;
      }
      return current;
    }
  }
}

/**
 * When a term ends on a Saturday, Sunday or counted holiday, the next working day (art. 1
 * Algemene termijnenwet). Returns the date unchanged when it is already a working day.
 */
export function nextWorkingDayFrom(date: PlainDate): PlainDate {
  let current = date;
  while (!isWorkingDay(current)) current = addDays(current, 1);
  return current;
}

/** Why a date is not a working day, in words, or undefined when it is one. */
export function nonWorkingReason(date: PlainDate): { nl: string; en: string } | undefined {
  const holiday = holidayName(date);
  if (holiday) return holiday;
  const weekday = isoWeekday(date);
  if (weekday === 6) return { nl: 'zaterdag', en: 'Saturday' };
  if (weekday === 7) return { nl: 'zondag', en: 'Sunday' };
  return undefined;
}

const UNIT_WORDS: Record<DurationUnit, { nl: [string, string]; en: [string, string] }> = {
  days: { nl: ['dag', 'dagen'], en: ['day', 'days'] },
  weeks: { nl: ['week', 'weken'], en: ['week', 'weeks'] },
  months: { nl: ['maand', 'maanden'], en: ['month', 'months'] },
  'working-days': { nl: ['werkdag', 'werkdagen'], en: ['working day', 'working days'] },
};

/** "6 weken", "1 month", "10 werkdagen". */
export function formatDuration(duration: Duration, lang: 'nl' | 'en'): string {
  const [one, many] = UNIT_WORDS[duration.unit][lang];
  return `${duration.amount} ${duration.amount === 1 ? one : many}`;
}

/**
 * An upper bound in calendar days for a term, whatever day it starts on. Used by regime checks
 * ("not looser than 6 weeks"): months count as 31 days, working days as the longest stretch the
 * Dutch calendar can produce (checked over a span of years).
 */
export function maxCalendarDays(duration: Duration): number {
  switch (duration.unit) {
    case 'days':
      return duration.amount;
    case 'weeks':
      return duration.amount * 7;
    case 'months':
      return duration.amount * 31;
    case 'working-days':
      return maxWorkingDaySpan(duration.amount);
  }
}

const spanCache = new Map<number, number>();

function maxWorkingDaySpan(amount: number): number {
  const cached = spanCache.get(amount);
  if (cached !== undefined) return cached;
  let max = 0;
  // Easter moves over a 35-day range; ten years cover every combination that matters here.
  for (let day = 0; day < 3653; day += 1) {
    const start = addDays('2024-01-01', day);
    const end = addDuration(start, { amount, unit: 'working-days' });
    const span = daysBetween(start, end);
    if (span > max) max = span;
  }
  spanCache.set(amount, max);
  return max;
}
