import { addDuration, formatDuration, subtractDuration } from './calendar/duration.js';
import {
  addDays,
  amsterdamDate,
  compareDates,
  daysBetween,
  formatDutch,
  isPlainDate,
  toInstant,
  type Instant,
  type PlainDate,
} from './calendar/plain-date.js';
import {
  deriveDue,
  dueWithPending,
  explainBoth,
  extensionNeedsConsent,
  extensionProblems,
  isOverdue,
  pendingExtension,
  startClock,
  withDue,
  type ExtensionRequest,
} from './clock.js';
import type {
  ActionDefinition,
  Condition,
  Effect,
  Guard,
  InputDefinition,
  Label,
  Participant,
  Permission,
  ProcedureDefinition,
  Responsible,
} from './definition.schema.js';
import {
  checkRequirements,
  compactFacts,
  consentDocumentOf,
  hasFacts,
  memberVerdicts,
  mergeFacts,
  noticeOf,
  type CaseFacts,
  type UnmetRequirement,
} from './facts.js';
import { checkInputs, type InputValue, type InputValues } from './inputs.js';
import { indexProcedure, type ProcedureIndex } from './procedure-index.js';
import {
  CASE_FORMAT,
  type Actor,
  type Applied,
  type ApplyResult,
  type CaseEvent,
  type CaseState,
  type ClockChange,
  type ClockChangeKind,
  type ClockState,
  type FileCaseInput,
  type FilingWarning,
  type HistoryEntry,
  type Judgment,
  type Refusal,
  type RefusalCode,
  type RefusalReason,
} from './state.js';

/** An input as offered to an actor: a member approval lists the members they can answer on. */
export type OfferedInput = InputDefinition & {
  options?: { value: string; label: Label }[];
};

/** An action an actor can take now, with the inputs it asks for. */
export interface AvailableAction {
  id: string;
  label: Label;
  description?: Label;
  inputs: OfferedInput[];
  /** The current stages the action is taken from. */
  stages: string[];
  decision: boolean;
  /**
   * What the case record does not show yet (signed minutes, a letter sent, approvals). While this
   * is not empty the action is offered but refused with `facts-missing`; show it as waiting.
   */
  missing: UnmetRequirement[];
}

/** The result of advancing time: what fell due, and the new state (the same object if nothing did). */
export interface Advanced extends Applied {
  changed: boolean;
}

/** Thrown inside an effect run to abort it; turned into a refusal before it leaves the engine. */
class RefusedError extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.code);
  }
}

interface Run {
  procedure: ProcedureDefinition;
  index: ProcedureIndex;
  draft: CaseState;
  events: CaseEvent[];
  today: PlainDate;
  /** The facts of the case record handed in with this call. */
  facts: CaseFacts;
  /** The facts the change relied on, kept in its history entry for replay. */
  used: CaseFacts;
  /** The acting party, for an approval (from the permission that let the actor act). */
  party?: Participant;
}

const MAX_ADVANCE_STEPS = 1000;

function refusal(code: RefusalCode, ...reasons: RefusalReason[]): { ok: false; refusal: Refusal } {
  return { ok: false, refusal: { code, reasons } };
}

function reason(nl: string, en: string, input?: string): RefusalReason {
  return input === undefined ? { message: { nl, en } } : { message: { nl, en }, input };
}

function isoInstant(at: Instant): string {
  return toInstant(at).toISOString();
}

/** A run of one change on a copy of the state. */
function newRun(
  procedure: ProcedureDefinition,
  index: ProcedureIndex,
  state: CaseState,
  today: PlainDate,
  facts: CaseFacts,
): Run {
  return { procedure, index, draft: structuredClone(state), events: [], today, facts, used: {} };
}

// ---------------------------------------------------------------------------------------------
// Filing

/**
 * Files a new case: checks the filing input, raises eligibility and filing-window warnings (a late
 * complaint or one from someone not listed is never rejected; it waits for a reasoned decision),
 * enters the entry's stages and starts its clocks.
 *
 * @param procedure a parsed procedure (see `parseProcedure`)
 * @param input what the complainant submitted
 * @param at the moment of filing (injected; the engine never reads the clock)
 */
export function fileCase(
  procedure: ProcedureDefinition,
  input: FileCaseInput,
  at: Instant,
): ApplyResult {
  const index = indexProcedure(procedure);
  const today = amsterdamDate(at);
  const problems = filingProblems(procedure, input, today);
  if (problems.missing.length > 0) return refusal('missing-input', ...problems.missing);
  if (problems.invalid.length > 0) return refusal('invalid-input', ...problems.invalid);

  const entry =
    procedure.filing.entries.find((e) => e.id === (input.entry ?? '')) ??
    procedure.filing.entries[0];
  if (!entry) return refusal('invalid-input', reason('Geen ingang.', 'No entry.'));
  const receivedOn = input.receivedOn ?? today;
  const warnings = filingWarnings(procedure, input, receivedOn);
  const pending = warnings.some((w) => w.requiresDecision);

  const draft: CaseState = {
    format: CASE_FORMAT,
    procedure: { id: procedure.id, version: procedure.version },
    version: 1,
    receivedOn,
    lastChangeAt: isoInstant(at),
    entry: entry.id,
    complainant: input.complainant,
    ...(input.category !== undefined ? { category: input.category } : {}),
    ...(input.eventDate !== undefined ? { eventDate: input.eventDate } : {}),
    ...(input.lastContactDate !== undefined ? { lastContactDate: input.lastContactDate } : {}),
    tracks: {},
    clocks: {},
    parts: input.parts.map((part, i) => ({
      id: part.id ?? `p${i + 1}`,
      summary: part.summary,
      ...(part.category !== undefined ? { category: part.category } : {}),
      subjectIds: [...new Set(part.subjectIds ?? [])],
      judgments: [],
    })),
    measures: [],
    flags: { ...(input.flags ?? {}) },
    referrals: [],
    admissibility: { status: pending ? 'pending' : 'not-needed', warnings },
    closed: false,
    history: [{ kind: 'filed', at: isoInstant(at), input: structuredClone(input) }],
  };
  const run: Run = { procedure, index, draft, events: [], today, facts: {}, used: {} };
  run.events.push({
    type: 'case-filed',
    on: today,
    entry: entry.id,
    complainant: input.complainant,
    parts: draft.parts.map((p) => p.id),
  });
  for (const warning of warnings) run.events.push({ type: 'filing-warning', on: today, warning });
  const categories = new Set([input.category, ...input.parts.map((p) => p.category)]);
  for (const notice of procedure.filing.categoryNotices) {
    if (!categories.has(notice.category)) continue;
    run.events.push({
      type: 'notification-requested',
      on: today,
      to: ['client'],
      message: notice.message,
    });
  }
  if (entry.refer !== undefined) {
    draft.referrals.push({ commission: entry.refer, since: today, active: true });
    run.events.push({ type: 'referred', on: today, commission: entry.refer });
  }
  for (const stage of entry.enter) runEffect(run, { kind: 'move', to: stage }, {}, today);
  for (const clock of entry.startClocks) {
    runEffect(run, { kind: 'start-clock', clock }, {}, receivedOn);
  }
  finishTransition(run, today);
  advanceDraft(run, today);
  return applied(run);
}

