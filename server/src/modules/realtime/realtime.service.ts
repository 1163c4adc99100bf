import type { RequestContext } from '../../core/context.js';
import { requireOrganisation } from '../../core/context.js';
import { withTenantTransaction } from '../../core/db/tenant-session.js';
import { AppError, badInput, notFound } from '../../core/errors.js';
import { liveSignals } from '../../core/realtime/live-stream.js';
import {
  comparePositions,
  decodePosition,
  encodePosition,
  toSignals,
  type CaseChangeSignal,
  type FeedSignal,
  type FeedPosition,
  type NotificationSignal,
  type OutboxFeed,
} from '../../core/realtime/outbox-feed.js';
import { findVisibleCase } from '../case-access/case-gate.js';
import { toTimelineEventView, toView } from '../cases/case.resolver.js';
import { caseTimeline } from '../cases/case-timeline.js';
import { dashboardScope, type Dashboard } from '../insights/dashboard.service.js';
import type { DashboardView } from '../insights/insights.types.js';
import { Notification } from '../notifications/notification.entity.js';
import { toNotificationView } from '../notifications/notification.resolver.js';
import type { NotificationView } from '../notifications/notification.types.js';
import type { CaseUpdateView } from './realtime.types.js';

/** A resume further back than this is refused: the client reloads instead. */
export const MAX_RESUMED_EVENTS = 5000;

/** How often a viewer's dashboard is pushed at most (issue 9: once a second). */
export const DASHBOARD_INTERVAL_MS = 1000;

/**
 * The subscriber may no longer see what they subscribed to (a grant revoked, a referral ended, a
 * handler unassigned): the socket closes with 4403 (request/websocket.ts).
 */
export class LiveAccessEnded extends AppError {
  constructor() {
    super('FORBIDDEN', 'You no longer have access to this case.');
  }
}

function feedOf(ctx: RequestContext): OutboxFeed {
  if (!ctx.feed) throw new Error('Subscriptions need the live feed.');
  return ctx.feed;
}

/**
 * `caseUpdated`'s source: refused exactly as `case(id)` is (not there and not yours alike), then
 * what the subscriber missed after `after`, then live changes, each once and in feed order.
 */
export async function subscribeCaseUpdates(
  ctx: RequestContext,
  args: { caseId?: string | null | undefined; after?: string | null | undefined },
): Promise<AsyncIterable<CaseChangeSignal>> {
  const { organisationId } = requireOrganisation(ctx);
  const caseId = args.caseId ?? undefined;
  if (caseId !== undefined && !(await findVisibleCase(ctx, caseId))) throw notFound('Zaak');
  let last: FeedPosition | undefined;
  if (args.after != null) {
    last = decodePosition(args.after);
    if (!last) throw badInput('`after` is not a cursor of this subscription.');
  }
  const after = last;
  return liveSignals<CaseChangeSignal>(
    feedOf(ctx),
    { stream: 'case', organisationId, caseId },
    {
      backlog: after
        ? (routedBelow) => missedChanges(ctx, organisationId, caseId, after, routedBelow)
        : undefined,
      isNew: (signal) => !last || comparePositions(signal.position, last) > 0,
      delivered: (signal) => (last = signal.position),
    },
  );
}

/**
 * The changes after `after` that this process routed before the subscriber joined: addresses
 * only (their content is read per subscriber like any live change), in its own transaction.
 */
async function missedChanges(
  ctx: RequestContext,
  organisationId: string,
  caseId: string | undefined,
  after: FeedPosition,
  routedBelow: bigint,
): Promise<CaseChangeSignal[]> {
  const rows = await withTenantTransaction(ctx.orm, { organisationId }, (em) =>
    em.execute<{ case_id: string; id: string; txid: string }[]>(
      `select case_id, id::text as id, txid::text as txid from case_events
        where organisation_id = ? ${caseId ? 'and case_id = ?' : ''}
          and (txid, id) > (?::xid8, ?) and txid < ?::xid8
        order by txid, id limit ?`,
      [
        organisationId,
        ...(caseId ? [caseId] : []),
        after.txid.toString(),
        after.id.toString(),
        routedBelow.toString(),
        MAX_RESUMED_EVENTS + 1,
      ],
    ),
  );
  if (rows.length > MAX_RESUMED_EVENTS)
    throw badInput('Too much happened since `after`: load the case again and subscribe anew.');
  return toSignals(
    rows.map((row) => ({
      stream: 'case',
      organisation_id: organisationId,
      case_id: row.case_id,
      user_id: null,
      item_id: row.id,
      txid: row.txid,
      seq: row.id,
    })),
  ) as CaseChangeSignal[];
}

/** Updates a live batch has already checked and built for one subscriber's push (ADR 0079). */
const prepared = new WeakMap<
  RequestContext,
  { signal: CaseChangeSignal; update: CaseUpdateView }
>();

/**
 * Hands `caseUpdate` the update a live batch built for this subscriber from the batch's shared
 * rows, checked with their ability (request/live-fanout.ts): resolved in `ctx`, the push reads
 * nothing itself.
 */
