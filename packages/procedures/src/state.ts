import type { Duration } from './calendar/duration.js';
import type { Instant, PlainDate } from './calendar/plain-date.js';
import type {
  ConfidantGrant,
  Label,
  Outcome,
  Participant,
  RelationshipKind,
  Role,
} from './definition.schema.js';

/** Format tag of a stored case state, so a later engine can migrate old JSON. */
export const CASE_FORMAT = 'klachtpad.case/1';

/** A relationship of the acting person to this case. */
export type Relationship =
  | { kind: Exclude<RelationshipKind, 'confidant'> }
  | { kind: 'confidant'; grants: ConfidantGrant[] };

/** Who is acting: their roles in the organisation and their relationships to the case. */
export interface Actor {
  roles: Role[];
  relationships: Relationship[];
}

/** Where one track of the case is. A track that was never entered is absent from the state. */
export interface TrackState {
  stage: string;
  since: PlainDate;
  status: 'active' | 'ended';
}

export type ClockStatus = 'running' | 'suspended' | 'stopped' | 'expired';

export interface Suspension {
  from: PlainDate;
  /** Absent while the suspension lasts. */
  to?: PlainDate;
}

export interface Extension {
  duration: Duration;
  /** The day the written notice was sent (before the deadline). */
  noticeSentOn: PlainDate;
  noticeSentTo: Participant[];
  /** Present when the extension needed, and got, the client's consent. */
  consentRecordedOn?: PlainDate;
  recordedOn: PlainDate;
}

/** One running (or finished) term of the case. `due` is derived and cached for queries. */
export interface ClockState {
  clock: string;
  startedOn: PlainDate;
  startsOn: Label;
  duration: Duration;
  status: ClockStatus;
  suspensions: Suspension[];
  extensions: Extension[];
  /** Reminder dates already raised, so a reminder fires once per due date. */
  remindersSent: PlainDate[];
  due: PlainDate;
  endedOn?: PlainDate;
}

/** One judgment on a complaint part: a decision, or an advice that does not decide. */
export interface Judgment {
  outcome: Outcome;
  on: PlainDate;
  /** The action that recorded it. */
  by: string;
  reasoning?: string;
  advisory: boolean;
}

export interface ComplaintPart {
  id: string;
  summary: string;
  category?: string;
  /** The latest decision (never an advice). */
  outcome?: Outcome;
  decidedOn?: PlainDate;
  reasoning?: string;
  /** The action that set the outcome. */
  decidedBy?: string;
  /**
   * Every judgment in order, so a later decision (the bestuur's answer, the director's ruling on
   * appeal) never erases an earlier one or the commission's advice it followed.
   */
  judgments: Judgment[];
}

export interface Measure {
  id: string;
  description: string;
  owner: string;
  due: PlainDate;
  parts: string[];
  recordedOn: PlainDate;
}

export type WarningCode = 'out-of-time' | 'complainant-not-listed' | 'window-date-missing';

/** A filing warning. Those with `requiresDecision` hold the case until a reasoned decision. */
export interface FilingWarning {
  code: WarningCode;
  requiresDecision: boolean;
  message: Label;
}

export interface Admissibility {
  status: 'not-needed' | 'pending' | 'accepted' | 'declined';
  warnings: FilingWarning[];
  decidedOn?: PlainDate;
  motivation?: string;
}

export interface Referral {
  commission: string;
  since: PlainDate;
  active: boolean;
}

/** What a complainant submits when filing. */
export interface FileCaseInput {
  /** Which entry of the procedure (e.g. internal or straight to the external commission). */
  entry?: string;
  /** Kind of complainant as listed in the procedure's eligibility (e.g. "ouder", "partner"). */
  complainant: string;
  parts: { id?: string; summary: string; category?: string }[];
  category?: string;
  eventDate?: PlainDate;
  lastContactDate?: PlainDate;
  /** When the complaint was received, if earlier than the moment it is registered. */
  receivedOn?: PlainDate;
  flags?: Record<string, boolean>;
}