function filingProblems(
  procedure: ProcedureDefinition,
  input: FileCaseInput,
  today: PlainDate,
): { missing: RefusalReason[]; invalid: RefusalReason[] } {
  const missing: RefusalReason[] = [];
  const invalid: RefusalReason[] = [];
  const { filing } = procedure;
  if (input.entry !== undefined && !filing.entries.some((e) => e.id === input.entry)) {
    invalid.push(
      reason(`Onbekende ingang "${input.entry}".`, `Unknown entry "${input.entry}".`, 'entry'),
    );
  }
  if (typeof input.complainant !== 'string' || input.complainant.trim() === '') {
    missing.push(reason('Wie klaagt ontbreekt.', 'Who complains is missing.', 'complainant'));
  }
  if (!Array.isArray(input.parts) || input.parts.length === 0) {
    missing.push(
      reason(
        'De klacht heeft minstens één onderdeel nodig.',
        'The complaint needs at least one part.',
        'parts',
      ),
    );
  } else {
    if (input.parts.length > filing.maxParts) {
      invalid.push(
        reason(
          `Hoogstens ${filing.maxParts} klachtonderdelen.`,
          `At most ${filing.maxParts} complaint parts.`,
          'parts',
        ),
      );
    }
    const ids = new Set<string>();
    input.parts.forEach((part, i) => {
      const id = part.id ?? `p${i + 1}`;
      if (ids.has(id))
        invalid.push(
          reason(`Onderdeel "${id}" komt twee keer voor.`, `Part "${id}" appears twice.`, 'parts'),
        );
      ids.add(id);
      if (
        typeof part.summary !== 'string' ||
        part.summary.trim() === '' ||
        part.summary.length > 10_000
      ) {
        invalid.push(
          reason(
            `Onderdeel "${id}" heeft een omschrijving nodig (hoogstens 10000 tekens).`,
            `Part "${id}" needs a summary (at most 10000 characters).`,
            'parts',
          ),
        );
      }
      if (
        part.subjectIds !== undefined &&
        (!Array.isArray(part.subjectIds) ||
          part.subjectIds.length > 20 ||
          !part.subjectIds.every((s) => typeof s === 'string' && s.length > 0 && s.length <= 200))
      ) {
        invalid.push(
          reason(
            `Onderdeel "${id}" noemt de beklaagden als een lijst van id’s (hoogstens 20).`,
            `Part "${id}" names whom it is about as a list of ids (at most 20).`,
            'parts',
          ),
        );
      }
      if (part.category !== undefined && !filing.categories.some((c) => c.id === part.category)) {
        invalid.push(
          reason(
            `Onbekende soort "${part.category}".`,
            `Unknown category "${part.category}".`,
            'parts',
          ),
        );
      }
    });
  }
  if (filing.categories.length > 0) {
    if (input.category === undefined) {
      missing.push(reason('Kies een soort melding.', 'Choose a kind of report.', 'category'));
    } else if (!filing.categories.some((c) => c.id === input.category)) {
      invalid.push(
        reason(
          `Onbekende soort "${input.category}".`,
          `Unknown category "${input.category}".`,
          'category',
        ),
      );
    }
  } else if (input.category !== undefined) {
    invalid.push(
      reason(
        'Deze regeling kent geen soorten meldingen.',
        'This procedure has no report categories.',
        'category',
      ),
    );
  }
  for (const flag of Object.keys(input.flags ?? {})) {
    if (!filing.flags.some((f) => f.id === flag)) {
      invalid.push(reason(`Onbekende vraag "${flag}".`, `Unknown question "${flag}".`, 'flags'));
    }
  }
  for (const key of ['eventDate', 'lastContactDate', 'receivedOn'] as const) {
    const value = input[key];
    if (value === undefined) continue;
    if (!isPlainDate(value))
      invalid.push(reason(`"${key}" is geen geldige datum.`, `"${key}" is not a valid date.`, key));
    else if (compareDates(value, today) > 0)
      invalid.push(reason(`"${key}" ligt in de toekomst.`, `"${key}" is in the future.`, key));
  }
  return { missing, invalid };
}

function filingWarnings(
  procedure: ProcedureDefinition,
  input: FileCaseInput,
  receivedOn: PlainDate,
): FilingWarning[] {
  const kind = procedure.eligibility.complainants.find((c) => c.id === input.complainant);
  if (!kind) {
    const listed = procedure.eligibility.complainants;
    return [
      {
        code: 'complainant-not-listed',
        requiresDecision: true,
        message: {
          nl: `Volgens de regeling kunnen klagen: ${listed.map((c) => c.label.nl).join(', ')}. "${input.complainant}" staat er niet bij; beslis met redenen of de klacht in behandeling wordt genomen.`,
          en: `Under this procedure these may complain: ${listed.map((c) => c.label.en).join(', ')}. "${input.complainant}" is not listed; decide, with reasons, whether to accept the complaint.`,
        },
      },
    ];
  }
  if (!kind.window) return [];
  const from = kind.window.from === 'event' ? input.eventDate : input.lastContactDate;
  const what =
    kind.window.from === 'event'
      ? { nl: 'gebeurtenis', en: 'event' }
      : { nl: 'laatste contact', en: 'last contact' };
  if (from === undefined) {
    return [
      {
        code: 'window-date-missing',
        requiresDecision: false,
        message: {
          nl: `De datum van het ${what.nl} ontbreekt; controleer of de klacht binnen ${formatDuration(kind.window.duration, 'nl')} is ingediend.`,
          en: `The date of the ${what.en} is missing; check that the complaint was filed within ${formatDuration(kind.window.duration, 'en')}.`,
        },
      },
    ];
  }
  const last = addDuration(from, kind.window.duration);
  if (compareDates(receivedOn, last) <= 0) return [];
  const late = daysBetween(last, receivedOn);
  return [
    {
      code: 'out-of-time',
      requiresDecision: true,
      message: {
        nl: `Buiten de termijn: ${formatDutch(last)} = ${what.nl} ${formatDutch(from)} + ${formatDuration(kind.window.duration, 'nl')}; ontvangen ${formatDutch(receivedOn)} (${late} ${late === 1 ? 'dag' : 'dagen'} te laat). Beslis met redenen of de klacht toch in behandeling wordt genomen.`,
        en: `Out of time: ${formatDutch(last)} = ${what.en} ${formatDutch(from)} + ${formatDuration(kind.window.duration, 'en')}; received ${formatDutch(receivedOn)} (${late} ${late === 1 ? 'day' : 'days'} late). Decide, with reasons, whether to accept the complaint all the same.`,
      },
    },
  ];
}

// ---------------------------------------------------------------------------------------------
// Actions

function permits(permission: Permission, actor: Actor): boolean {
  if (!actor.roles.includes(permission.role)) return false;
  // No positions given: the organisation does not tell directie and bestuur apart.
  if (permission.position !== undefined && actor.positions !== undefined) {
    if (!actor.positions.includes(permission.position)) return false;
  }
  if (permission.relationship === undefined) return true;
  return actor.relationships.some(
    (r) =>
      r.kind === permission.relationship &&
      (permission.grant === undefined ||
        (r.kind === 'confidant' && r.grants.includes(permission.grant))),
  );
}

function activeStages(state: CaseState): string[] {
  return Object.values(state.tracks)
    .filter((t) => t.status === 'active')
    .map((t) => t.stage);
}