export function prepareCaseUpdate(
  ctx: RequestContext,
  signal: CaseChangeSignal,
  update: CaseUpdateView,
): void {
  prepared.set(ctx, { signal, update });
}

/**
 * One change as this subscriber may see it, read in their own transaction with their own
 * ability: null (nothing is sent) when none of its entries is theirs to see. A subscriber to one
 * case who lost it is refused, which closes their socket.
 */
export async function caseUpdate(
  ctx: RequestContext,
  signal: CaseChangeSignal,
  subscribedCaseId: string | undefined,
): Promise<CaseUpdateView | null> {
  const ready = prepared.get(ctx);
  if (ready?.signal === signal) return ready.update;
  const visible = await findVisibleCase(ctx, signal.caseId);
  if (!visible) {
    if (subscribedCaseId !== undefined) throw new LiveAccessEnded();
    return null;
  }
  const ids = new Set(signal.eventIds);
  const events = (await caseTimeline(ctx, visible.kase)).filter((event) =>
    ids.has(String(event.id)),
  );
  if (events.length === 0) return null;
  return {
    cursor: encodePosition(signal.position),
    case: await toView(ctx, visible.kase),
    events: events.map(toTimelineEventView),
  };
}

/** `dashboardUpdated`'s source: once at once, then at most once a second after a change. */
export function dashboardTicks(ctx: RequestContext): AsyncIterable<FeedSignal | 'now'> {
  const { organisationId } = requireOrganisation(ctx);
  return liveSignals<FeedSignal | 'now'>(
    feedOf(ctx),
    { stream: 'case', organisationId },
    { coalesce: { everyMs: DASHBOARD_INTERVAL_MS, initial: 'now' } },
  );
}

/** One group's dashboard, as of one change of its organisation. */
interface SharedDashboard {
  organisationId: string;
  /** The organisation's last routed change when the counting started. */
  asOf: string;
  result: Promise<Dashboard>;
}

/** Per process (per feed): the dashboards being or last computed, by group key. */
interface DashboardGroups {
  byKey: Map<string, SharedDashboard>;
  /** Dashboards actually counted, for the tests and the bench. */
  stats: { computations: number };
}

const dashboardGroups = new WeakMap<OutboxFeed, DashboardGroups>();

function groupsOf(feed: OutboxFeed): DashboardGroups {
  let groups = dashboardGroups.get(feed);
  if (!groups)
    dashboardGroups.set(feed, (groups = { byKey: new Map(), stats: { computations: 0 } }));
  return groups;
}

/** How many dashboards this process has counted for pushes (ADR 0078). */
export function dashboardComputations(feed: OutboxFeed): number {
  return groupsOf(feed).stats.computations;
}

/**
 * The viewer's dashboard, for a push (the websocket layer drops a push that changed nothing).
 * The push itself is the subscriber's: their session, membership and ability are checked in
 * their own transaction. The counting is shared by every viewer whose dashboard is the same by
 * construction (`dashboardScope`'s key) and asks after the same change of the organisation:
 * counted once, by the first of them, after that change was routed, so it has seen it (ADR 0078).
 */
export async function dashboardUpdate(ctx: RequestContext): Promise<DashboardView> {
  const { organisationId } = requireOrganisation(ctx);
  const scope = await dashboardScope(ctx);
  if (!ctx.feed) return scope.compute();
  const groups = groupsOf(ctx.feed);
  const asOf = ctx.feed.lastCaseChangeOf(organisationId);
  const shared = groups.byKey.get(scope.key);
  if (shared && shared.asOf === asOf) return shared.result;
  const feed = ctx.feed;
  // What an earlier change left behind for this organisation is stale now.
  for (const [key, entry] of groups.byKey)
    if (entry.asOf !== feed.lastCaseChangeOf(entry.organisationId)) groups.byKey.delete(key);
  groups.stats.computations += 1;
  const entry: SharedDashboard = { organisationId, asOf, result: scope.compute() };
  groups.byKey.set(scope.key, entry);
  entry.result.catch(() => {
    if (groups.byKey.get(scope.key) === entry) groups.byKey.delete(scope.key);
  });
  return entry.result;
}

/** `notificationReceived`'s source: the viewer's own notifications in this organisation. */
export async function subscribeNotifications(
  ctx: RequestContext,
): Promise<AsyncIterable<NotificationSignal>> {
  const { organisationId, viewer } = requireOrganisation(ctx);
  return liveSignals<NotificationSignal>(feedOf(ctx), {
    stream: 'notification',
    organisationId,
    userId: viewer.userId,
  });
}

/** The notification, read as its recipient (the tables' own-row policy applies); null if gone. */
export async function receivedNotification(
  ctx: RequestContext,
  signal: NotificationSignal,
): Promise<NotificationView | null> {
  const { organisationId, viewer } = requireOrganisation(ctx);
  const notification = await ctx.em.findOne(Notification, {
    organisationId,
    id: signal.notificationId,
    userId: viewer.userId,
  });
  return notification ? toNotificationView(notification) : null;
}
