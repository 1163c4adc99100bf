import type {
  CaseEvent as EngineEvent,
  Label,
  Participant,
  Position,
  ProcedureDefinition,
} from '@klachtpad/procedures';
import type { CaseEvent } from '../cases/case-event.entity.js';
import type { Case } from '../cases/case.entity.js';
import type { NotificationKind, NotificationPayload } from './notification-kinds.js';

/**
 * Who must hear about an entry on a case's timeline, and what they are told (ADR 0052): what the
 * procedure says people must hear (its `notify` effects: "wordt geïnformeerd", "ontvangt een
 * afschrift") and what people expect — the client side on filing, invitations, minutes to sign,
 * extensions, forwards, decisions and letters; the handler on assignment, before each deadline
 * and when it passes (the managers and the directie too, when it passes); whoever must act when a case lands with them; a commission on a referral.
 * Pure: the service resolves the parties to people and checks each one may see it.
 */

/** A group of people on a case, resolved by the service. */
export type Party =
  | { kind: 'client-side' }
  | { kind: 'assigned-handlers-or-managers' }
  | { kind: 'role'; role: 'handler' | 'manager' | 'director'; position?: Position }
  | { kind: 'assigned-handlers' }
  | { kind: 'subjects' }
  | { kind: 'commission'; commission: string }
  | { kind: 'person'; userId: string }
  | { kind: 'people-of-meeting'; meetingId: string; which: 'invited' | 'present' }
  | { kind: 'acting-in-stage'; stage: string };

export interface NotificationRule {
  kind: NotificationKind;
  to: Party[];
  payload: NotificationPayload;
  /** The happening, the same for every entry of it (a meeting has one entry per audience). */
  sourceKey: string;
  /**
   * Whose audience decides: `entry` — the recipient must see the timeline entry itself (ADR
   * 0007); `case` — the procedure addresses them by name, seeing the case is enough.
   */
  audience: 'entry' | 'case';
  /** The person who caused it is told too (a filing's receipt). */
  includeActor?: boolean;
}

const clientSide: Party = { kind: 'client-side' };

/** The procedure's participants as parties of the case. */
function partiesOf(participants: readonly Participant[], commissions: readonly string[]): Party[] {
  return participants.flatMap((participant): Party[] => {
    switch (participant) {
      case 'client':
      case 'confidant':
        return [clientSide];
      case 'subject':
        return [{ kind: 'subjects' }];
      case 'handler':
        return [{ kind: 'assigned-handlers-or-managers' }];
      case 'manager':
        return [{ kind: 'role', role: 'manager' }];
      // Every director hears what the procedure tells the directors; what it tells the bestuur,
      // the directors holding that position, or both (ADR 0098).
      case 'director':
        return [{ kind: 'role', role: 'director' }];
      case 'bestuur':
        return [{ kind: 'role', role: 'director', position: 'bestuur' }];
      case 'commission':
        return commissions.map((commission) => ({ kind: 'commission', commission }));
    }
  });
}

function stageLabel(definition: ProcedureDefinition, track: string, stage: string): Label {
  return (
    definition.tracks.find((t) => t.id === track)?.stages.find((s) => s.id === stage)?.label ?? {
      nl: stage,
      en: stage,
    }
  );
}

function clockLabel(definition: ProcedureDefinition, clock: string): Label {
  return definition.clocks.find((c) => c.id === clock)?.label ?? { nl: clock, en: clock };
}

/** The entry's engine event, when it is one (engine entries carry the event as payload). */
function engineEvent(entry: CaseEvent): EngineEvent | undefined {
  return typeof entry.payload['type'] === 'string' && entry.payload['type'] === entry.type
    ? (entry.payload as unknown as EngineEvent)
    : undefined;
}

/** The rules one timeline entry raises. */
export function rulesFor(
  entry: CaseEvent,
  kase: Case,
  definition: ProcedureDefinition,
  context: { reason?: string | undefined; referredCommissions: readonly string[] },
): NotificationRule[] {
  const reference = kase.reference;
  const key = `event:${kase.id}:${entry.sequence}`;
  const event = engineEvent(entry);
  if (event) return engineRules(event, kase, definition, { ...context, key, reference });
  const payload = entry.payload;
  switch (entry.type) {
    case 'handler-assigned':
      return typeof payload['handlerId'] === 'string'
        ? [
            {
              kind: 'handler-assigned',
              to: [{ kind: 'person', userId: payload['handlerId'] }],
              payload: { reference },
              sourceKey: key,
              audience: 'case',
            },
          ]
        : [];
    // Whoever a manager's or director's stage was routed or assigned to (ADR 0098).
    case 'responsible-assigned':
      return typeof payload['userId'] === 'string'
        ? [
            {
              kind: 'handler-assigned',
              to: [{ kind: 'person', userId: payload['userId'] }],
              payload: { reference },
              sourceKey: key,
              audience: 'case',
            },
          ]
        : [];
    case 'meeting-scheduled':
      return typeof payload['meetingId'] === 'string'
        ? [
            {
              kind: 'meeting-invitation',
              to: [
                { kind: 'people-of-meeting', meetingId: payload['meetingId'], which: 'invited' },
              ],
              payload: {
                reference,
                ...(typeof payload['startsAt'] === 'string'
                  ? { startsAt: payload['startsAt'] }
                  : {}),
              },
              sourceKey: `meeting:${payload['meetingId']}:scheduled`,
              audience: 'entry',
            },
          ]
        : [];
    case 'minutes-recorded':
    case 'minutes-revised':
      return typeof payload['minutesId'] === 'string' && typeof payload['meetingId'] === 'string'
        ? [
            {
              kind: 'minutes-to-sign',
              to: [
                { kind: 'people-of-meeting', meetingId: payload['meetingId'], which: 'present' },
              ],
              payload: { reference },
              sourceKey: `minutes:${payload['minutesId']}:${entry.type}:${entry.sequence}`,
              audience: 'entry',
            },
          ]
        : [];
    case 'letter-sent':
      return [
        {
          kind: 'letter',
          to: [clientSide],
          payload: { reference },
          sourceKey: key,
          audience: 'entry',
        },
      ];
    default:
      return [];
  }
}