function guardHolds(state: CaseState, guard: Guard): boolean {
  switch (guard.kind) {
    case 'flag':
      return (state.flags[guard.flag] ?? false) === guard.equals;
    case 'clock': {
      const clock = state.clocks[guard.clock];
      switch (guard.is) {
        case 'running':
          return clock?.status === 'running' || clock?.status === 'suspended';
        case 'expired':
          return clock?.status === 'expired';
        case 'not-expired':
          return clock?.status !== 'expired';
        case 'stopped':
          return clock?.status === 'stopped';
        case 'not-started':
          return clock === undefined;
        case 'awaiting-consent': {
          const pending = clock?.status === 'running' ? pendingExtension(clock) : undefined;
          return pending?.needsConsent === true && pending.consent === undefined;
        }
      }
      return false;
    }
    case 'track': {
      const track = state.tracks[guard.track];
      switch (guard.is) {
        case 'active':
          return track?.status === 'active';
        case 'not-active':
          return track?.status !== 'active';
        case 'not-started':
          return track === undefined;
      }
      return false;
    }
    case 'all-parts-decided':
      return state.parts.every((p) => p.outcome !== undefined);
    case 'any':
      return guard.of.some((g) => guardHolds(state, g));
  }
}

function guardMessage(procedure: ProcedureDefinition, state: CaseState, guard: Guard): Label {
  const index = indexProcedure(procedure);
  switch (guard.kind) {
    case 'flag':
      return {
        nl: `Voorwaarde niet vervuld: "${guard.flag}" moet ${guard.equals ? 'gelden' : 'niet gelden'}.`,
        en: `Condition not met: "${guard.flag}" must ${guard.equals ? 'hold' : 'not hold'}.`,
      };
    case 'clock': {
      const label = index.clocks.get(guard.clock)?.label ?? { nl: guard.clock, en: guard.clock };
      const clock = state.clocks[guard.clock];
      const due = clock ? ` (${formatDutch(clock.due)})` : '';
      return {
        nl: `Voorwaarde niet vervuld: termijn "${label.nl}"${due} moet ${CLOCK_IS.nl[guard.is]}.`,
        en: `Condition not met: term "${label.en}"${due} must ${CLOCK_IS.en[guard.is]}.`,
      };
    }
    case 'track': {
      const label = index.tracks.get(guard.track)?.label ?? { nl: guard.track, en: guard.track };
      return {
        nl: `Voorwaarde niet vervuld: spoor "${label.nl}" moet ${TRACK_IS.nl[guard.is]}.`,
        en: `Condition not met: track "${label.en}" must ${TRACK_IS.en[guard.is]}.`,
      };
    }
    case 'all-parts-decided':
      return {
        nl: 'Eerst moet elk klachtonderdeel een uitkomst hebben.',
        en: 'Every complaint part needs an outcome first.',
      };
    case 'any': {
      if (guard.message) return guard.message;
      const each = guard.of.map((g) => guardMessage(procedure, state, g));
      return {
        nl: `Geen van deze voorwaarden is vervuld: ${each.map((m) => m.nl).join(' — of — ')}`,
        en: `None of these conditions is met: ${each.map((m) => m.en).join(' — or — ')}`,
      };
    }
  }
}

const CLOCK_IS = {
  nl: {
    running: 'lopen',
    expired: 'verstreken zijn',
    'not-expired': 'nog niet verstreken zijn',
    stopped: 'gestopt zijn',
    'not-started': 'nog niet gestart zijn',
    'awaiting-consent': 'een verlenging hebben die op toestemming van de cliënt wacht',
  },
  en: {
    running: 'be running',
    expired: 'have expired',
    'not-expired': 'not have expired',
    stopped: 'have been stopped',
    'not-started': 'not have started',
    'awaiting-consent': "have an extension waiting for the client's consent",
  },
} as const;
const TRACK_IS = {
  nl: { active: 'lopen', 'not-active': 'niet lopen', 'not-started': 'nog niet begonnen zijn' },
  en: { active: 'be running', 'not-active': 'not be running', 'not-started': 'not have started' },
} as const;

/**
 * The party an actor acts as under a permission: the client side for a client or their
 * confidant, the position for a director (the directie unless the step names the bestuur).
 */
function partyOf(permission: Permission): Participant {
  switch (permission.role) {
    case 'client':
    case 'confidant':
      return 'client';
    case 'director':
      return permission.position === 'bestuur' ? 'bestuur' : 'director';
    default:
      return permission.role;
  }
}

/** Stage, admissibility, recusal and role checks, in that order (inputs and guards come later). */
function gate(
  procedure: ProcedureDefinition,
  state: CaseState,
  actor: Actor,
  action: ActionDefinition,
): { ok: true; stages: string[]; party: Participant } | { ok: false; refusal: Refusal } {
  if (state.closed) {
    return refusal('case-closed', reason('De zaak is gesloten.', 'The case is closed.'));
  }
  const anyStage = action.from.includes('*');
  const isAdmissibility = action.id === procedure.eligibility.admissibilityAction;
  if (isAdmissibility && state.admissibility.status !== 'pending') {
    return refusal(
      'guard-failed',
      reason(
        'Er ligt geen beslissing over ontvankelijkheid open.',
        'No admissibility decision is pending.',
      ),
    );
  }
  // Stage-independent actions ("*": withdrawing, reporting a calamity) stay open while a late or
  // unlisted complaint waits for its admissibility decision; the handling steps do not.
  if (!isAdmissibility && !anyStage && state.admissibility.status === 'pending') {
    return refusal(
      'awaiting-admissibility-decision',
      reason(
        'Eerst moet met redenen worden beslist of de klacht in behandeling wordt genomen.',
        'First decide, with reasons, whether the complaint is accepted.',
      ),
    );
  }
  const current = activeStages(state);
  const stages = anyStage ? current : current.filter((s) => action.from.includes(s));
  if (stages.length === 0) {
    return refusal(
      'not-allowed-in-stage',
      reason(
        `"${action.label.nl}" kan niet in de huidige fase (${current.join(', ') || 'geen'}).`,
        `"${action.label.en}" is not possible in the current stage (${current.join(', ') || 'none'}).`,
      ),
    );
  }
  const isSubject = actor.relationships.some((r) => r.kind === 'subject');
  if (isSubject && !action.by.some((p) => p.relationship === 'subject' && permits(p, actor))) {
    return refusal(
      'recused',
      reason(
        'U bent degene over wie geklaagd wordt en kunt deze klacht niet behandelen.',
        'You are the person complained about and cannot handle this complaint.',
      ),
    );
  }
  const permission = action.by.find((p) => permits(p, actor));
  if (!permission) {
    return refusal(
      'role-not-allowed',
      reason(
        `"${action.label.nl}" is voorbehouden aan: ${describePermissions(action.by, 'nl')}.`,
        `"${action.label.en}" is reserved for: ${describePermissions(action.by, 'en')}.`,
      ),
    );
  }
  return { ok: true, stages, party: partyOf(permission) };
}

/** The day the case entered the earliest of the stages an action is taken from. */
function stageSince(state: CaseState, stages: string[]): PlainDate {
  const dates = Object.values(state.tracks)
    .filter((t) => t.status === 'active' && stages.includes(t.stage))
    .map((t) => t.since)
    .sort(compareDates);
  return dates[0] ?? state.receivedOn;
}

/** The action's requirements against the facts and the state, from the stages it is taken from. */
function requirementsOf(
  procedure: ProcedureDefinition,
  state: CaseState,
  action: ActionDefinition,
  facts: CaseFacts,
  today: PlainDate,
  stages: string[],
) {
  return checkRequirements(
    action.requires,
    state,
    procedure.commissions,
    facts,
    today,
    stageSince(state, stages),
  );
}

