import { amsterdamMidnight, nextDay } from '../case/today';

/** What the access log's filter form holds, as the address keeps it (`?zaak=&persoon=&van=&tot=`). */
export interface AccessLogFilterForm {
  /** A case reference, e.g. BMHR-2026-0003. */
  caseReference: string;
  /** The id of the person whose lines to see, or empty for everyone. */
  actorId: string;
  /** Civil days in Amsterdam, YYYY-MM-DD; `to` is included. */
  from: string;
  to: string;
}

export const EMPTY_ACCESS_LOG_FILTER: AccessLogFilterForm = {
  caseReference: '',
  actorId: '',
  from: '',
  to: '',
};

const PARAMS = { caseReference: 'zaak', actorId: 'persoon', from: 'van', to: 'tot' } as const;

export function filterFromParams(params: URLSearchParams): AccessLogFilterForm {
  return {
    caseReference: params.get(PARAMS.caseReference) ?? '',
    actorId: params.get(PARAMS.actorId) ?? '',
    from: params.get(PARAMS.from) ?? '',
    to: params.get(PARAMS.to) ?? '',
  };
}

export function paramsFromFilter(form: AccessLogFilterForm): Record<string, string> {
  const params: Record<string, string> = {};
  for (const key of Object.keys(PARAMS) as (keyof AccessLogFilterForm)[]) {
    const value = form[key].trim();
    if (value) params[PARAMS[key]] = value;
  }
  return params;
}

export interface AccessLogFilterVariables {
  caseReference?: string;
  actorId?: string;
  from?: string;
  to?: string;
}

/**
 * The form as the API's `AccessLogFilter`: empty fields left out, the period from the start of the
 * first day to the end of the last one in Amsterdam. The server filters in SQL within the
 * organisation, so this can only narrow.
 */
export function toAccessLogFilter(form: AccessLogFilterForm): AccessLogFilterVariables {
  const filter: AccessLogFilterVariables = {};
  const reference = form.caseReference.trim().toUpperCase();
  if (reference) filter.caseReference = reference.slice(0, 40);
  if (form.actorId) filter.actorId = form.actorId;
  if (isDay(form.from)) filter.from = amsterdamMidnight(form.from);
  if (isDay(form.to)) filter.to = amsterdamMidnight(nextDay(form.to));
  return filter;
}

/** Why the form cannot be applied as it is, by field. */
export function filterProblems(form: AccessLogFilterForm): { to?: 'toBeforeFrom' } {
  return isDay(form.from) && isDay(form.to) && form.to < form.from ? { to: 'toBeforeFrom' } : {};
}

function isDay(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value);
}
