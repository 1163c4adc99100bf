import { formatDuration, type Duration } from './calendar/duration.js';
import type { PlainDate } from './calendar/plain-date.js';
import { dueWithPending, isOverdue, pendingExtension } from './clock.js';
import type {
  AppealRoute,
  InputDefinition,
  Label,
  Participant,
  ProcedureDefinition,
  Reader,
  Responsible,
} from './definition.schema.js';
import { consentDocumentOf, noticeOf, type CaseFacts, type FactsNeeded } from './facts.js';
import { indexProcedure } from './procedure-index.js';
import type { Actor, CaseState, ComplaintPart } from './state.js';

// What the server asks of a case besides its actions: who is responsible, what notice is still
// owed, what a reader may see of what others typed, what the person complained about may see.

/** An extension that waits for the client's consent or its notice, for letters and the case page. */
export interface PendingNotice {
  clock: string;
  /** The clock's label. */
  label: Label;
  /** `Extension.id`: an extension letter may name it. */
  extension: string;
  duration: Duration;
  /** Why, as staff wrote it: the letter quotes it. */
  reason: string;
  recordedOn: PlainDate;
  /** The end of the term as it stands: consent and notice must be complete by then. */
  before: PlainDate;
  /** The due date once the extension takes effect: the letter states it. */
  newDue: PlainDate;
  needsConsent: boolean;
  /** Whether the consent it needs is in (given in the portal, or a marked document). */
  consentGiven: boolean;
  /** Who must receive a letter announcing it. */
  noticeTo: Participant[];
  /** Who already received one (from the letters in the facts). */
  sentTo: Participant[];
}

/**
 * The extensions of a case that wait for consent or for their notice, with everything a letter
 * needs (the reason, the new due date, the recipients). The case shows a pending notice until the
 * letters to every recipient are sent; pass the facts to see who already got one.
 */
export function pendingNotices(
  procedure: ProcedureDefinition,
  state: CaseState,
  facts: CaseFacts = {},
): PendingNotice[] {
  const index = indexProcedure(procedure);
  const result: PendingNotice[] = [];
  for (const clock of Object.values(state.clocks)) {
    const pending = pendingExtension(clock);
    const definition = index.clocks.get(clock.clock);
    if (!pending || !definition || clock.status !== 'running') continue;
    const consentGiven =
      !pending.needsConsent ||
      pending.consent !== undefined ||
      consentDocumentOf(pending, clock, facts, clock.due) !== undefined;
    result.push({
      clock: clock.clock,
      label: definition.label,
      extension: pending.id ?? clock.clock,
      duration: pending.duration,
      reason: pending.reason ?? '',
      recordedOn: pending.recordedOn,
      before: clock.due,
      newDue: dueWithPending(clock, definition) ?? clock.due,
      needsConsent: pending.needsConsent ?? false,
      consentGiven,
      noticeTo: pending.noticeTo ?? [],
      sentTo: noticeOf(pending, facts, clock.due).to,
    });
  }
  return result;
}

/** Who is responsible for the case now, per active track (route and assign the case to them). */
export function responsibleNow(
  procedure: ProcedureDefinition,
  state: CaseState,
): { track: string; stage: string; responsible?: Responsible }[] {
  const index = indexProcedure(procedure);
  return Object.entries(state.tracks)
    .filter(([, track]) => track.status === 'active')
    .map(([track, { stage, responsible }]) => {
      const own = responsible ?? index.stages.get(stage)?.stage.responsible;
      return { track, stage, ...(own ? { responsible: own } : {}) };
    });
}

/** The parts of the complaint that name this person as whom they are about. */
export function partsAbout(state: CaseState, subjectId: string): ComplaintPart[] {
  return state.parts.filter((part) => (part.subjectIds ?? []).includes(subjectId));
}

/** What the person complained about may see of the complaint: only the parts about them. */
export interface SubjectView {
  parts: Pick<
    ComplaintPart,
    'id' | 'summary' | 'category' | 'outcome' | 'decidedOn' | 'judgments'
  >[];
}