/** The inputs as offered to a party: a member approval lists the members still awaiting them. */
function offeredInputs(
  action: ActionDefinition,
  state: CaseState,
  party: Participant,
): OfferedInput[] {
  return action.inputs.map((input) => {
    if (input.kind !== 'member-approval') return input;
    const members = state.members?.[input.commission] ?? [];
    const open = memberVerdicts(members, [party]).filter((v) => v.status === 'waiting');
    return {
      ...input,
      options: open.map(({ member }) => ({
        value: member.id,
        label: { nl: member.name, en: member.name },
      })),
    };
  });
}

/** "handler (assigned-handler), client" */
export function describePermissions(by: Permission[], _lang: 'nl' | 'en'): string {
  if (by.length === 0) return '—';
  return by
    .map((p) => {
      const extra = [p.position, p.relationship, p.grant].filter((x) => x !== undefined).join(': ');
      return extra ? `${p.role} (${extra})` : p.role;
    })
    .join(', ');
}

/**
 * The actions `actor` may take on the case at `at`, each with the inputs it asks for and what the
 * case record still lacks for it (`missing`). Time is advanced first, with the facts (without
 * storing it), so an action whose stage has just expired is not offered.
 *
 * @param facts what the case record holds: meetings and minutes, letters sent, consent documents
 */
export function availableActions(
  procedure: ProcedureDefinition,
  state: CaseState,
  actor: Actor,
  at: Instant,
  facts: CaseFacts = {},
): AvailableAction[] {
  if (!sameProcedure(procedure, state)) return [];
  const now = currentState(procedure, state, at, facts);
  const today = amsterdamDate(at);
  const result: AvailableAction[] = [];
  for (const action of procedure.actions) {
    const gated = gate(procedure, now, actor, action);
    if (!gated.ok) continue;
    if (!action.guards.every((g) => guardHolds(now, g))) continue;
    const inputs = offeredInputs(action, now, gated.party);
    // Nothing to answer on: a member approval with every member answered is not offered.
    if (inputs.some((i) => i.kind === 'member-approval' && (i.options ?? []).length === 0))
      continue;
    result.push({
      id: action.id,
      label: action.label,
      ...(action.description ? { description: action.description } : {}),
      inputs,
      stages: gated.stages,
      decision: action.decision,
      missing: requirementsOf(procedure, now, action, facts, today, gated.stages).unmet,
    });
  }
  return result;
}

function sameProcedure(procedure: ProcedureDefinition, state: CaseState): boolean {
  return state.procedure.id === procedure.id && state.procedure.version === procedure.version;
}

/** The state as it stands at `at`: advanced when a term fell due or a fact settles an extension. */
function currentState(
  procedure: ProcedureDefinition,
  state: CaseState,
  at: Instant,
  facts: CaseFacts,
): CaseState {
  if (toInstant(at).getTime() < Date.parse(state.lastChangeAt)) return state;
  return advanceTime(procedure, state, at, facts).state;
}

/**
 * Applies an action. Either the new state with its events and clock changes, or a typed refusal
 * with reasons; a refusal changes nothing. Time is advanced to `at` first (with the facts), so
 * expiries that fell due before the action, and extensions the facts settle, are part of the result.
 * An action whose `requires` the facts do not meet is refused with `facts-missing`, one reason per
 * unmet requirement; a payload never stands in for a fact.
 *
 * @param facts what the case record holds: meetings and minutes, letters sent, consent documents.
 *   The facts the change relied on are kept in its history entry, so `replay` needs no server.
 */
export function applyAction(
  procedure: ProcedureDefinition,
  state: CaseState,
  actor: Actor,
  actionId: string,
  payload: Record<string, unknown>,
  at: Instant,
  facts: CaseFacts = {},
): ApplyResult {
  if (!sameProcedure(procedure, state)) {
    return refusal(
      'procedure-mismatch',
      reason(
        `De zaak hoort bij ${state.procedure.id} versie ${state.procedure.version}.`,
        `The case belongs to ${state.procedure.id} version ${state.procedure.version}.`,
      ),
    );
  }
  if (toInstant(at).getTime() < Date.parse(state.lastChangeAt)) {
    return refusal(
      'time-went-backwards',
      reason(
        `Het tijdstip ligt vóór de laatste wijziging (${state.lastChangeAt}).`,
        `The moment is before the last change (${state.lastChangeAt}).`,
      ),
    );
  }
  const index = indexProcedure(procedure);
  const action = index.actions.get(actionId);
  if (!action) {
    return refusal(
      'unknown-action',
      reason(`Onbekende handeling "${actionId}".`, `Unknown action "${actionId}".`),
    );
  }
  const today = amsterdamDate(at);
  const fresh = (): Run => newRun(procedure, index, state, today, facts);
  // Copy the state only when a clock fell due, a fact settles an extension, or the action passes
  // its checks: most refusals (wrong stage, role, input) then cost no copy of a long history.
  let run: Run | undefined;
  if (needsAdvance(procedure, state, today, facts)) {
    run = fresh();
    advanceDraft(run, today);
  }
  const current = run?.draft ?? state;
  const gated = gate(procedure, current, actor, action);
  if (!gated.ok) return gated;
  const claims = typedClaims(action, payload ?? {});
  if (claims.unknown.length > 0) return refusal('unknown-input', ...claims.unknown);
  if (claims.claims.length > 0) return refusal('claim-not-fact', ...claims.claims);
  const checked = checkInputs(action.inputs, payload ?? {}, current, today);
  if (checked.missing.length > 0) return refusal('missing-input', ...checked.missing);
  if (checked.invalid.length > 0) return refusal('invalid-input', ...checked.invalid);
  const failed = action.guards.filter((g) => !guardHolds(current, g));
  if (failed.length > 0) {
    return refusal(
      'guard-failed',
      ...failed.map((g) => ({ message: guardMessage(procedure, current, g) })),
    );
  }
  const required = requirementsOf(procedure, current, action, facts, today, gated.stages);
  if (required.unmet.length > 0) {
    return refusal(
      'facts-missing',
      ...required.unmet.map((u) => ({
        message: u.message,
        requirement: { index: u.index, kind: u.requirement.kind },
      })),
    );
  }
  run ??= fresh();
  run.party = gated.party;
  run.used = mergeFacts(run.used, required.used);
  run.events.push({
    type: 'action-taken',
    on: today,
    action: action.id,
    label: action.label,
    entry: run.draft.history.length,
  });
  try {
    for (const effect of action.effects) runEffect(run, effect, checked.values, today, action);
  } catch (error) {
    if (error instanceof RefusedError) return { ok: false, refusal: error.refusal };
    throw error;
  }
  finishTransition(run, today);
  run.draft.version = state.version + 1;
  run.draft.lastChangeAt = isoInstant(at);
  const used = compactFacts(run.used);
  run.draft.history.push({
    kind: 'action',
    at: isoInstant(at),
    action: action.id,
    actor: structuredClone(actor),
    payload: knownInputs(action, payload ?? {}),
    ...(hasFacts(used) ? { facts: structuredClone(used) } : {}),
  });
  return applied(run);
}

/**
 * What a payload says beyond the action's inputs, refused before anything is checked (ADR 0099).
 * A key that is no input of the action is refused rather than ignored: "signedBy", "clientApproves",
 * "consent" or "noticeSentOn" would otherwise look accepted while the engine read none of them,
 * and what others did is read from the case record, never from what the actor types. A `sign-off`
 * input, which only procedures published before ADR 0030 still have, is such a claim itself.
 */
