import {
  amsterdamDate,
  legalDecisionTerm,
  maxCalendarDays,
  type Label,
  type PlainDate,
} from '@klachtpad/procedures';
import { caseFilter, type CaseFilter } from '../../core/authz/ability.js';
import { requestAbility } from '../../core/authz/request-ability.js';
import { requireOrganisation, type RequestContext } from '../../core/context.js';
import { countGroups, percentilesOf } from '../../core/db/counting.js';
import { Case } from '../cases/case.entity.js';
import { dueSoonWhere, overdueWhere } from '../cases/case-urgency.js';
import { latestProcedure, requestProcedureVersion } from '../procedures/procedure.service.js';
import { CaseStageEntry } from './case-stage-entry.entity.js';
import {
  categoryCounts,
  categoryLabel,
  OUTCOME_LABELS,
  outcomeCounts,
  type OutcomeKey,
} from './groups.js';
import { CaseClosing, CasePartClosing, CaseReceipt } from './insight-rows.entity.js';
import type { CountedGroup } from './suppression.js';

export interface StageCount {
  track: string;
  stage: string;
  label: Label;
  count: number;
}

export interface Dashboard {
  open: number;
  closed: number;
  /** Open cases whose next due date (an expiry or a reminder) has passed. */
  overdue: number;
  /** Open cases due today or within the next DUE_SOON_DAYS days (case-urgency). */
  dueSoon: number;
  /** Open cases per active stage; a case in two tracks counts in both. */
  stages: StageCount[];
  /** Time from receipt to closing against the decision term, over the trend months. */
  leadTimes: LeadTimes;
  /** Cases received per month of the trend and category; every month, every category. */
  receivedByCategory: TrendCount[];
  /** Complaint parts of the cases closed per month of the trend, by outcome. */
  closedByOutcome: TrendCount[];
}

/** How many months the trends and lead times look back, the current month included. */
export const TREND_MONTHS = 12;

export interface LeadTimes {
  /** The first day of the first trend month: cases closed since then are counted. */
  since: PlainDate;
  closed: number;
  medianDays: number | null;
  /** Nine in ten closed cases took at most this many days. */
  p90Days: number | null;
  /** Closed cases that had a decision term (a clock of purpose `decision`). */
  withTerm: number;
  /** Of those, closed on or before the term's due date (extensions and suspensions included). */
  withinTerm: number;
  /** The longest decision term the current procedure's regime allows, in days; null if none. */
  legalTermDays: number | null;
}

export interface TrendCount {
  /** `YYYY-MM`. */
  month: string;
  key: string;
  label: Label;
  count: number;
}

/**
 * The viewer's dashboard: counts over exactly the cases they may see (the same SQL filter from
 * the ability as the case list), so a handler counts their assigned cases, a client their own
 * and a commission member the referred ones. Counted in SQL; no case is loaded.
 */
export async function dashboard(ctx: RequestContext): Promise<Dashboard> {
  return (await dashboardScope(ctx)).compute();
}

/** What decides a viewer's dashboard, and how to count it. */
export interface DashboardScope {
  /**
   * Equal for two viewers only if their dashboards are equal: the organisation, the day the
   * urgency counts are taken on, and the SQL filter of the cases they may see, which is all the
   * counting reads (ADR 0078). Viewers whose filters differ never share, even where their cases
   * happen to coincide.
   */
  key: string;
  compute(): Promise<Dashboard>;
}

export async function dashboardScope(ctx: RequestContext): Promise<DashboardScope> {
  const { organisationId } = requireOrganisation(ctx);
  const { ability } = await requestAbility(ctx);
  const visible = caseFilter(ability, 'read');
  // Lead times and trends are management information (ADR 0086): part of the key, as they
  // are part of what is counted.
  const insights = ability.can('readInsights', 'Organisation');
  const key = JSON.stringify([organisationId, amsterdamDate(ctx.now), visible, insights]);
  return { key, compute: () => countDashboard(ctx, organisationId, visible, insights) };
}

async function countDashboard(
  ctx: RequestContext,
  organisationId: string,
  visible: CaseFilter,
  insights: boolean,
): Promise<Dashboard> {
  const today = amsterdamDate(ctx.now);
  if (visible === false) {
    return { open: 0, closed: 0, overdue: 0, dueSoon: 0, stages: [], ...noInsights(today) };
  }
  const seen = { $and: [{ organisationId }, visible] };
  const open = { $and: [seen, { closed: false }] };
  const count = (where: object) => ctx.em.count(Case, where as never);
  const [openCount, closedCount, overdue, dueSoon, perStage, management] = await Promise.all([
    count(open),
    count({ $and: [seen, { closed: true }] }),
    count({ $and: [seen, overdueWhere(ctx.now)] }),
    count({ $and: [seen, dueSoonWhere(ctx.now)] }),
    countGroups(ctx.em, CaseStageEntry, open as never, ['procedureVersionId', 'stage']),
    insights ? countInsights(ctx, seen, today) : noInsights(today),
  ]);
  return {
    open: openCount,
    closed: closedCount,
    overdue,
    dueSoon,
    stages: await stageCounts(ctx, perStage),
    ...management,
  };
}

