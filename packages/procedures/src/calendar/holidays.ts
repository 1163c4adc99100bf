import Holidays from 'date-holidays';
import { isoWeekday, yearOf, type PlainDate } from './plain-date.js';

/**
 * Dutch public holidays that make a day a non-working day for deadlines.
 *
 * We follow the Algemene termijnenwet (art. 3), not every day date-holidays marks as "public"
 * (ADR 0010, 0031): lid 1 names Nieuwjaarsdag, the second Easter and Whit days, both Christmas
 * days, Hemelvaartsdag, Koningsdag and 5 May (every year, not only in lustrum years); lid 2 equates
 * Goede Vrijdag by the Act itself; the first Easter and Whit days are Sundays. The library supplies
 * the moving dates (Easter, Koningsdag's Sunday rule); the selection is ours. Keys are
 * date-holidays rule strings.
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

/**
 * Days equated with those holidays by decree (Atw art. 3 lid 3), one decree for three years at a
 * time, published in the Staatscourant: bridge days such as the Friday after Hemelvaartsdag. A
 * decree is a list, not a rule (2027 has no Monday before a Tuesday Koningsdag), so only decrees we
 * checked are here; a year without one has none (a term then ends a day earlier than it might:
 * stricter than the law, never looser). Add the next decree when it is published.
 */
const EQUATED_BY_DECREE: readonly { dates: PlainDate[]; decree: string }[] = [
  {
    decree: 'Besluit van 24 oktober 2016, Stcrt. 2016 (BWBR0038666)',
    dates: [
      '2017-04-28',
      '2017-05-26',
      '2018-05-11',
      '2018-12-24',
      '2018-12-31',
      '2019-05-31',
      '2019-12-27',
    ],
  },
  {
    decree:
      'Besluit gelijkstelling van 28 april 2023, 19 mei 2023, 10 mei 2024, 27 december 2024 en 30 mei 2025',
    dates: ['2023-04-28', '2023-05-19', '2024-05-10', '2024-12-27', '2025-05-30'],
  },
  {
    decree:
      'Besluit gelijkstelling van 2 januari 2026, 15 mei 2026, 7 mei 2027, 28 april 2028 en 26 mei 2028',
    dates: ['2026-01-02', '2026-05-15', '2027-05-07', '2028-04-28', '2028-05-26'],
  },
];
const EQUATED_DAY = {
  nl: 'een met een feestdag gelijkgestelde dag',
  en: 'a day equated with a public holiday',
};
const EQUATED = new Map(
  EQUATED_BY_DECREE.flatMap(({ dates, decree }) => dates.map((date) => [date, decree] as const)),
);

/** The decree that equated `date` with a public holiday, if one did (Atw art. 3 lid 3). */
export function equatingDecree(date: PlainDate): string | undefined {
  return EQUATED.get(date);
}

/** Koningsdag's rule string carries its Sunday exception, so it is matched by prefix. */
const KINGS_DAY_PREFIX = '04-27';
const KINGS_DAY = { nl: 'Koningsdag', en: "King's Day" };

const calendar = new Holidays('NL');
const cache = new Map<number, ReadonlyMap<PlainDate, { nl: string; en: string }>>();

/**
 * The non-working public holidays of one year, keyed by date in date order, with their names:
 * the Atw's own days and the days a decree equated with them.
 */
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
  for (const [date] of EQUATED) if (yearOf(date) === year) days.set(date, EQUATED_DAY);
  const sorted = new Map([...days].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  cache.set(year, sorted);
  return sorted;
}

/** The holiday's name when `date` is a counted Dutch public holiday. */
export function holidayName(date: PlainDate): { nl: string; en: string } | undefined {
  return dutchHolidays(yearOf(date)).get(date);
}

/** Saturdays, Sundays and counted public holidays are not working days. */
export function isWorkingDay(date: PlainDate): boolean {
  return isoWeekday(date) <= 5 && holidayName(date) === undefined;
}