function typedClaims(
  action: ActionDefinition,
  payload: Record<string, unknown>,
): { unknown: RefusalReason[]; claims: RefusalReason[] } {
  const inputs = new Set(action.inputs.map((input) => input.id));
  const unknown = Object.keys(payload)
    .filter((key) => !inputs.has(key))
    .map((key) =>
      reason(
        `"${key}" is geen invoer van "${action.label.nl}". Wat anderen deden (ondertekende verslagen, goedkeuringen, toestemming, verzonden brieven) leest Klachtpad uit het dossier, nooit uit wat iemand invult.`,
        `"${key}" is not an input of "${action.label.en}". What others did (signed minutes, approvals, consent, letters sent) Klachtpad reads from the case record, never from what someone types.`,
        key,
      ),
    );
  const claims = action.inputs
    .filter((input) => input.kind === 'sign-off')
    .map((input) =>
      reason(
        `"${input.label.nl}" is een getypte lijst van ondertekeningen. Het verslag moet door elke aanwezige zelf zijn ondertekend; deze versie van de regeling vraagt iets wat niet meer wordt geloofd.`,
        `"${input.label.en}" is a typed list of signatures. The minutes must be signed by each person present themselves; this version of the procedure asks for something no longer believed.`,
        input.id,
      ),
    );
  return { unknown, claims };
}

/** The payload as the history keeps it: only the action's own inputs, as sent. */
function knownInputs(
  action: ActionDefinition,
  payload: Record<string, unknown>,
): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  for (const input of action.inputs) {
    if (input.id in payload) kept[input.id] = structuredClone(payload[input.id]);
  }
  return kept;
}

// ---------------------------------------------------------------------------------------------
// Effects

function conditionHolds(
  run: Run,
  condition: Condition | undefined,
  values: Record<string, InputValue>,
): boolean {
  if (!condition) return true;
  if ('input' in condition) return values[condition.input] === condition.equals;
  return (run.draft.flags[condition.flag] ?? false) === condition.equals;
}

function clockChanged(run: Run, clock: ClockState, change: ClockChangeKind, on: PlainDate): void {
  run.events.push({ type: 'clock-changed', on, clock: clock.clock, change, due: clock.due });
}

function setOutcome(
  run: Run,
  partId: string,
  judgment: Omit<Judgment, 'reasoning'> & { reasoning?: string | undefined },
): void {
  const part = run.draft.parts.find((p) => p.id === partId);
  if (!part) return;
  const { outcome, on, by, reasoning, advisory } = judgment;
  part.judgments.push({
    outcome,
    on,
    by,
    ...(reasoning !== undefined ? { reasoning } : {}),
    advisory,
  });
  run.events.push({ type: 'outcome-set', on, part: partId, outcome, advisory });
  if (advisory) return;
  part.outcome = outcome;
  part.decidedOn = on;
  part.decidedBy = by;
  if (reasoning !== undefined) part.reasoning = reasoning;
  else delete part.reasoning;
}

function firstMotivation(
  action: ActionDefinition | undefined,
  values: Record<string, InputValue>,
): string | undefined {
  const input = action?.inputs.find((i) => i.kind === 'motivation');
  const value = input ? values[input.id] : undefined;
  return typeof value === 'string' ? value : undefined;
}