/**
 * The subject's view of the complaint itself: the parts that name them, with their outcome and
 * judgments; never the client's other parts. (Inputs they may read: {@link readableInputs}.)
 */
export function subjectView(state: CaseState, subjectId: string): SubjectView {
  return {
    parts: partsAbout(state, subjectId).map((part) => ({
      id: part.id,
      summary: part.summary,
      ...(part.category !== undefined ? { category: part.category } : {}),
      ...(part.outcome !== undefined ? { outcome: part.outcome } : {}),
      ...(part.decidedOn !== undefined ? { decidedOn: part.decidedOn } : {}),
      judgments: part.judgments.map((j) => ({ ...j })),
    })),
  };
}

/** Who reads: their side of the case, and for the subject, who they are (to filter per part). */
export interface ReaderOf {
  side: Reader;
  /** For `side: 'subject'`: their person id, so they read only about the parts that name them. */
  subjectId?: string;
}

/** One input of a recorded action as a reader may see it. */
export interface ReadableInput {
  id: string;
  kind: InputDefinition['kind'];
  label: Label;
  value: unknown;
}

/** A recorded action with the inputs the reader may see (possibly none). */
export interface ReadableEntry {
  /** Index in `state.history` (the `entry` of its `action-taken` event). */
  entry: number;
  at: string;
  action: string;
  label: Label;
  inputs: ReadableInput[];
}

/** The side of the case a person acted from: a client's confidant writes for the client side. */
export function sideOf(actor: Actor): Reader {
  if (actor.relationships.some((r) => r.kind === 'client' || r.kind === 'confidant'))
    return 'client';
  if (actor.relationships.some((r) => r.kind === 'subject')) return 'subject';
  if (actor.relationships.some((r) => r.kind === 'referred-commission')) return 'commission';
  return 'staff';
}

/**
 * Who may read an input of an action: staff on the case and the side that typed it always, plus
 * the input's declared `readers` (the extension's reason for the client, a reason for appeal for
 * the directeur — staff — and so on).
 */
export function inputReaders(input: InputDefinition, author: Reader): Reader[] {
  return [...new Set<Reader>(['staff', author, ...(input.readers ?? [])])];
}

/**
 * Every recorded action of the case with the inputs this reader may see. For the person complained
 * about, outcomes and measures are limited to the parts that name them.
 */
export function readableInputs(
  procedure: ProcedureDefinition,
  state: CaseState,
  reader: ReaderOf,
): ReadableEntry[] {
  const index = indexProcedure(procedure);
  const ownParts =
    reader.side === 'subject' && reader.subjectId !== undefined
      ? new Set(partsAbout(state, reader.subjectId).map((p) => p.id))
      : undefined;
  const result: ReadableEntry[] = [];
  state.history.forEach((entry, position) => {
    if (entry.kind !== 'action') return;
    const action = index.actions.get(entry.action);
    if (!action) return;
    const author = sideOf(entry.actor);
    const inputs: ReadableInput[] = [];
    for (const input of action.inputs) {
      if (!(input.id in entry.payload)) continue;
      if (!inputReaders(input, author).includes(reader.side)) continue;
      let value: unknown = structuredClone(entry.payload[input.id]);
      if (reader.side === 'subject' && author !== 'subject') {
        if (!ownParts) continue;
        value = onlyParts(input, value, ownParts);
        if (value === undefined) continue;
      }
      if (input.kind === 'measures' && reader.side !== 'staff') value = withoutOwners(value);
      inputs.push({ id: input.id, kind: input.kind, label: input.label, value });
    }
    result.push({ entry: position, at: entry.at, action: action.id, label: action.label, inputs });
  });
  return result;
}

/** Measures as those outside staff read them: what will be done and by when, not by whom. */
function withoutOwners(value: unknown): unknown {
  if (!Array.isArray(value)) return value;
  return value.map((item) => {
    if (typeof item !== 'object' || item === null) return item;
    const { owner: _owner, ...rest } = item as Record<string, unknown>;
    return rest;
  });
}