/** The commands that built the state; replaying them reproduces it exactly. */
export type HistoryEntry =
  | { kind: 'filed'; at: string; input: FileCaseInput }
  | { kind: 'action'; at: string; action: string; actor: Actor; payload: Record<string, unknown> }
  | { kind: 'time'; at: string }
  /** A referral ended outside the procedure's actions (its term ran out, or staff ended it). */
  | { kind: 'referral-ended'; at: string; commission: string };

/** The whole state of one case, plain JSON, stored by the server (jsonb). */
export interface CaseState {
  format: typeof CASE_FORMAT;
  procedure: { id: string; version: number };
  /** Increases with every change; the server's optimistic-concurrency token. */
  version: number;
  receivedOn: PlainDate;
  /** Instant of the last change; the engine refuses to go back in time. */
  lastChangeAt: string;
  entry: string;
  complainant: string;
  category?: string;
  eventDate?: PlainDate;
  lastContactDate?: PlainDate;
  tracks: Record<string, TrackState>;
  clocks: Record<string, ClockState>;
  parts: ComplaintPart[];
  measures: Measure[];
  flags: Record<string, boolean>;
  referrals: Referral[];
  admissibility: Admissibility;
  closed: boolean;
  closedOn?: PlainDate;
  history: HistoryEntry[];
}

/** Something that happened, for the outbox, the timeline and notifications. `on` is the civil date. */
export type CaseEvent =
  | { type: 'case-filed'; on: PlainDate; entry: string; complainant: string; parts: string[] }
  | { type: 'filing-warning'; on: PlainDate; warning: FilingWarning }
  | { type: 'admissibility-decided'; on: PlainDate; decision: 'accept' | 'decline' }
  | { type: 'action-taken'; on: PlainDate; action: string; label: Label }
  | { type: 'stage-entered'; on: PlainDate; track: string; stage: string; from?: string }
  | { type: 'track-ended'; on: PlainDate; track: string; stage: string }
  | {
      type: 'clock-changed';
      on: PlainDate;
      clock: string;
      change: ClockChangeKind;
      due: PlainDate;
    }
  | { type: 'reminder-due'; on: PlainDate; clock: string; due: PlainDate }
  | { type: 'outcome-set'; on: PlainDate; part: string; outcome: Outcome; advisory: boolean }
  | { type: 'measure-recorded'; on: PlainDate; measure: Measure }
  | { type: 'referred'; on: PlainDate; commission: string }
  | { type: 'referral-ended'; on: PlainDate; commission: string }
  | { type: 'notification-requested'; on: PlainDate; to: Participant[]; message: Label }
  | { type: 'task-created'; on: PlainDate; for: Role; label: Label; due?: PlainDate }
  | { type: 'flag-set'; on: PlainDate; flag: string; value: boolean }
  | { type: 'case-closed'; on: PlainDate };

export type CaseEventType = CaseEvent['type'];

export type ClockChangeKind =
  'started' | 'stopped' | 'suspended' | 'resumed' | 'extended' | 'expired';

/** A change to a clock, with its due date explained, so the server can (re)schedule its jobs. */
export interface ClockChange {
  clock: string;
  change: ClockChangeKind;
  status: ClockStatus;
  due: PlainDate;
  explanation: Label;
}

/** Refusal codes: why an action (or a filing) was not applied. */
export const REFUSAL_CODES = [
  'procedure-mismatch',
  'time-went-backwards',
  'case-closed',
  'unknown-action',
  'awaiting-admissibility-decision',
  'not-allowed-in-stage',
  'recused',
  'role-not-allowed',
  'missing-input',
  'invalid-input',
  'guard-failed',
  'extension-not-allowed',
] as const;
export type RefusalCode = (typeof REFUSAL_CODES)[number];

export interface RefusalReason {
  message: Label;
  /** The input the reason is about, when there is one. */
  input?: string;
}

export interface Refusal {
  code: RefusalCode;
  reasons: RefusalReason[];
}

/** Result of a change that was applied. */
export interface Applied {
  ok: true;
  state: CaseState;
  events: CaseEvent[];
  clockChanges: ClockChange[];
}

export type ApplyResult = Applied | { ok: false; refusal: Refusal };

export type { Instant };