function runEffect(
  run: Run,
  effect: Effect,
  values: Record<string, InputValue>,
  on: PlainDate,
  action?: ActionDefinition,
): void {
  if (!conditionHolds(run, effect.when, values)) return;
  const { draft, index } = run;
  const by = action?.id ?? 'clock';
  switch (effect.kind) {
    case 'move': {
      const target = index.stages.get(effect.to);
      if (!target) throw new Error(`Unknown stage ${effect.to}; validate the procedure first.`);
      const trackId = target.track.id;
      const before = draft.tracks[trackId];
      if (before && before.stage === effect.to && before.status === 'active') return;
      const responsible: Responsible | undefined = target.stage.final
        ? undefined
        : (effect.responsible ?? target.stage.responsible);
      draft.tracks[trackId] = {
        stage: effect.to,
        since: on,
        status: target.stage.final ? 'ended' : 'active',
        ...(responsible ? { responsible: { ...responsible } } : {}),
      };
      run.events.push({
        type: 'stage-entered',
        on,
        track: trackId,
        stage: effect.to,
        ...(before ? { from: before.stage } : {}),
        ...(responsible ? { responsible: { ...responsible } } : {}),
      });
      if (target.stage.final)
        run.events.push({ type: 'track-ended', on, track: trackId, stage: effect.to });
      return;
    }
    case 'end-track': {
      const track = draft.tracks[effect.track];
      if (!track || track.status !== 'active') return;
      track.status = 'ended';
      run.events.push({ type: 'track-ended', on, track: effect.track, stage: track.stage });
      return;
    }
    case 'close-case': {
      for (const [id, track] of Object.entries(draft.tracks)) {
        if (track.status !== 'active') continue;
        track.status = 'ended';
        run.events.push({ type: 'track-ended', on, track: id, stage: track.stage });
      }
      return;
    }
    case 'start-clock': {
      const definition = index.clocks.get(effect.clock);
      if (!definition)
        throw new Error(`Unknown clock ${effect.clock}; validate the procedure first.`);
      const fromValue = effect.fromInput ? values[effect.fromInput] : undefined;
      const held = effect.fromMeeting
        ? run.used.meetings?.find((m) => m.kind === effect.fromMeeting)?.on
        : undefined;
      const start = typeof fromValue === 'string' ? fromValue : (held ?? on);
      const clock = startClock(definition, start);
      draft.clocks[effect.clock] = clock;
      clockChanged(run, clock, 'started', on);
      return;
    }
    case 'stop-clock': {
      const clock = draft.clocks[effect.clock];
      // A decision taken after its term ran out: the term stays expired, but is no longer overdue.
      if (clock?.status === 'expired' && clock.answeredOn === undefined) {
        clock.answeredOn = on;
        return;
      }
      if (!clock || (clock.status !== 'running' && clock.status !== 'suspended')) return;
      const open = clock.suspensions.find((s) => s.to === undefined);
      if (open) open.to = on;
      clock.status = 'stopped';
      clock.endedOn = on;
      clockChanged(run, clock, 'stopped', on);
      return;
    }
    case 'suspend-clock': {
      const clock = draft.clocks[effect.clock];
      const definition = index.clocks.get(effect.clock);
      if (!clock || clock.status !== 'running' || !definition?.suspendable) return;
      clock.status = 'suspended';
      clock.suspensions.push({ from: on });
      clockChanged(run, clock, 'suspended', on);
      return;
    }
    case 'resume-clock': {
      const clock = draft.clocks[effect.clock];
      const definition = index.clocks.get(effect.clock);
      if (!clock || clock.status !== 'suspended' || !definition) return;
      const open = clock.suspensions.find((s) => s.to === undefined);
      if (open) open.to = on;
      clock.status = 'running';
      const updated = withDue(clock, definition);
      clock.due = updated.due;
      clockChanged(run, clock, 'resumed', on);
      return;
    }
    case 'extend-clock': {
      const definition = index.clocks.get(effect.clock);
      const request = values[effect.input] as ExtensionRequest | undefined;
      if (!definition?.extension || !request) return;
      const clock = draft.clocks[effect.clock];
      const problems = extensionProblems(clock, definition, request);
      if (problems.length > 0 || !clock) {
        throw new RefusedError({
          code: 'extension-not-allowed',
          reasons: problems.map((message) => ({ message, input: effect.input })),
        });
      }
      const rule = definition.extension;
      const needsConsent = extensionNeedsConsent(clock, definition, request.duration);
      const noticeTo = rule.noticeRequired ? [...rule.noticeTo] : [];
      const extension = {
        id: `${clock.clock}#${clock.extensions.length + 1}`,
        duration: request.duration,
        reason: request.reason,
        recordedOn: on,
        status: 'pending' as const,
        needsConsent,
        noticeTo,
      };
      clock.extensions.push(extension);
      run.events.push({
        type: 'extension-pending',
        on,
        clock: clock.clock,
        extension: extension.id,
        before: clock.due,
        newDue: dueWithPending(clock, definition) ?? clock.due,
        needsConsent,
        noticeTo,
      });
      // Without consent or notice to wait for, it takes effect at once.
      settleClock(run, clock, on);
      return;
    }
    case 'consent-to-extension':
    case 'decline-extension': {
      const clock = draft.clocks[effect.clock];
      const pending = clock ? pendingExtension(clock) : undefined;
      if (!clock || !pending?.needsConsent || pending.consent) {
        throw new RefusedError({
          code: 'guard-failed',
          reasons: [
            reason(
              'Er wacht geen verlenging op uw toestemming.',
              'No extension waits for your consent.',
            ),
          ],
        });
      }
      if (effect.kind === 'decline-extension') {
        pending.status = 'declined';
        pending.settledOn = on;
        run.events.push({
          type: 'extension-settled',
          on,
          clock: clock.clock,
          extension: pending.id ?? clock.clock,
          status: 'declined',
        });
        return;
      }
      pending.consent = { on, via: 'portal' };
      settleClock(run, clock, on);
      return;
    }
    case 'propose-members': {
      const proposed = values[effect.input] as InputValues['participants'] | undefined;
      if (!proposed?.length) return;
      draft.members ??= {};
      const list = (draft.members[effect.commission] ??= []);
      const ids: string[] = [];
      // Proposing someone is the proposer's approval of them; the other parties still answer.
      const own = run.party ? [{ by: run.party, on, approve: true }] : [];
      for (const person of proposed) {
        const id = `${effect.commission}#${list.length + 1}`;
        list.push({ id, ...person, proposedOn: on, approvals: own.map((a) => ({ ...a })) });
        ids.push(id);
      }
      run.events.push({
        type: 'members-proposed',
        on,
        commission: effect.commission,
        members: ids,
      });
      return;
    }
    case 'record-approval': {
      const answer = values[effect.input] as InputValues['member-approval'] | undefined;
      const party = run.party;
      if (!answer || !party) return;
      const member = draft.members?.[effect.commission]?.find((m) => m.id === answer.member);
      if (!member) return;
      if (member.approvals.some((a) => a.by === party)) {
        throw new RefusedError({
          code: 'invalid-input',
          reasons: [
            reason(
              `U heeft al geantwoord over ${member.name}.`,
              `You already answered on ${member.name}.`,
              effect.input,
            ),
          ],
        });
      }
      member.approvals.push({
        by: party,
        on,
        approve: answer.approve,
        ...(answer.reason !== undefined ? { reason: answer.reason } : {}),
      });
      run.events.push({
        type: 'member-approval',
        on,
        commission: effect.commission,
        member: member.id,
        by: party,
        approve: answer.approve,
      });
      return;
    }
    case 'set-outcomes': {
      const decided = values[effect.input] as InputValues['complaint-parts'] | undefined;
      const advisory = effect.advisory ?? false;
      for (const item of decided ?? []) {
        setOutcome(run, item.part, { ...item, on, by, advisory });
      }
      return;
    }
    case 'set-all-outcomes': {
      for (const part of draft.parts) {
        if (part.outcome === undefined) {
          setOutcome(run, part.id, { outcome: effect.outcome, on, by, advisory: false });
        }
      }
      return;
    }
    case 'record-measures': {
      const measures = values[effect.input] as InputValues['measures'] | undefined;
      for (const item of measures ?? []) {
        const measure = { id: `m${draft.measures.length + 1}`, ...item, recordedOn: on };
        draft.measures.push(measure);
        run.events.push({ type: 'measure-recorded', on, measure });
      }
      return;
    }
    case 'refer': {
      if (!draft.referrals.some((r) => r.commission === effect.commission && r.active)) {
        const approved = memberVerdicts(draft.members?.[effect.commission] ?? [], [])
          .map((v) => v.member)
          .filter((m) => m.approvals.length > 0 && m.approvals.every((a) => a.approve))
          .map((m) => m.name);
        draft.referrals.push({
          commission: effect.commission,
          since: on,
          active: true,
          ...(approved.length > 0 ? { members: approved } : {}),
        });
        run.events.push({ type: 'referred', on, commission: effect.commission });
      }
      runEffect(run, { kind: 'move', to: effect.to }, values, on, action);
      return;
    }
    case 'end-referral': {
      for (const referral of draft.referrals) {
        if (referral.commission === effect.commission && referral.active) {
          referral.active = false;
          run.events.push({ type: 'referral-ended', on, commission: effect.commission });
        }
      }
      return;
    }
    case 'notify':
      run.events.push({
        type: 'notification-requested',
        on,
        to: effect.to,
        message: effect.message,
      });
      return;
    case 'create-task':
      run.events.push({
        type: 'task-created',
        on,
        for: effect.for,
        ...(effect.position ? { position: effect.position } : {}),
        label: effect.label,
        ...(effect.due ? { due: addDuration(on, effect.due) } : {}),
      });
      return;
    case 'set-flag':
      if ((draft.flags[effect.flag] ?? false) === effect.value && effect.flag in draft.flags)
        return;
      draft.flags[effect.flag] = effect.value;
      run.events.push({ type: 'flag-set', on, flag: effect.flag, value: effect.value });
      return;
    case 'decide-admissibility': {
      const decision = values[effect.input] === 'decline' ? 'decline' : 'accept';
      const motivation = firstMotivation(action, values);
      draft.admissibility = {
        ...draft.admissibility,
        status: decision === 'accept' ? 'accepted' : 'declined',
        decidedOn: on,
        ...(motivation !== undefined ? { motivation } : {}),
      };
      run.events.push({ type: 'admissibility-decided', on, decision });
      if (decision === 'decline') {
        runEffect(
          run,
          { kind: 'set-all-outcomes', outcome: 'niet-ontvankelijk' },
          values,
          on,
          action,
        );
        runEffect(run, { kind: 'close-case' }, values, on, action);
      }
      return;
    }
  }
}

/** Closes the case once no track is active: every clock stops, nothing is left running. */
function finishTransition(run: Run, on: PlainDate): void {
  const { draft } = run;
  if (draft.closed) return;
  const tracks = Object.values(draft.tracks);
  if (tracks.length === 0 || tracks.some((t) => t.status === 'active')) return;
  for (const clock of Object.values(draft.clocks)) {
    if (clock.status === 'running' || clock.status === 'suspended') {
      runEffect(run, { kind: 'stop-clock', clock: clock.clock }, {}, on);
    }
  }
  draft.closed = true;
  draft.closedOn = on;
  run.events.push({ type: 'case-closed', on });
}

// ---------------------------------------------------------------------------------------------
// Time

interface Due {
  on: PlainDate;
  kind: 'reminder' | 'expiry';
  clock: string;
  reminder?: PlainDate;
}

