import { amsterdamDate, type Label } from '@klachtpad/procedures';
import { caseFilter, type CaseFilter } from '../../core/authz/ability.js';
import { requestAbility } from '../../core/authz/request-ability.js';
import { requireOrganisation, type RequestContext } from '../../core/context.js';
import { countGroups } from '../../core/db/counting.js';
import { Case } from '../cases/case.entity.js';
import { dueSoonWhere, overdueWhere } from '../cases/case-urgency.js';
import { requestProcedureVersion } from '../procedures/procedure.service.js';
import { CaseStageEntry } from './case-stage-entry.entity.js';

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
  const key = JSON.stringify([organisationId, amsterdamDate(ctx.now), visible]);
  return { key, compute: () => countDashboard(ctx, organisationId, visible) };
}

async function countDashboard(
  ctx: RequestContext,
  organisationId: string,
  visible: CaseFilter,
): Promise<Dashboard> {
  if (visible === false) return { open: 0, closed: 0, overdue: 0, dueSoon: 0, stages: [] };
  const seen = { $and: [{ organisationId }, visible] };
  const open = { $and: [seen, { closed: false }] };
  const count = (where: object) => ctx.em.count(Case, where as never);
  const [openCount, closedCount, overdue, dueSoon, perStage] = await Promise.all([
    count(open),
    count({ $and: [seen, { closed: true }] }),
    count({ $and: [seen, overdueWhere(ctx.now)] }),
    count({ $and: [seen, dueSoonWhere(ctx.now)] }),
    countGroups(ctx.em, CaseStageEntry, open as never, ['procedureVersionId', 'stage']),
  ]);
  return {
    open: openCount,
    closed: closedCount,
    overdue,
    dueSoon,
    stages: await stageCounts(ctx, perStage),
  };
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
