import type { Duration } from './calendar/duration.js';
import type { Instant, PlainDate } from './calendar/plain-date.js';
import type {
  ConfidantGrant,
  Label,
  Outcome,
  Participant,
  Position,
  RelationshipKind,
  RequirementKind,
  Responsible,
  Role,
} from './definition.schema.js';
import type { CaseFacts } from './facts.js';

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
  /**
   * A director's positions (directie, bestuur). Absent means the organisation does not tell them
   * apart: its directors hold both. An empty list means none (a director who is neither).
   */
  positions?: Position[];
}

/** Where one track of the case is. A track that was never entered is absent from the state. */
export interface TrackState {
  stage: string;
  since: PlainDate;
  status: 'active' | 'ended';
  /** Who is responsible in this stage (the stage's own, or whom the step handed the case to). */
  responsible?: Responsible;
}

export type ClockStatus = 'running' | 'suspended' | 'stopped' | 'expired';

export interface Suspension {
  from: PlainDate;
  /** Absent while the suspension lasts. */
  to?: PlainDate;
}

/**
 * Where an extension stands. `pending`: recorded, waiting for the client's consent (when it needs
 * one) and for its notice to be sent to every required recipient, both before the term as it stood
 * ends; the due date has not moved yet. `effective`: the due date moved. `lapsed`: the term ended
 * first. `declined`: the client refused the consent it needed.
 */
export type ExtensionStatus = 'pending' | 'effective' | 'lapsed' | 'declined';

export interface Extension {
  /** `<clock>#<n>`: the n-th extension of that clock; a letter announcing it may name it. */
  id?: string;
  duration: Duration;
  /** Why the term is extended, as the staff member wrote it (the letter to the client quotes it). */
  reason?: string;
  recordedOn: PlainDate;
  /** Absent in states stored before extensions waited for their facts: those are effective. */
  status?: ExtensionStatus;
  /** Whether this extension needs the client's consent (a further one, or a longer one). */
  needsConsent?: boolean;
  /** Who must get the written notice (empty when the rule asks for none). */
  noticeTo?: Participant[];
  /** The client's consent: given in the portal (an action of their own) or as a marked document. */
  consent?: { on: PlainDate; via: 'portal' | 'document'; ref?: string };
  /** The notice: the day it was complete (every recipient sent a letter), and the letters. */
  notice?: { sentOn: PlainDate; to: Participant[]; letters: string[] };
  /** The day it became effective, lapsed or was declined. */
  settledOn?: PlainDate;
  /** @deprecated states stored before 0.2: the notice date as typed. */
  noticeSentOn?: PlainDate;
  /** @deprecated states stored before 0.2: the recipients as typed. */
  noticeSentTo?: Participant[];
  /** @deprecated states stored before 0.2: the consent date as typed. */
  consentRecordedOn?: PlainDate;
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
  /** For an expired clock: the day the step it waited for was taken all the same (late). */
  answeredOn?: PlainDate;
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
  /** Whom this part is about (the server's person ids); absent in states stored before 0.2. */
  subjectIds?: string[];
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
  /** The approved members the commission was constituted with (names), when it was composed here. */
  members?: string[];
}

/** One party's answer on one proposed commission member. */
export interface MemberApproval {
  by: Participant;
  on: PlainDate;
  approve: boolean;
  reason?: string;
}

/** A person proposed as a member of a commission, with each party's approval (seed 003). */
export interface ProposedMember {
  /** `<commission>#<n>` */
  id: string;
  name: string;
  chair: boolean;
  independent: boolean;
  proposedOn: PlainDate;
  approvals: MemberApproval[];
}

/** What a complainant submits when filing. */
export interface FileCaseInput {
  /** Which entry of the procedure (e.g. internal or straight to the external commission). */
  entry?: string;
  /** Kind of complainant as listed in the procedure's eligibility (e.g. "ouder", "partner"). */
  complainant: string;
  /** The complaint parts, each naming whom it is about (the server's person ids). */
  parts: { id?: string; summary: string; category?: string; subjectIds?: string[] }[];
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
  | {
      kind: 'action';
      at: string;
      action: string;
      actor: Actor;
      payload: Record<string, unknown>;
      /** The facts of the case record the change relied on, so that replay relies on the same. */
      facts?: CaseFacts;
    }
  | { kind: 'time'; at: string; facts?: CaseFacts }
  /** A referral ended outside the procedure's actions (its term ran out, or staff ended it). */
  | { kind: 'referral-ended'; at: string; commission: string; facts?: CaseFacts }
  /** Staff recorded whom parts of the complaint are about (`nameSubject`). */
  | { kind: 'subject-named'; at: string; subjectId: string; partIds: string[]; facts?: CaseFacts };

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
  /** Members proposed per commission, with their approvals (absent until someone is proposed). */
  members?: Record<string, ProposedMember[]>;
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
  | {
      type: 'action-taken';
      on: PlainDate;
      action: string;
      label: Label;
      /** Index of the action's entry in `state.history`, where its inputs are kept. */
      entry: number;
    }
  | {
      type: 'stage-entered';
      on: PlainDate;
      track: string;
      stage: string;
      from?: string;
      /** Who is responsible now: route and assign the case to them. */
      responsible?: Responsible;
    }
  | { type: 'track-ended'; on: PlainDate; track: string; stage: string }
  | {
      type: 'clock-changed';
      on: PlainDate;
      clock: string;
      change: ClockChangeKind;
      due: PlainDate;
    }
  | { type: 'reminder-due'; on: PlainDate; clock: string; due: PlainDate }
  | {
      type: 'extension-pending';
      on: PlainDate;
      clock: string;
      extension: string;
      /** The term as it stands, before which consent and notice must be complete. */
      before: PlainDate;
      /** The due date once the extension takes effect. */
      newDue: PlainDate;
      needsConsent: boolean;
      noticeTo: Participant[];
    }
  | {
      type: 'extension-settled';
      on: PlainDate;
      clock: string;
      extension: string;
      status: Exclude<ExtensionStatus, 'pending'>;
    }
  | { type: 'members-proposed'; on: PlainDate; commission: string; members: string[] }
  | {
      type: 'member-approval';
      on: PlainDate;
      commission: string;
      member: string;
      by: Participant;
      approve: boolean;
    }
  | { type: 'outcome-set'; on: PlainDate; part: string; outcome: Outcome; advisory: boolean }
  | { type: 'measure-recorded'; on: PlainDate; measure: Measure }
  | { type: 'referred'; on: PlainDate; commission: string }
  | { type: 'referral-ended'; on: PlainDate; commission: string }
  | { type: 'subject-named'; on: PlainDate; subjectId: string; parts: string[] }
  | { type: 'notification-requested'; on: PlainDate; to: Participant[]; message: Label }
  | {
      type: 'task-created';
      on: PlainDate;
      for: Role;
      position?: Position;
      label: Label;
      due?: PlainDate;
    }
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
  'unknown-input',
  'claim-not-fact',
  'missing-input',
  'invalid-input',
  'guard-failed',
  'facts-missing',
  'extension-not-allowed',
] as const;
export type RefusalCode = (typeof REFUSAL_CODES)[number];

export interface RefusalReason {
  message: Label;
  /** The input the reason is about, when there is one. */
  input?: string;
  /** For `facts-missing`: the requirement of the action that is not met (its index and kind). */
  requirement?: { index: number; kind: RequirementKind };
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