function nextDue(procedure: ProcedureDefinition, state: CaseState): Due | undefined {
  if (state.closed) return undefined;
  const index = indexProcedure(procedure);
  let best: Due | undefined;
  const consider = (candidate: Due): void => {
    if (
      !best ||
      compareDates(candidate.on, best.on) < 0 ||
      (candidate.on === best.on &&
        (candidate.kind < best.kind ||
          (candidate.kind === best.kind && candidate.clock < best.clock)))
    ) {
      best = candidate;
    }
  };
  for (const clock of Object.values(state.clocks)) {
    if (clock.status !== 'running') continue;
    const definition = index.clocks.get(clock.clock);
    if (!definition) continue;
    for (const before of definition.reminders) {
      const reminder = subtractDuration(clock.due, before);
      if (clock.remindersSent.includes(reminder)) continue;
      const on = compareDates(reminder, clock.startedOn) < 0 ? clock.startedOn : reminder;
      consider({ on, kind: 'reminder', clock: clock.clock, reminder });
    }
    consider({ on: addDays(clock.due, 1), kind: 'expiry', clock: clock.clock });
  }
  return best;
}

/**
 * The date a case needs attention by, for lists and dashboards: its next reminder or expiry, or,
 * earlier, the due date of a decision term that ran out unanswered (`isOverdue`). Once such a
 * term expires no job waits for it, so {@link nextWakeUp} forgets it; the case is still overdue
 * until someone decides. Undefined for a closed case, or one with nothing running or overdue.
 */
export function attentionDate(
  procedure: ProcedureDefinition,
  state: CaseState,
): PlainDate | undefined {
  if (state.closed) return undefined;
  const index = indexProcedure(procedure);
  const overdue = Object.values(state.clocks)
    .filter((clock) => isOverdue(clock, index.clocks.get(clock.clock), state.closed))
    .map((clock) => clock.due);
  const wakeUp = nextWakeUp(procedure, state);
  return [...overdue, ...(wakeUp ? [wakeUp] : [])].sort(compareDates)[0];
}

/**
 * The first date on which {@link advanceTime} will have something to do (a reminder or an expiry),
 * for the server to schedule its job; undefined when no clock runs.
 */
export function nextWakeUp(
  procedure: ProcedureDefinition,
  state: CaseState,
): PlainDate | undefined {
  return nextDue(procedure, state)?.on;
}

/**
 * What the case record holds for a clock's pending extension: the consent it needs (given in the
 * portal already, or a consent document) and letters announcing it to every recipient, each dated
 * on or before the end of the term as it stands and not after `until`. Complete when both are in.
 */
function settlementOf(clock: ClockState, facts: CaseFacts, until: PlainDate) {
  const pending = pendingExtension(clock);
  if (!pending || clock.status !== 'running') return undefined;
  const before = compareDates(clock.due, until) < 0 ? clock.due : until;
  const document =
    pending.needsConsent && !pending.consent
      ? consentDocumentOf(pending, clock, facts, before)
      : undefined;
  const consent =
    pending.consent ??
    (document ? { on: document.givenOn, via: 'document' as const, ref: document.id } : undefined);
  const consented = !pending.needsConsent || consent !== undefined;
  const notice = (pending.noticeTo ?? []).length > 0 ? noticeOf(pending, facts, before) : undefined;
  const noticed = notice === undefined || (notice.complete && notice.sentOn !== undefined);
  return { pending, consent, document, notice, complete: consented && noticed };
}

/** Makes a clock's pending extension effective when the record holds its consent and notice. */
function settleClock(run: Run, clock: ClockState, until: PlainDate): void {
  const definition = run.index.clocks.get(clock.clock);
  const settlement = settlementOf(clock, run.facts, until);
  if (!definition || !settlement?.complete) return;
  const { pending, consent, document, notice } = settlement;
  const dates = [pending.recordedOn];
  if (consent) {
    pending.consent = consent;
    dates.push(consent.on);
  }
  if (document) run.used = mergeFacts(run.used, { consents: [document] });
  if (notice?.sentOn) {
    pending.notice = {
      sentOn: notice.sentOn,
      to: notice.to,
      letters: notice.letters.map((l) => l.id),
    };
    run.used = mergeFacts(run.used, { letters: notice.letters });
    dates.push(notice.sentOn);
  }
  const effectiveOn = dates.sort(compareDates).at(-1) ?? pending.recordedOn;
  pending.status = 'effective';
  pending.settledOn = effectiveOn;
  clock.due = deriveDue(clock, definition).due;
  run.events.push({
    type: 'extension-settled',
    on: effectiveOn,
    clock: clock.clock,
    extension: pending.id ?? clock.clock,
    status: 'effective',
  });
  clockChanged(run, clock, 'extended', effectiveOn);
}

function settleAll(run: Run, until: PlainDate): void {
  for (const clock of Object.values(run.draft.clocks)) settleClock(run, clock, until);
}

/** Whether advancing to `today` would change anything: a term fell due or a fact settles one. */
function needsAdvance(
  procedure: ProcedureDefinition,
  state: CaseState,
  today: PlainDate,
  facts: CaseFacts,
): boolean {
  const next = nextWakeUp(procedure, state);
  if (next !== undefined && compareDates(next, today) <= 0) return true;
  if (state.closed) return false;
  const index = indexProcedure(procedure);
  return Object.values(state.clocks).some(
    (clock) =>
      index.clocks.has(clock.clock) && settlementOf(clock, facts, today)?.complete === true,
  );
}

function advanceDraft(run: Run, until: PlainDate): void {
  settleAll(run, until);
  for (let step = 0; step < MAX_ADVANCE_STEPS; step += 1) {
    const due = nextDue(run.procedure, run.draft);
    if (!due || compareDates(due.on, until) > 0) return;
    const clock = run.draft.clocks[due.clock];
    const definition = run.index.clocks.get(due.clock);
    if (!clock || !definition) return;
    if (due.kind === 'reminder' && due.reminder !== undefined) {
      clock.remindersSent.push(due.reminder);
      run.events.push({ type: 'reminder-due', on: due.on, clock: clock.clock, due: clock.due });
      continue;
    }
    // The term as it stood ran out before the extension's consent or notice was complete.
    const lapsing = pendingExtension(clock);
    if (lapsing) {
      lapsing.status = 'lapsed';
      lapsing.settledOn = due.on;
      run.events.push({
        type: 'extension-settled',
        on: due.on,
        clock: clock.clock,
        extension: lapsing.id ?? clock.clock,
        status: 'lapsed',
      });
    }
    clock.status = 'expired';
    clock.endedOn = due.on;
    clockChanged(run, clock, 'expired', due.on);
    for (const effect of definition.onExpiry) runEffect(run, effect, {}, due.on);
    finishTransition(run, due.on);
  }
  throw new Error('Clock effects keep restarting each other; check the procedure for a loop.');
}

/**
 * Moves the case to `at`: settles pending extensions from the facts (a consent document, the
 * letters of notice), raises reminders that fell due, lapses an extension whose term ran out first,
 * expires clocks and runs their expiry effects (e.g. forward to the bestuur), in date order, each
 * dated on the day it happened. When nothing changes the same state object comes back with
 * `changed: false`.
 *
 * @param facts what the case record holds; pass them whenever an extension may be pending, or a
 *   notice sent in time is not seen and the extension lapses when the term runs out.
 */
export function advanceTime(
  procedure: ProcedureDefinition,
  state: CaseState,
  at: Instant,
  facts: CaseFacts = {},
): Advanced {
  return outsideActions(procedure, state, at, facts, {
    idle: (today) => !needsAdvance(procedure, state, today, facts),
    entry: { kind: 'time' },
  });
}

