/** What the inbox's filter form holds: every field a string, as form controls give them. */
export interface InboxFilterForm {
  stage: string;
  /** A handler's id, `none` for the unassigned, or empty for everyone. */
  handler: string;
  /** `mine`: the cases the viewer is responsible for in their current stage; empty for all. */
  responsible: string;
  /** `overdue`, `dueSoon`, `closed` or empty (every open case). */
  urgency: string;
  channel: string;
  category: string;
  search: string;
  order: InboxOrder;
}

/** The inbox's orders (`CaseOrder`): urgent first by default; the others group or look up. */
export const INBOX_ORDERS = [
  'URGENCY',
  'NEWEST',
  'REFERENCE',
  'STAGE',
  'HANDLER',
  'CATEGORY',
] as const;
export type InboxOrder = (typeof INBOX_ORDERS)[number];

export const EMPTY_FILTER: InboxFilterForm = {
  stage: '',
  handler: '',
  responsible: '',
  urgency: '',
  channel: '',
  category: '',
  search: '',
  order: 'URGENCY',
};

export const CHANNELS = ['portal', 'confidant', 'in-person', 'phone', 'paper', 'email'] as const;

export interface CaseFilterVariables {
  closed: boolean;
  stage?: string;
  handlerId?: string;
  unassigned?: boolean;
  responsibleForMe?: boolean;
  overdue?: boolean;
  dueSoon?: boolean;
  channel?: string;
  category?: string;
  search?: string;
}

/**
 * The form as the API's `CaseFilter`: empty fields are left out (no filter), open cases unless
 * the closed ones are asked for, search text trimmed. The server filters in SQL after the
 * viewer's access, so this can only narrow.
 */
export function toCaseFilter(form: InboxFilterForm): CaseFilterVariables {
  const filter: CaseFilterVariables = { closed: form.urgency === 'closed' };
  if (form.stage) filter.stage = form.stage;
  if (form.handler === 'none') filter.unassigned = true;
  else if (form.handler) filter.handlerId = form.handler;
  if (form.responsible === 'mine') filter.responsibleForMe = true;
  if (form.urgency === 'overdue') filter.overdue = true;
  if (form.urgency === 'dueSoon') filter.dueSoon = true;
  if (form.channel) filter.channel = form.channel;
  const category = form.category.trim();
  if (category) filter.category = category;
  const search = form.search.trim();
  if (search) filter.search = search.slice(0, 100);
  return filter;
}

/** How urgent a case is by its next due date: what the inbox marks it with. */
export function urgencyOf(due: string | undefined, today: string): 'overdue' | 'dueSoon' | null {
  if (!due) return null;
  if (due < today) return 'overdue';
  const soon = new Date(`${today}T00:00:00Z`);
  soon.setUTCDate(soon.getUTCDate() + DUE_SOON_DAYS);
  return due <= soon.toISOString().slice(0, 10) ? 'dueSoon' : null;
}

/** The server's due-soon window (`DUE_SOON_DAYS` in the server's case-urgency). */
export const DUE_SOON_DAYS = 7;