type Insights = Pick<Dashboard, 'leadTimes' | 'receivedByCategory' | 'closedByOutcome'>;

/**
 * What someone who may not read management information gets: nothing, whatever the data, so it
 * is the same answer as for an organisation without a single case.
 */
function noInsights(today: PlainDate): Insights {
  return {
    leadTimes: {
      since: `${trendMonths(today)[0]}-01`,
      closed: 0,
      medianDays: null,
      p90Days: null,
      withTerm: 0,
      withinTerm: 0,
      legalTermDays: null,
    },
    receivedByCategory: [],
    closedByOutcome: [],
  };
}

/**
 * Lead times and monthly trends over the cases the viewer may see (`seen`: the organisation and
 * the ability's filter), counted and ranked in SQL: no case is loaded. The groups are fixed by
 * the procedure and the format (groups.ts), every month with every group, so a chart's axes do
 * not depend on which cells happen to be filled.
 */
async function countInsights(
  ctx: RequestContext,
  seen: object,
  today: PlainDate,
): Promise<Insights> {
  const months = trendMonths(today);
  const since = `${months[0]}-01`;
  const received = { $and: [seen, { receivedOn: { $gte: since } }] } as never;
  const closed = { $and: [seen, { closedOn: { $gte: since } }] } as never;
  const [perCategory, perTerm, [medianDays = null, p90Days = null], perOutcome, procedure] =
    await Promise.all([
      countGroups(ctx.em, CaseReceipt, received, ['receivedMonth', 'category']),
      countGroups(ctx.em, CaseClosing, closed, ['withinTerm']),
      percentilesOf(ctx.em, CaseClosing, closed, 'leadDays', [0.5, 0.9]),
      countGroups(ctx.em, CasePartClosing, closed, ['closedMonth', 'outcome']),
      latestProcedure(ctx),
    ]);
  const known = procedure?.definition.filing.categories ?? [];
  const term = procedure ? legalDecisionTerm(procedure.definition) : undefined;
  const sum = (rows: { count: number }[]) => rows.reduce((total, row) => total + row.count, 0);
  return {
    leadTimes: {
      since,
      closed: sum(perTerm),
      medianDays,
      p90Days,
      withTerm: sum(perTerm.filter((row) => row.withinTerm !== null)),
      withinTerm: sum(perTerm.filter((row) => row.withinTerm === true)),
      legalTermDays: term ? maxCalendarDays(term) : null,
    },
    receivedByCategory: months.flatMap((month) =>
      trend(
        month,
        categoryCounts(
          known,
          perCategory.filter((row) => row.receivedMonth === month),
        ),
        categoryLabel(known),
      ),
    ),
    closedByOutcome: months.flatMap((month) =>
      trend(
        month,
        outcomeCounts(perOutcome.filter((row) => row.closedMonth === month)),
        (key) => OUTCOME_LABELS[key as OutcomeKey],
      ),
    ),
  };
}

function trend(month: string, groups: CountedGroup[], label: (key: string) => Label) {
  return groups.map(({ key, count }) => ({ month, key, label: label(key), count }));
}

/** The trend's months, `YYYY-MM`, oldest first, ending with the month of `today`. */
export function trendMonths(today: PlainDate): string[] {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  return Array.from({ length: TREND_MONTHS }, (_, index) => {
    const back = month - (TREND_MONTHS - 1 - index) - 1;
    const y = year + Math.floor(back / 12);
    const m = ((back % 12) + 12) % 12;
    return `${y}-${String(m + 1).padStart(2, '0')}`;
  });
}

/**
 * Merges the per-version counts into one count per stage, labelled from the procedure (the
 * newest version's wording wins when versions differ).
 */
async function stageCounts(
  ctx: RequestContext,
  perStage: { procedureVersionId: string; stage: string; count: number }[],
): Promise<StageCount[]> {
  const procedures = await Promise.all(
    perStage.map((row) => requestProcedureVersion(ctx, row.procedureVersionId)),
  );
  const merged = new Map<string, StageCount & { version: number; position: number }>();
  perStage.forEach((row, index) => {
    const { version, definition } = procedures[index]!;
    const [track = '', stage = ''] = row.stage.split(':');
    const trackIndex = definition.tracks.findIndex((t) => t.id === track);
    const stageIndex = definition.tracks[trackIndex]?.stages.findIndex((s) => s.id === stage) ?? -1;
    const label = definition.tracks[trackIndex]?.stages[stageIndex]?.label ?? {
      nl: stage,
      en: stage,
    };
    const existing = merged.get(row.stage);
    const newer = !existing || version.version > existing.version;
    merged.set(row.stage, {
      track,
      stage,
      count: (existing?.count ?? 0) + row.count,
      // Wording and order follow the newest version the counted cases are on.
      label: newer ? label : existing.label,
      version: newer ? version.version : existing.version,
      position: newer ? trackIndex * 1000 + stageIndex : existing.position,
    });
  });
  return [...merged.values()]
    .sort((a, b) => a.position - b.position)
    .map(({ track, stage, label, count }) => ({ track, stage, label, count }));
}