/**
 * Records that the active referral to `commission` ended outside the procedure's own actions: its
 * term ran out, or staff ended it. The server keeps referrals with terms of its own; telling the
 * engine keeps the case state and those referrals one truth, so a later `refer` effect refers
 * again instead of taking the old referral for a running one. Time is advanced to `at` first, as
 * for an action. Without an active referral to that commission the same state comes back with
 * `changed: false`.
 */
export function endReferral(
  procedure: ProcedureDefinition,
  state: CaseState,
  commission: string,
  at: Instant,
  facts: CaseFacts = {},
): Advanced {
  return outsideActions(procedure, state, at, facts, {
    idle: () => !state.referrals.some((r) => r.commission === commission && r.active),
    change: (run, today) => runEffect(run, { kind: 'end-referral', commission }, {}, today),
    entry: { kind: 'referral-ended', commission },
  });
}

/**
 * Records whom parts of the complaint are about, once staff know the person: a client filing in
 * the portal names them in words, not by account, and the procedure's hearings and mediation
 * talks need them invited (`minutes-signed` with `subject`). The person is added to each of
 * `partIds`; time is advanced to `at` first, as for an action. A closed case, or one where every
 * part already names them, comes back unchanged (`changed: false`). The server decides which
 * parts (and that the person may be a subject); the engine keeps it in the state and history.
 */
export function nameSubject(
  procedure: ProcedureDefinition,
  state: CaseState,
  subjectId: string,
  partIds: readonly string[],
  at: Instant,
  facts: CaseFacts = {},
): Advanced {
  const parts = state.parts.filter(
    (part) => partIds.includes(part.id) && !(part.subjectIds ?? []).includes(subjectId),
  );
  return outsideActions(procedure, state, at, facts, {
    idle: () => state.closed || parts.length === 0,
    change: (run, today) => {
      for (const part of run.draft.parts) {
        if (parts.some((named) => named.id === part.id))
          part.subjectIds = [...(part.subjectIds ?? []), subjectId];
      }
      run.events.push({
        type: 'subject-named',
        on: today,
        subjectId,
        parts: parts.map((part) => part.id),
      });
    },
    entry: { kind: 'subject-named', subjectId, partIds: [...partIds] },
  });
}

/** A history entry without its moment and facts, which `outsideActions` adds. */
type OutsideEntry = HistoryEntry extends infer E
  ? E extends { kind: 'time' | 'referral-ended' | 'subject-named' }
    ? Omit<E, 'at' | 'facts'>
    : never
  : never;

/**
 * A change outside the procedure's actions (time passing, a referral ended, a subject named), all
 * alike: a case of another procedure or version, a moment before the last change, or nothing to
 * do (`idle`) leaves the state as it is (`changed: false`); otherwise time is advanced to `at`
 * first, as for an action, then the change is made, the version bumped and the entry recorded
 * with the facts it relied on.
 */
function outsideActions(
  procedure: ProcedureDefinition,
  state: CaseState,
  at: Instant,
  facts: CaseFacts,
  transition: {
    idle: (today: PlainDate) => boolean;
    change?: (run: Run, today: PlainDate) => void;
    entry: OutsideEntry;
  },
): Advanced {
  const unchanged: Advanced = { ok: true, changed: false, state, events: [], clockChanges: [] };
  if (!sameProcedure(procedure, state)) return unchanged;
  if (toInstant(at).getTime() < Date.parse(state.lastChangeAt)) return unchanged;
  const today = amsterdamDate(at);
  if (transition.idle(today)) return unchanged;
  const run = newRun(procedure, indexProcedure(procedure), state, today, facts);
  advanceDraft(run, today);
  if (transition.change) {
    transition.change(run, today);
    finishTransition(run, today);
  }
  run.draft.version = state.version + 1;
  run.draft.lastChangeAt = isoInstant(at);
  const used = compactFacts(run.used);
  run.draft.history.push({
    ...transition.entry,
    at: isoInstant(at),
    ...(hasFacts(used) ? { facts: structuredClone(used) } : {}),
  } as HistoryEntry);
  return { ...applied(run), changed: true };
}

function applied(run: Run): Applied {
  const clockChanges: ClockChange[] = [];
  for (const event of run.events) {
    if (event.type !== 'clock-changed') continue;
    const clock = run.draft.clocks[event.clock];
    const definition = run.index.clocks.get(event.clock);
    if (!clock || !definition) continue;
    clockChanges.push({
      clock: event.clock,
      change: event.change,
      status: clock.status,
      due: clock.due,
      explanation: explainBoth(clock, definition),
    });
  }
  return { ok: true, state: run.draft, events: run.events, clockChanges };
}

// ---------------------------------------------------------------------------------------------
// Replay

/**
 * Rebuilds a case from its history. Applying the same commands, with the facts each change relied
 * on (kept in its entry), to the same procedure gives the same state, so `replay(p, s.history)`
 * deep-equals `s`; a stored state can always be re-derived. Throws when the history does not apply
 * (it was not produced by this procedure, or by an engine that still believed typed sign-offs and
 * notices: ADR 0030).
 */
export function replay(procedure: ProcedureDefinition, history: HistoryEntry[]): CaseState {
  const [first, ...rest] = history;
  if (!first || first.kind !== 'filed') throw new Error('A case history starts with its filing.');
  const filed = fileCase(procedure, first.input, first.at);
  if (!filed.ok) throw new Error(`Filing does not replay: ${filed.refusal.code}`);
  let state = filed.state;
  for (const entry of rest) {
    if (entry.kind === 'filed') throw new Error('A case is filed only once.');
    if (entry.kind === 'time') {
      state = advanceTime(procedure, state, entry.at, entry.facts ?? {}).state;
      continue;
    }
    if (entry.kind === 'referral-ended') {
      state = endReferral(procedure, state, entry.commission, entry.at, entry.facts ?? {}).state;
      continue;
    }
    if (entry.kind === 'subject-named') {
      const facts = entry.facts ?? {};
      state = nameSubject(procedure, state, entry.subjectId, entry.partIds, entry.at, facts).state;
      continue;
    }
    const result = applyAction(
      procedure,
      state,
      entry.actor,
      entry.action,
      entry.payload,
      entry.at,
      entry.facts ?? {},
    );
    if (!result.ok)
      throw new Error(`Action ${entry.action} does not replay: ${result.refusal.code}`);
    state = result.state;
  }
  return state;
}

/**
 * Explains every clock of a case in words, in the given language. `overdue` marks a decision term
 * that ran out with no decision yet; `pendingExtension` says an extension waits for its consent or
 * notice (the due date has not moved yet; see `pendingNotices`).
 */
export function explainClocks(
  procedure: ProcedureDefinition,
  state: CaseState,
  lang: 'nl' | 'en',
): {
  clock: string;
  label: string;
  status: ClockState['status'];
  due: PlainDate;
  explanation: string;
  overdue: boolean;
  pendingExtension: boolean;
}[] {
  const index = indexProcedure(procedure);
  return Object.values(state.clocks).map((clock) => {
    const definition = index.clocks.get(clock.clock);
    const explanation = definition ? explainBoth(clock, definition)[lang] : formatDutch(clock.due);
    return {
      clock: clock.clock,
      label: definition?.label[lang] ?? clock.clock,
      status: clock.status,
      due: clock.due,
      explanation,
      overdue: isOverdue(clock, definition, state.closed),
      pendingExtension: clock.status === 'running' && pendingExtension(clock) !== undefined,
    };
  });
}
