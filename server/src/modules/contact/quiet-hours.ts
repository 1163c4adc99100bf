/**
 * Quiet hours are wall-clock times in Europe/Amsterdam ('22:00'–'07:00' may run over midnight).
 * Pure: the instant is always passed in.
 */

const MINUTE_MS = 60_000;

function amsterdamMinuteOfDay(at: Date): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Amsterdam',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const hour = Number(parts.find((p) => p.type === 'hour')!.value);
  const minute = Number(parts.find((p) => p.type === 'minute')!.value);
  return hour * 60 + minute;
}

const minutesOf = (time: string) => {
  const [h, m] = time.split(':').map(Number);
  return h! * 60 + m!;
};

/** Whether `at` falls in the quiet hours [from, to). */
export function isQuiet(at: Date, from: string, to: string): boolean {
  const now = amsterdamMinuteOfDay(at);
  const start = minutesOf(from);
  const end = minutesOf(to);
  if (start === end) return false;
  return start < end ? now >= start && now < end : now >= start || now < end;
}

/**
 * The first moment at or after `at` outside the quiet hours: when a held-back message may go.
 * Walks minute by minute through at most a day, so daylight-saving changes need no arithmetic.
 */
export function nextAllowedMoment(at: Date, from: string, to: string): Date {
  let candidate = new Date(Math.floor(at.getTime() / MINUTE_MS) * MINUTE_MS);
  if (!isQuiet(at, from, to)) return at;
  for (let step = 0; step < 24 * 60 + 120; step += 1) {
    candidate = new Date(candidate.getTime() + MINUTE_MS);
    if (!isQuiet(candidate, from, to)) return candidate;
  }
  return candidate;
}