function engineRules(
  event: EngineEvent,
  kase: Case,
  definition: ProcedureDefinition,
  context: {
    key: string;
    reference: string;
    reason?: string | undefined;
    referredCommissions: readonly string[];
  },
): NotificationRule[] {
  const { key, reference } = context;
  switch (event.type) {
    case 'case-filed':
      return [
        {
          kind: 'complaint-received',
          to: [clientSide],
          payload: { reference },
          sourceKey: key,
          audience: 'entry',
          includeActor: true,
        },
        {
          kind: 'complaint-filed',
          to: [{ kind: 'role', role: 'manager' }],
          payload: { reference },
          sourceKey: `filed:${kase.id}`,
          audience: 'entry',
        },
      ];
    case 'stage-entered': {
      const stage = stageLabel(definition, event.track, event.stage);
      // The stage a complaint is filed into: whoever acts there hears of a new complaint.
      if (!event.from)
        return [
          {
            kind: 'complaint-filed',
            to: [{ kind: 'acting-in-stage', stage: event.stage }],
            payload: { reference },
            sourceKey: `filed:${kase.id}`,
            audience: 'entry',
          },
        ];
      return [
        {
          kind: 'case-forwarded',
          to: [clientSide],
          payload: { reference, stage },
          sourceKey: key,
          audience: 'entry',
        },
        {
          kind: 'awaiting-you',
          to: [{ kind: 'acting-in-stage', stage: event.stage }],
          payload: { reference, stage },
          sourceKey: key,
          audience: 'entry',
        },
      ];
    }
    case 'clock-changed':
      if (event.change === 'extended') {
        return [
          {
            kind: 'term-extended',
            to: [clientSide, { kind: 'assigned-handlers' }],
            payload: {
              reference,
              clock: clockLabel(definition, event.clock),
              due: event.due,
              ...(context.reason ? { reason: context.reason } : {}),
            },
            sourceKey: key,
            audience: 'entry',
          },
        ];
      }
      if (event.change === 'expired') {
        return [
          {
            kind: 'term-overdue',
            // The directie hears of it too (seed 002): directors of that position, or every
            // director where the organisation does not tell directie and bestuur apart.
            to: [
              { kind: 'assigned-handlers' },
              { kind: 'role', role: 'manager' },
              { kind: 'role', role: 'director', position: 'directie' },
            ],
            payload: { reference, clock: clockLabel(definition, event.clock), due: event.due },
            sourceKey: key,
            audience: 'entry',
          },
        ];
      }
      return [];
    case 'reminder-due':
      return [
        {
          kind: 'deadline-reminder',
          to: [{ kind: 'assigned-handlers-or-managers' }],
          payload: { reference, clock: clockLabel(definition, event.clock), due: event.due },
          sourceKey: key,
          audience: 'entry',
        },
      ];
    case 'outcome-set':
      return event.advisory
        ? []
        : [
            {
              kind: 'decision',
              to: [clientSide],
              payload: { reference },
              // One decision of several parts is one happening for the people told of it.
              sourceKey: `decision:${kase.id}:${kase.state.version}`,
              audience: 'entry',
            },
          ];
    case 'admissibility-decided':
      return [
        {
          kind: 'decision',
          to: [clientSide],
          payload: { reference },
          sourceKey: `decision:${kase.id}:${kase.state.version}`,
          audience: 'entry',
        },
      ];
    case 'referred':
      return [
        {
          kind: 'referral-received',
          to: [{ kind: 'commission', commission: event.commission }],
          payload: { reference },
          sourceKey: key,
          audience: 'case',
        },
      ];
    case 'notification-requested':
      return [
        {
          kind: 'procedure-notice',
          to: partiesOf(event.to, context.referredCommissions),
          payload: { reference, notice: event.message },
          sourceKey: key,
          audience: 'case',
        },
      ];
    default:
      return [];
  }
}

/** Why an action extended a term, when its extension input says so. */
export function extensionReason(payload: Record<string, unknown> | undefined): string | undefined {
  for (const value of Object.values(payload ?? {})) {
    if (value && typeof value === 'object' && 'reason' in value) {
      const reason = (value as { reason: unknown }).reason;
      if (typeof reason === 'string' && reason.trim()) return reason.trim().slice(0, 500);
    }
  }
  return undefined;
}
