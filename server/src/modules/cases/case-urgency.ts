import { addDays, amsterdamDate } from '@klachtpad/procedures';

/** Days ahead that count as "due soon", for the inbox and the dashboard alike. */
export const DUE_SOON_DAYS = 7;

/**
 * Open cases whose next due date (an expiry or a reminder, or the due date of a decision term
 * that ran out unanswered: `attentionDate`) has passed, as a MikroORM filter on `Case`: the one
 * meaning of "overdue" for the inbox and the dashboard.
 */
export function overdueWhere(now: Date) {
  return { closed: false, nextDueOn: { $lt: amsterdamDate(now) } };
}

/** Open cases due today or within the next {@link DUE_SOON_DAYS} days. */
export function dueSoonWhere(now: Date) {
  const today = amsterdamDate(now);
  return { closed: false, nextDueOn: { $gte: today, $lte: addDays(today, DUE_SOON_DAYS) } };
}