/** A per-part value cut down to the given parts; undefined when nothing of it concerns them. */
function onlyParts(input: InputDefinition, value: unknown, parts: Set<string>): unknown {
  if (input.kind === 'complaint-parts' && Array.isArray(value)) {
    const mine = value.filter(
      (item) =>
        typeof item === 'object' &&
        item !== null &&
        parts.has((item as { part?: string }).part ?? ''),
    );
    return mine.length > 0 ? mine : undefined;
  }
  if (input.kind === 'measures' && Array.isArray(value)) {
    const mine = value.filter((item) => {
      const of = (item as { parts?: unknown }).parts;
      return Array.isArray(of) && of.some((p) => parts.has(String(p)));
    });
    return mine.length > 0 ? mine : undefined;
  }
  return value;
}

/** A decision term that ran out with no decision yet: overdue on the dashboard and in lists. */
export interface OverdueTerm {
  clock: string;
  label: Label;
  /** The last day of the term. */
  due: PlainDate;
}

/**
 * The decision terms of an open case that expired without the decision (the clock was not
 * stopped before its due date and has not been answered since). Wkkgz and Awb 9 give the client a
 * way out when this happens; the dashboard counts it as overdue.
 */
export function overdueTerms(procedure: ProcedureDefinition, state: CaseState): OverdueTerm[] {
  const index = indexProcedure(procedure);
  return Object.values(state.clocks).flatMap((clock) => {
    const definition = index.clocks.get(clock.clock);
    if (!definition || !isOverdue(clock, definition, state.closed)) return [];
    return [{ clock: clock.clock, label: definition.label, due: clock.due }];
  });
}

/** The appeal route a decision letter prints, with its term in words; undefined when none. */
export function appealRoute(
  procedure: ProcedureDefinition,
): (AppealRoute & { text: Label }) | undefined {
  const appeal = procedure.appeal;
  if (!appeal) return undefined;
  const contact = appeal.contact;
  return {
    ...appeal,
    text: {
      nl: `Bent u het niet eens met dit oordeel? Dan kunt u uw klacht binnen ${formatDuration(appeal.term, 'nl')} na de datum van deze brief voorleggen aan ${appeal.name.nl}${contact ? ` (${contact.nl})` : ''}.`,
      en: `If you disagree with this decision, you may put your complaint to ${appeal.name.en}${contact ? ` (${contact.en})` : ''} within ${formatDuration(appeal.term, 'en')} of the date of this letter.`,
    },
  };
}

/**
 * Which kinds of fact the engine can use on this case now: meetings when an action open in a
 * current stage requires signed minutes, letters when one requires a letter or an extension waits
 * for its notice, consent documents when an extension waits for consent. The server reads only
 * those; a closed case needs none.
 */
export function factsNeeded(procedure: ProcedureDefinition, state: CaseState): FactsNeeded {
  const needed: FactsNeeded = { meetings: false, letters: false, consents: false };
  if (state.closed) return needed;
  const stages = new Set(
    Object.values(state.tracks)
      .filter((t) => t.status === 'active')
      .map((t) => t.stage),
  );
  for (const action of procedure.actions) {
    if (!action.from.some((s) => s === '*' || stages.has(s))) continue;
    for (const requirement of action.requires) {
      if (requirement.kind === 'minutes-signed') needed.meetings = true;
      if (requirement.kind === 'letter-sent') needed.letters = true;
    }
  }
  for (const clock of Object.values(state.clocks)) {
    const pending = clock.status === 'running' ? pendingExtension(clock) : undefined;
    if (!pending) continue;
    if ((pending.noticeTo ?? []).length > 0) needed.letters = true;
    if (pending.needsConsent && !pending.consent) needed.consents = true;
  }
  return needed;
}

/**
 * Whether the case went straight to an external body at filing (the entry refers to a commission
 * or enters external tracks only), for the register's count of direct external referrals.
 */
export function isDirectExternal(procedure: ProcedureDefinition, state: CaseState): boolean {
  const entry = procedure.filing.entries.find((e) => e.id === state.entry);
  if (!entry) return false;
  if (entry.refer !== undefined) return true;
  const index = indexProcedure(procedure);
  return entry.enter.every((stage) => index.stages.get(stage)?.track.kind === 'external');
}
