import Holidays from 'date-holidays';
import { isoWeekday, yearOf, type PlainDate } from './plain-date.js';

/**
 * Dutch public holidays that make a day a non-working day for deadlines.
 *
 * We follow the Algemene termijnenwet (art. 3) plus the days equated with it, not every day
 * date-holidays marks as "public" (ADR 0010): Nieuwjaarsdag, Goede Vrijdag, both Easter days,
 * Koningsdag, Bevrijdingsdag (5 May, every year), Hemelvaartsdag, both Whit days and both
 * Christmas days. The library supplies the moving dates (Easter, Koningsdag's Sunday rule); the
 * selection is ours. Keys are date-holidays rule strings.
 */
const COUNTED_RULES: ReadonlyMap<string, { nl: string; en: string }> = new Map([
  ['01-01', { nl: 'Nieuwjaarsdag', en: "New Year's Day" }],
  ['easter -2', { nl: 'Goede Vrijdag', en: 'Good Friday' }],
  ['easter', { nl: 'Eerste Paasdag', en: 'Easter Sunday' }],
  ['easter 1', { nl: 'Tweede Paasdag', en: 'Easter Monday' }],
  ['05-05', { nl: 'Bevrijdingsdag', en: 'Liberation Day' }],
  ['easter 39', { nl: 'Hemelvaartsdag', en: 'Ascension Day' }],
  ['easter 49', { nl: 'Eerste Pinksterdag', en: 'Whit Sunday' }],
  ['easter 50', { nl: 'Tweede Pinksterdag', en: 'Whit Monday' }],
  ['12-25', { nl: 'Eerste Kerstdag', en: 'Christmas Day' }],
  ['12-26', { nl: 'Tweede Kerstdag', en: 'Boxing Day' }],
]);

/** Koningsdag's rule string carries its Sunday exception, so it is matched by prefix. */
const KINGS_DAY_PREFIX = '04-27';
const KINGS_DAY = { nl: 'Koningsdag', en: "King's Day" };

const calendar = new Holidays('NL');
const cache = new Map<number, ReadonlyMap<PlainDate, { nl: string; en: string }>>();

/** The non-working public holidays of one year, keyed by date, with their names. */
export function dutchHolidays(year: number): ReadonlyMap<PlainDate, { nl: string; en: string }> {
  const cached = cache.get(year);
  if (cached) return cached;
  const days = new Map<PlainDate, { nl: string; en: string }>();
  for (const holiday of calendar.getHolidays(year)) {
    const name = holiday.rule.startsWith(KINGS_DAY_PREFIX)
      ? KINGS_DAY
      : COUNTED_RULES.get(holiday.rule);
    // date-holidays writes dates as "YYYY-MM-DD hh:mm:ss" in the country's own time zone.
    if (name) days.set(holiday.date.slice(0, 10), name);
  }
  cache.set(year, days);
  return days;
}

/** The holiday's name when `date` is a counted Dutch public holiday. */
export function holidayName(date: PlainDate): { nl: string; en: string } | undefined {
  return dutchHolidays(yearOf(date)).get(date);
}

/** Saturdays, Sundays and counted public holidays are not working days. */
export function isWorkingDay(date: PlainDate): boolean {
  return isoWeekday(date) <= 5 && holidayName(date) === undefined;
}
