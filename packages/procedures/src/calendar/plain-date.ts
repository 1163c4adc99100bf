/**
 * Calendar dates as plain `YYYY-MM-DD` strings (Europe/Amsterdam civil dates).
 *
 * Deadlines in complaint procedures are counted in whole days, so we never carry a time of day or
 * an offset through the arithmetic: a daylight-saving change cannot shift a date (ADR 0011).
 * Instants only enter at the edge, through {@link amsterdamDate}.
 */

/** A civil date in Europe/Amsterdam, formatted `YYYY-MM-DD`. */
export type PlainDate = string;

/** An instant in time: a `Date` or an ISO-8601 string with an offset (as stored in JSON). */
export type Instant = Date | string;

const PLAIN_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

const amsterdamFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Amsterdam',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** True when `value` is a real calendar date written as `YYYY-MM-DD` (so no 2026-02-30). */
export function isPlainDate(value: unknown): value is PlainDate {
  if (typeof value !== 'string') return false;
  const match = PLAIN_DATE.exec(value);
  if (!match) return false;
  const [, y, m, d] = match;
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  return fromUtcDate(date) === value;
}

/** Normalises an instant to a `Date`, refusing strings that do not parse. */
export function toInstant(at: Instant): Date {
  const date = typeof at === 'string' ? new Date(at) : at;
  if (Number.isNaN(date.getTime())) throw new RangeError(`Not a valid instant: ${String(at)}`);
  return date;
}

/** The civil date in Europe/Amsterdam at the given instant (DST-aware, via the ICU time zone data). */
export function amsterdamDate(at: Instant): PlainDate {
  // en-CA formats as YYYY-MM-DD.
  return amsterdamFormat.format(toInstant(at));
}

function parts(date: PlainDate): [number, number, number] {
  const match = PLAIN_DATE.exec(date);
  if (!match) throw new RangeError(`Not a plain date (YYYY-MM-DD): ${date}`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

function fromUtcDate(date: Date): PlainDate {
  const y = String(date.getUTCFullYear()).padStart(4, '0');
  const m = String(date.getUTCMonth() + 1).padStart(2, '0');
  const d = String(date.getUTCDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

/** Days since 1970-01-01 (the date is read as a UTC midnight, so no offsets are involved). */
export function dayNumber(date: PlainDate): number {
  const [y, m, d] = parts(date);
  return Date.UTC(y, m - 1, d) / MS_PER_DAY;
}

/** Inverse of {@link dayNumber}. */
export function fromDayNumber(day: number): PlainDate {
  return fromUtcDate(new Date(day * MS_PER_DAY));
}

/** `date` plus `days` calendar days (negative subtracts). */
export function addDays(date: PlainDate, days: number): PlainDate {
  return fromDayNumber(dayNumber(date) + days);
}

/**
 * `date` plus whole calendar months. A day that does not exist in the target month falls back to
 * that month's last day (31-01 + 1 month = 28-02 or 29-02), the usual reading of "binnen een maand".
 */
export function addMonths(date: PlainDate, months: number): PlainDate {
  const [y, m, d] = parts(date);
  const monthIndex = y * 12 + (m - 1) + months;
  const year = Math.floor(monthIndex / 12);
  const month = monthIndex - year * 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return fromUtcDate(new Date(Date.UTC(year, month, Math.min(d, lastDay))));
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: PlainDate, to: PlainDate): number {
  return dayNumber(to) - dayNumber(from);
}

/** Negative, zero or positive as in `Array.prototype.sort`. */
export function compareDates(a: PlainDate, b: PlainDate): number {
  return dayNumber(a) - dayNumber(b);
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: PlainDate): number {
  const day = new Date(dayNumber(date) * MS_PER_DAY).getUTCDay();
  return day === 0 ? 7 : day;
}

/** The year of a plain date. */
export function yearOf(date: PlainDate): number {
  return parts(date)[0];
}

/** `DD-MM-YYYY`, the way dates are written in Dutch letters. */
export function formatDutch(date: PlainDate): string {
  const [y, m, d] = parts(date);
  return `${String(d).padStart(2, '0')}-${String(m).padStart(2, '0')}-${String(y).padStart(4, '0')}`;
}

const ENGLISH_MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/**
 * A date as a letter in that language writes it: `DD-MM-YYYY` in Dutch, "2 December 2026" in
 * English (where 02-12 would be read as the twelfth of February).
 */
export function formatLetterDate(date: PlainDate, lang: 'nl' | 'en'): string {
  if (lang === 'nl') return formatDutch(date);
  const [y, m, d] = parts(date);
  return `${d} ${ENGLISH_MONTHS[m - 1]} ${y}`;
}

/**
 * The instant at which `date` begins in Europe/Amsterdam (00:00 local), as an ISO string: when the
 * server schedules "run advanceTime on this date", this is the moment to use.
 */
export function amsterdamMidnight(date: PlainDate): string {
  const [y, m, d] = parts(date);
  // Amsterdam is UTC+1 or UTC+2; midnight local is 22:00 or 23:00 UTC the day before.
  for (const offsetHours of [1, 2]) {
    const candidate = new Date(Date.UTC(y, m - 1, d, -offsetHours));
    if (
      amsterdamDate(candidate) === date &&
      amsterdamDate(new Date(candidate.getTime() - 1)) !== date
    ) {
      return candidate.toISOString();
    }
  }
  throw new RangeError(`No Amsterdam midnight for ${date}`);
}
