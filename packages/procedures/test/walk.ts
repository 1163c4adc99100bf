// A small driver for scenario tests: a case walked step by step with fixed dates.
import { expect } from 'vitest';
import { advanceTime, applyAction, availableActions, fileCase, replay } from '../src/engine.js';
import type {
  LetterKind,
  MeetingKind,
  Participant,
  ProcedureDefinition,
} from '../src/definition.schema.js';
import type { CaseFacts, LetterFact, MeetingFact } from '../src/facts.js';
import type {
  Actor,
  CaseEvent,
  CaseState,
  ClockChange,
  FileCaseInput,
  RefusalCode,
} from '../src/state.js';
import { explainClocks } from '../src/engine.js';

/** Noon UTC is the same civil date in Amsterdam all year round. */
export function noon(date: string): string {
  return `${date}T12:00:00.000Z`;
}

export const actors = {
  client: { roles: ['client'], relationships: [{ kind: 'client' }] },
  confidantSubmit: {
    roles: ['confidant'],
    relationships: [{ kind: 'confidant', grants: ['view', 'submit'] }],
  },
  confidantViewOnly: {
    roles: ['confidant'],
    relationships: [{ kind: 'confidant', grants: ['view'] }],
  },
  handler: { roles: ['handler'], relationships: [{ kind: 'assigned-handler' }] },
  otherHandler: { roles: ['handler'], relationships: [] },
  handlerSubject: {
    roles: ['handler'],
    relationships: [{ kind: 'assigned-handler' }, { kind: 'subject' }],
  },
  manager: { roles: ['manager'], relationships: [] },
  director: { roles: ['director'], relationships: [] },
  directorSubject: { roles: ['director'], relationships: [{ kind: 'subject' }] },
  // Where the organisation tells directie and bestuur apart (seed 003).
  directie: { roles: ['director'], relationships: [], positions: ['directie'] },
  bestuur: { roles: ['director'], relationships: [], positions: ['bestuur'] },
  directieSubject: {
    roles: ['director'],
    relationships: [{ kind: 'subject' }],
    positions: ['directie'],
  },
  commission: { roles: ['commission'], relationships: [{ kind: 'referred-commission' }] },
  commissionNotReferred: { roles: ['commission'], relationships: [] },
} satisfies Record<string, Actor>;

export class Walk {
  state: CaseState;
  events: CaseEvent[] = [];
  clockChanges: ClockChange[] = [];

  constructor(
    readonly procedure: ProcedureDefinition,
    input: FileCaseInput,
    date: string,
  ) {
    const filed = fileCase(procedure, input, noon(date));
    if (!filed.ok) throw new Error(`filing refused: ${JSON.stringify(filed.refusal)}`);
    this.state = filed.state;
    this.events = filed.events;
    this.clockChanges = filed.clockChanges;
  }

  /** An independent copy, to try another path from here. */
  fork(): Walk {
    const copy = Object.create(Walk.prototype) as Walk;
    return Object.assign(copy, { ...this, state: structuredClone(this.state) });
  }

  /** Applies an action that must succeed, with what the case record holds (`facts`). */
  act(
    actor: Actor,
    action: string,
    payload: Record<string, unknown>,
    date: string,
    facts: CaseFacts = {},
  ): this {
    const result = applyAction(
      this.procedure,
      this.state,
      actor,
      action,
      payload,
      noon(date),
      facts,
    );
    if (!result.ok) {
      throw new Error(`${action} refused: ${JSON.stringify(result.refusal, null, 1)}`);
    }
    this.state = result.state;
    this.events = result.events;
    this.clockChanges = result.clockChanges;
    return this;
  }

  /** Applies an action that must be refused with `code`; checks the state did not change. */
  refused(
    actor: Actor,
    action: string,
    payload: Record<string, unknown>,
    date: string,
    code: RefusalCode,
    facts: CaseFacts = {},
  ): string[] {
    const before = JSON.stringify(this.state);
    const result = applyAction(
      this.procedure,
      this.state,
      actor,
      action,
      payload,
      noon(date),
      facts,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return [];
    expect(result.refusal.code).toBe(code);
    expect(JSON.stringify(this.state)).toBe(before);
    return result.refusal.reasons.map((r) => r.message.en);
  }

  advance(date: string, facts: CaseFacts = {}): this {
    const result = advanceTime(this.procedure, this.state, noon(date), facts);
    this.state = result.state;
    this.events = result.events;
    this.clockChanges = result.clockChanges;
    return this;
  }

  available(actor: Actor, date: string, facts: CaseFacts = {}): string[] {
    return availableActions(this.procedure, this.state, actor, noon(date), facts).map((a) => a.id);
  }

  /** What the offered action still lacks, in English (empty when nothing). */
  missing(actor: Actor, action: string, date: string, facts: CaseFacts = {}): string[] {
    const offered = availableActions(this.procedure, this.state, actor, noon(date), facts);
    const found = offered.find((a) => a.id === action);
    if (!found) throw new Error(`${action} is not offered`);
    return found.missing.map((m) => m.message.en);
  }

  stage(track: string): string | undefined {
    return this.state.tracks[track]?.stage;
  }

  due(clock: string): string | undefined {
    return this.state.clocks[clock]?.due;
  }

  explain(clock: string, lang: 'nl' | 'en' = 'nl'): string | undefined {
    return explainClocks(this.procedure, this.state, lang).find((c) => c.clock === clock)
      ?.explanation;
  }

  outcomes(): Record<string, string | undefined> {
    return Object.fromEntries(this.state.parts.map((p) => [p.id, p.outcome]));
  }

  eventTypes(): string[] {
    return this.events.map((e) => e.type);
  }

  /** The history replays to exactly this state. */
  expectReplays(): void {
    expect(replay(this.procedure, this.state.history)).toEqual(this.state);
  }
}

/** A meeting of the case record whose minutes everyone present signed on `signedOn`. */
export function signedMeeting(
  kind: MeetingKind,
  on: string,
  present: Participant[],
  signedOn: string = on,
  id = `${kind}-${on}`,
): MeetingFact {
  return { id, kind, on, invited: present, present, minutesSignedOn: signedOn };
}

/** A letter of the case record. */
export function sentLetter(
  kind: LetterKind,
  sentOn: string,
  to: Participant[],
  extension?: string,
): LetterFact {
  return {
    id: `${kind}-${sentOn}-${to.join('-')}`,
    kind,
    sentOn,
    to,
    ...(extension ? { extension } : {}),
  };
}
