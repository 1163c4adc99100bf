/** Today's date in Europe/Amsterdam (YYYY-MM-DD): the day the procedure's dates count in. */
export function amsterdamToday(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Amsterdam',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

/** The start of a civil day in Amsterdam, as an instant (winter or summer time). */
export function amsterdamMidnight(date: string): string {
  const noon = new Date(`${date}T12:00:00Z`);
  const offsetHours =
    Number(
      new Intl.DateTimeFormat('en-GB', {
        timeZone: 'Europe/Amsterdam',
        hour: '2-digit',
        hour12: false,
      })
        .format(noon)
        .slice(0, 2),
    ) - 12;
  return new Date(Date.parse(`${date}T00:00:00Z`) - offsetHours * 3_600_000).toISOString();
}

/** The civil day after `date` (YYYY-MM-DD). */
export function nextDay(date: string): string {
  const day = new Date(`${date}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + 1);
  return day.toISOString().slice(0, 10);
}
