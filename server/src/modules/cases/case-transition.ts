import {
  attentionDate,
  responsibleNow,
  type ActionDefinition,
  type Actor,
  type Applied,
  type CaseState,
  type ProcedureDefinition,
  type RefusalCode,
  type RefusalReason,
} from '@klachtpad/procedures';
import type { RequestContext } from '../../core/context.js';
import { defineHookPoint } from '../../core/hooks.js';
import { appendEngineEvents } from './case-timeline.js';
import type { Case } from './case.entity.js';

/**
 * How the case aggregate lets other modules react to what the procedure engine does, without
 * knowing them (ADR 0035). Every change of a case's engine state is a transition: filing, an
 * action, time running on, a referral that ended outside the procedure, a subject named. The case service asks
 * the engine, then runs the transition through one seam:
 *
 * 1. `CASE_CATCH_UP` (effects) — before the engine is asked about a locked case, each module
 *    brings its own due work on it up to date (a referral whose term has passed is ended first,
 *    so the engine never takes it for a running one); `CASE_ACTION_INPUTS` (veto) — the module
 *    that owns a kind of input checks what an action names of it (documents of this case the
 *    actor sees) before the engine stores it;
 * 2. `CASE_TRANSITION` veto — with the engine's answer in hand, before anything is written, any
 *    module may refuse (as data, or as bad input), and nothing is written;
 * 3. the case row takes the new state and derived columns, the engine's events go on the timeline;
 * 4. `CASE_TRANSITION` effects — each module writes its own rows (referrals, grants, …) in the
 *    same transaction. The realtime outbox and the deadline scheduler hang on this step too: it
 *    sees the events appended and the new derived state (`nextDueOn`, `clockChanges`).
 */

/** What changed the engine state. */
export type CaseTransitionKind = 'filed' | 'action' | 'time' | 'referral-ended' | 'subject-named';

export interface CaseTransition {
  kind: CaseTransitionKind;
  /** Locked (or new, not yet written during the veto of a filing). */
  kase: Case;
  definition: ProcedureDefinition;
  /** The state before; undefined when the case is being filed. */
  previous: CaseState | undefined;
  /** The engine's answer: the new state, its events and clock changes. */
  applied: Applied;
  /** The action taken, by whom, with what (for `action`). */
  action?: { id: string; actor: Actor; payload: Record<string, unknown> };
  /** Why a referral ended outside the procedure (for `referral-ended`). */
  referralEnd?: 'expired' | 'staff';
  /** The client the actor acts for, when a confidant acts; recorded on every event. */
  onBehalfOfId: string | null;
  /** A member of a referred commission acts: what a commission does joins its bundle. */
  byCommission: boolean;
}

/** Codes a module may refuse a transition with, next to the engine's own. A closed list. */
export const TRANSITION_VETO_CODES = ['commission-not-linked'] as const;
export type TransitionVetoCode = (typeof TRANSITION_VETO_CODES)[number];

/** A refused change, from the engine or a module; nothing was written. */
export interface CaseRefusal {
  code: RefusalCode | TransitionVetoCode;
  reasons: RefusalReason[];
}

/** What a change of a case comes to: the case as it now is, or the refusal; for resolvers. */
export type CaseChange =
  { kind: 'changed'; case: Case } | { kind: 'refused'; refusal: CaseRefusal };

export const CASE_TRANSITION = defineHookPoint<CaseTransition, CaseRefusal>('case-transition');

/** A locked case about to be changed: each module brings its own due work on it up to date. */
export interface CaseCatchUp {
  kase: Case;
  definition: ProcedureDefinition;
}
export const CASE_CATCH_UP = defineHookPoint<CaseCatchUp>('case-catch-up');

/** An action's inputs, before the engine is asked: checked by the module owning each kind. */
export interface CaseActionInputs {
  kase: Case;
  definition: ProcedureDefinition;
  /** The action as the procedure defines it; undefined for an action it does not know. */
  action: ActionDefinition | undefined;
  payload: Record<string, unknown>;
}
export const CASE_ACTION_INPUTS = defineHookPoint<CaseActionInputs, CaseRefusal>(
  'case-action-inputs',
);

/** Asks every module whether the transition may happen; the first refusal wins. */
export function vetoTransition(
  ctx: RequestContext,
  transition: CaseTransition,
): Promise<CaseRefusal | undefined> {
  return ctx.hooks.veto(ctx, CASE_TRANSITION, transition);
}

/**
 * Writes an allowed transition: the case row takes the engine's state and the columns derived
 * from it, the engine's events go on the timeline, then every module's effects run. The case is
 * locked (or new and persisted).
 */
export async function completeTransition(
  ctx: RequestContext,
  transition: CaseTransition,
): Promise<void> {
  const { kase, definition, applied } = transition;
  Object.assign(kase, derivedColumns(definition, applied.state, kase.withBestuur), {
    updatedAt: ctx.now,
  });
  await appendEngineEvents(ctx, kase, applied.events, {
    byCommission: transition.byCommission,
    onBehalfOfId: transition.onBehalfOfId ?? undefined,
  });
  await ctx.hooks.effects(ctx, CASE_TRANSITION, transition);
}

/** A transition on an existing, locked case: vetoes, then writing it. */
export async function commitTransition(
  ctx: RequestContext,
  transition: CaseTransition,
): Promise<CaseRefusal | undefined> {
  const refusal = await vetoTransition(ctx, transition);
  if (refusal) return refusal;
  await completeTransition(ctx, transition);
  return undefined;
}

/** Lets every module catch up on a locked case before the engine is asked about it. */
export function catchUp(ctx: RequestContext, kase: Case, definition: ProcedureDefinition) {
  return ctx.hooks.effects(ctx, CASE_CATCH_UP, { kase, definition });
}

/**
 * The columns SQL needs beside the engine state, always derived from it (`withBestuur` from it
 * and what the case was before: `wasWithBestuur`).
 */
export function derivedColumns(
  definition: ProcedureDefinition,
  state: CaseState,
  wasWithBestuur = false,
) {
  return {
    state,
    version: state.version,
    stages: Object.entries(state.tracks)
      .filter(([, track]) => track.status === 'active')
      .map(([track, { stage }]) => `${track}:${stage}`),
    receivedOn: state.receivedOn,
    // The date the case needs attention by (an unanswered, expired decision term included), for
    // the inbox's urgency and the dashboard's overdue count; the clock jobs keep their own dates.
    nextDueOn: attentionDate(definition, state) ?? null,
    closed: state.closed,
    withBestuur: bestuurHasIt(definition, state) ?? wasWithBestuur,
  };
}

/**
 * Whether the bestuur has the complaint, by the positions of the director's stages active now
 * (ADR 0098): a directie's stage means the directie has it, else a bestuur's stage the bestuur
 * (also a bestuur's stage beside a casework one: forming a commission). Undefined while no
 * director's stage with a position is active: it stays as it was.
 */
function bestuurHasIt(definition: ProcedureDefinition, state: CaseState): boolean | undefined {
  const positions = responsibleNow(definition, state).flatMap(({ responsible }) =>
    responsible?.role === 'director' && responsible.position ? [responsible.position] : [],
  );
  if (positions.includes('directie')) return false;
  if (positions.includes('bestuur')) return true;
  return undefined;
}
