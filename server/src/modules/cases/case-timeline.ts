import type { CaseEvent as EngineEvent } from '@klachtpad/procedures';
import type { ItemAudience } from '../../core/authz/ability.js';
import type { RequestContext } from '../../core/context.js';
import { defineHookPoint } from '../../core/hooks.js';
import { defineCaseItemLoader } from '../case-access/case-items.js';
import { CaseEvent } from './case-event.entity.js';
import type { Case } from './case.entity.js';

/**
 * Engine events the client side does not see: tasks and notifications are staff work, and which
 * member of staff a complaint turned out to be about is staff's to record (ADR 0097).
 */
const INTERNAL_EVENTS = new Set<EngineEvent['type']>([
  'task-created',
  'notification-requested',
  'subject-named',
]);

/** Engine events a referred commission always sees: its own referral starting and ending. */
const COMMISSION_EVENTS = new Set<EngineEvent['type']>(['referred', 'referral-ended']);

/** A timeline entry to append: what happened and who may see it. */
export interface TimelineEntry extends Partial<ItemAudience> {
  type: string;
  payload: Record<string, unknown>;
  visibility: ItemAudience['visibility'];
  onBehalfOfId?: string | null | undefined;
}

/**
 * Appends the engine's events of one change. `byCommission` marks a change made by a member of a
 * referred commission: what a commission does is part of the bundle it sees.
 */
export async function appendEngineEvents(
  ctx: RequestContext,
  kase: Case,
  events: EngineEvent[],
  options: { onBehalfOfId?: string | undefined; byCommission?: boolean } = {},
): Promise<void> {
  await appendTimeline(
    ctx,
    kase,
    events.map((event) => ({
      type: event.type,
      visibility: INTERNAL_EVENTS.has(event.type) ? 'internal' : 'shared',
      bundled: options.byCommission === true || COMMISSION_EVENTS.has(event.type),
      payload: sharedPayload(event),
      onBehalfOfId: options.onBehalfOfId,
    })),
  );
}

/**
 * The engine event as its timeline audience may read it. A measure's owner is staff work (the
 * client side sees what will be done and by when, not by whom): the shared `measure-recorded`
 * event leaves it out, and staff read it from `Case.measures`.
 */
function sharedPayload(event: EngineEvent): Record<string, unknown> {
  if (event.type !== 'measure-recorded') return event as unknown as Record<string, unknown>;
  const { owner: _owner, ...measure } = event.measure;
  return { ...event, measure };
}

/**
 * What appending needs: the transaction, its clock, who acts (none for the system itself) and the
 * hooks of the modules that react to what was appended.
 */
export type TimelineWriter = RequestContext;

/** Entries just appended to a case's timeline (persisted in the transaction, not yet flushed). */
export interface TimelineAppended {
  kase: Case;
  events: CaseEvent[];
}

/**
 * Every entry appended to a timeline, from the engine or a module (a letter sent, a meeting
 * planned, a handler assigned), with its audience: an effect point for modules that tell people
 * what happened (notifications), in the transaction that appends them.
 */
export const CASE_TIMELINE_APPENDED = defineHookPoint<TimelineAppended>('case-timeline-appended');

/**
 * Appends entries to a case's timeline, in the transaction of the change they record: the rows
 * are also the outbox for live updates, so each carries its audience for re-checking on delivery.
 * The case row is locked (or new) while it changes, so counting its events gives the next number.
 */
export async function appendTimeline(
  ctx: TimelineWriter,
  kase: Case,
  entries: TimelineEntry[],
): Promise<void> {
  if (entries.length === 0) return;
  const last = await ctx.em.count(CaseEvent, {
    organisationId: kase.organisationId,
    caseId: kase.id,
  });
  const events = entries.map((entry, index) =>
    Object.assign(new CaseEvent(), {
      organisationId: kase.organisationId,
      caseId: kase.id,
      case: kase,
      sequence: last + index + 1,
      type: entry.type,
      visibility: entry.visibility,
      bundled: entry.bundled ?? false,
      addresseeId: entry.addresseeId ?? null,
      actorId: ctx.viewer?.userId ?? null,
      onBehalfOfId: entry.onBehalfOfId ?? null,
      payload: entry.payload,
      occurredAt: ctx.now,
    }),
  );
  for (const event of events) ctx.em.persist(event);
  await ctx.hooks.effects(ctx, CASE_TIMELINE_APPENDED, { kase, events });
}

// Entries are appended, never changed by what reads them (the one column that changes, `bundled`,
// changes on rows the bundle service loads itself): read without being managed.
const timelines = defineCaseItemLoader(CaseEvent, { sequence: 'asc' }, { readOnly: true });

/**
 * The timeline entries of a case the viewer may see, in order; the timelines of a listed page
 * load in one query.
 */
export function caseTimeline(ctx: RequestContext, kase: Case): Promise<CaseEvent[]> {
  return timelines(ctx, kase);
}
