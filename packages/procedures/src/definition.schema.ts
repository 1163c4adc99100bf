import { z } from 'zod';
import { ROLES } from '@klachtpad/contracts';
import { DURATION_UNITS } from './calendar/duration.js';

/**
 * The procedure definition format, version 1. This zod schema is the single source of truth: the
 * TypeScript types are inferred from it and `schema/procedure.schema.json` is generated from it
 * (ADR 0012).
 */
export const PROCEDURE_FORMAT = 'klachtpad.procedure/1';

// Organisation-wide roles (DESIGN section 1): one list for the engine, the server and the web.
export { ROLES, type Role } from '@klachtpad/contracts';

/** Relationships an actor can have with one case. */
export const RELATIONSHIP_KINDS = [
  'client',
  'confidant',
  'assigned-handler',
  'subject',
  'referred-commission',
] as const;
export type RelationshipKind = (typeof RELATIONSHIP_KINDS)[number];

/** What a client may grant a confidant, per case. */
export const CONFIDANT_GRANTS = [
  'view',
  'draft',
  'submit',
  'receive-letters',
  'attend-meetings',
] as const;
export type ConfidantGrant = (typeof CONFIDANT_GRANTS)[number];

/** Outcomes per complaint part. */
export const OUTCOMES = [
  'gegrond',
  'deels-gegrond',
  'ongegrond',
  'niet-ontvankelijk',
  'opgelost-door-bemiddeling',
  'ingetrokken',
] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** How an outcome is written for people (letters, the register, the portal). */
export const OUTCOME_LABELS: Record<Outcome, Label> = {
  gegrond: { nl: 'Gegrond', en: 'Well-founded' },
  'deels-gegrond': { nl: 'Deels gegrond', en: 'Partly well-founded' },
  ongegrond: { nl: 'Ongegrond', en: 'Unfounded' },
  'niet-ontvankelijk': { nl: 'Niet-ontvankelijk', en: 'Inadmissible' },
  'opgelost-door-bemiddeling': { nl: 'Opgelost door bemiddeling', en: 'Resolved by mediation' },
  ingetrokken: { nl: 'Ingetrokken', en: 'Withdrawn' },
};

/** Legal regimes whose minimums a procedure may tighten but not loosen. */
export const REGIMES = ['wkkgz', 'awb9', 'jeugdwet', 'wmo-own'] as const;
export type Regime = (typeof REGIMES)[number];

/**
 * Parties of a case, named where a notice, a notification, an approval, a meeting or a letter
 * concerns them: the client side, the person complained about, staff by role, the bestuur and a
 * commission. `director` is the directie; `bestuur` is the board, where the organisation has one
 * apart from its directie (a director holding the `bestuur` position).
 */
export const PARTICIPANTS = [
  'client',
  'confidant',
  'subject',
  'handler',
  'manager',
  'director',
  'bestuur',
  'commission',
] as const;
export type Participant = (typeof PARTICIPANTS)[number];

/**
 * Positions a director can hold: the directie (management) and the bestuur (board). Positions, not
 * roles: a small organisation's one director is both; one with a separate board gives each director
 * one of them (seed 003: a complaint against the directie goes to the bestuur).
 */
export const POSITIONS = ['directie', 'bestuur'] as const;
export type Position = (typeof POSITIONS)[number];

/**
 * Kinds of meeting on a case whose minutes, signed by everyone present, can be required: a talk
 * (such as a mediation talk between the complainant and the person involved) or a hearing.
 */
export const MEETING_KINDS = ['meeting', 'hearing'] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];

/**
 * Kinds of letter the server writes from a case: the outcome ("wat is er met uw klacht gedaan",
 * the decision with its reasons and the appeal route), the notice of an extension, and the decision
 * on admissibility.
 */
export const LETTER_KINDS = ['outcome', 'extension', 'decision'] as const;
export type LetterKind = (typeof LETTER_KINDS)[number];

/**
 * Who may read what someone typed into an action: the client side (the client and their
 * confidants), the person complained about, staff on the case, and a referred commission.
 */
export const READERS = ['client', 'subject', 'staff', 'commission'] as const;
export type Reader = (typeof READERS)[number];

/** Roles that can be responsible for a stage (the server routes and assigns the case to them). */
export const RESPONSIBLE_ROLES = ['handler', 'manager', 'director', 'commission'] as const;

const Id = z
  .string()
  .regex(/^[a-z][a-z0-9-]*$/, 'Use a kebab-case id: lowercase letters, digits and hyphens.');

export const LabelSchema = z
  .strictObject({ nl: z.string().min(1), en: z.string().min(1) })
  .describe('Text in Dutch and English.');
export type Label = z.infer<typeof LabelSchema>;

export const DurationSchema = z.strictObject({
  amount: z.number().int().positive(),
  unit: z.enum(DURATION_UNITS),
});

const PermissionSchema = z
  .strictObject({
    role: z.enum(ROLES),
    relationship: z.enum(RELATIONSHIP_KINDS).optional(),
    grant: z.enum(CONFIDANT_GRANTS).optional(),
    position: z
      .enum(POSITIONS)
      .optional()
      .describe('For a director: the position (directie or bestuur) that takes this step.'),
  })
  .describe(
    'An actor may take the action when they hold the role and, if given, the relationship to the case (and, for a confidant, the grant; for a director, the position).',
  );
export type Permission = z.infer<typeof PermissionSchema>;

export const ResponsibleSchema = z
  .strictObject({
    role: z.enum(RESPONSIBLE_ROLES),
    position: z.enum(POSITIONS).optional(),
  })
  .describe(
    'Who is responsible for the case in a stage: the server routes and assigns it to them.',
  );
/** A responsible party: a staff role (and for a director, a position), or the referred commission. */
export type Responsible = z.infer<typeof ResponsibleSchema>;

const inputBase = {
  id: Id,
  label: LabelSchema,
  help: LabelSchema.optional(),
  readers: z
    .array(z.enum(READERS))
    .optional()
    .describe(
      'Who may read the value later, besides staff on the case and the side of the person who typed it (always readers).',
    ),
};

const InputSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('text'),
    ...inputBase,
    required: z.boolean().default(true),
    maxLength: z.number().int().positive().max(100_000).default(10_000),
  }),
  z
    .strictObject({
      kind: z.literal('motivation'),
      ...inputBase,
      minLength: z.number().int().positive().default(10),
      maxLength: z.number().int().positive().max(100_000).default(10_000),
    })
    .describe('A required reasoned text, such as "why mediation failed".'),
  z.strictObject({
    kind: z.literal('date'),
    ...inputBase,
    required: z.boolean().default(true),
    notInFuture: z.boolean().default(true),
    withinClock: Id.optional().describe(
      "A day planned within a running term: a date after that clock's due date is refused (e.g. the second talk within two weeks).",
    ),
  }),
  z.strictObject({
    kind: z.literal('choice'),
    ...inputBase,
    required: z.boolean().default(true),
    options: z.array(z.strictObject({ value: Id, label: LabelSchema })).min(1),
  }),
  z
    .strictObject({
      kind: z.literal('complaint-parts'),
      ...inputBase,
      outcomes: z.array(z.enum(OUTCOMES)).min(1),
      allParts: z.boolean().default(true),
    })
    .describe('An outcome (and optional reasoning) per complaint part.'),
  z
    .strictObject({
      kind: z.literal('sign-off'),
      ...inputBase,
      participants: z.array(z.enum(PARTICIPANTS)).min(1),
    })
    .describe(
      'Deprecated: a typed claim that others signed. Kept so procedures published before version 0.2 of the engine still load; the validator refuses it in new ones (require "minutes-signed" instead).',
    ),
  z.strictObject({
    kind: z.literal('documents'),
    ...inputBase,
    min: z.number().int().nonnegative().default(0),
    max: z.number().int().positive().default(50),
  }),
  z.strictObject({
    kind: z.literal('measures'),
    ...inputBase,
    required: z.boolean().default(false),
  }),
  z
    .strictObject({
      kind: z.literal('participants'),
      ...inputBase,
      min: z.number().int().nonnegative().default(1),
      max: z.number().int().positive().default(20),
      requireIndependentChair: z.boolean().default(false),
    })
    .describe('Named people, e.g. the members of a commission and who chairs it.'),
  z
    .strictObject({
      kind: z.literal('extension'),
      ...inputBase,
      minReasonLength: z.number().int().positive().default(10),
    })
    .describe(
      'An extension of a term: how long and why ({ amount, unit, reason }). The notice and the client consent are facts of the case, never part of the input.',
    ),
  z
    .strictObject({ kind: z.literal('member-approval'), ...inputBase, commission: Id })
    .describe(
      "One party's approval (or refusal, with reasons) of one proposed member of a commission: { member, approve, reason }.",
    ),
]);
export type InputDefinition = z.infer<typeof InputSchema>;
export type InputKind = InputDefinition['kind'];

const simpleGuards = [
  z.strictObject({ kind: z.literal('flag'), flag: Id, equals: z.boolean() }),
  z.strictObject({
    kind: z.literal('clock'),
    clock: Id,
    is: z
      .enum(['running', 'expired', 'not-expired', 'stopped', 'not-started', 'awaiting-consent'])
      .describe('"awaiting-consent": an extension of the clock waits for the client\'s consent.'),
  }),
  z.strictObject({
    kind: z.literal('track'),
    track: Id,
    is: z.enum(['active', 'not-active', 'not-started']),
  }),
  z.strictObject({ kind: z.literal('all-parts-decided') }),
] as const;
const SimpleGuardSchema = z.discriminatedUnion('kind', [...simpleGuards]);
export type SimpleGuard = z.infer<typeof SimpleGuardSchema>;

// One level of "or" is enough for the seeds ("contact the employee first, when the complaint is
// about one") and keeps the format free of recursion, so the JSON Schema stays flat.
const GuardSchema = z.discriminatedUnion('kind', [
  ...simpleGuards,
  z
    .strictObject({
      kind: z.literal('any'),
      of: z.array(SimpleGuardSchema).min(2),
      message: LabelSchema.optional().describe('What must be done first, shown when it fails.'),
    })
    .describe('Holds when at least one of its guards holds.'),
]);
export type Guard = z.infer<typeof GuardSchema>;

const requirementBase = {
  message: LabelSchema.optional().describe(
    'What is still needed, in words, shown while it is missing.',
  ),
  when: z
    .strictObject({ flag: Id, equals: z.boolean() })
    .optional()
    .describe(
      'Only required while the flag has this value (e.g. "the complaint is about an employee").',
    ),
};

const RequirementSchema = z
  .discriminatedUnion('kind', [
    z
      .strictObject({
        kind: z.literal('minutes-signed'),
        meeting: z.enum(MEETING_KINDS),
        invited: z.array(z.enum(PARTICIPANTS)).default([]),
        present: z.array(z.enum(PARTICIPANTS)).default([]),
        ...requirementBase,
      })
      .describe(
        'The minutes of a meeting of this kind, signed by every person present (a fact the server reads from the case record), with at least these parties invited and present.',
      ),
    z
      .strictObject({
        kind: z.literal('letter-sent'),
        letter: z.enum(LETTER_KINDS),
        to: z.array(z.enum(PARTICIPANTS)).min(1),
        ...requirementBase,
      })
      .describe(
        'A letter of this kind sent to these parties since the case entered the stage the action is taken from (a fact of the case record).',
      ),
    z
      .strictObject({
        kind: z.literal('members-approved'),
        commission: Id,
        by: z.array(z.enum(PARTICIPANTS)).min(1),
        ...requirementBase,
      })
      .describe(
        "Every proposed member of the commission approved by each of these parties, one by one, through their own action; at least the commission's minimum, with its independent chair.",
      ),
  ])
  .describe(
    'Something the case must already hold before the action can be taken. Unlike a guard, an unmet requirement leaves the action offered, with what is missing.',
  );
export type Requirement = z.infer<typeof RequirementSchema>;
export type RequirementKind = Requirement['kind'];

const ConditionSchema = z.union([
  z.strictObject({ input: Id, equals: z.string() }),
  z.strictObject({ flag: Id, equals: z.boolean() }),
]);
export type Condition = z.infer<typeof ConditionSchema>;

const when = { when: ConditionSchema.optional() };

const EffectSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('move'),
    to: Id,
    responsible: ResponsibleSchema.optional().describe(
      "Who the step hands the case to, when not the stage's own responsible party.",
    ),
    ...when,
  }),
  z.strictObject({ kind: z.literal('end-track'), track: Id, ...when }),
  z.strictObject({ kind: z.literal('close-case'), ...when }),
  z.strictObject({
    kind: z.literal('start-clock'),
    clock: Id,
    fromInput: Id.optional().describe('A date input to count from instead of today.'),
    fromMeeting: z
      .enum(MEETING_KINDS)
      .optional()
      .describe(
        'Count from the day the meeting of this kind was held, as the facts that met a "minutes-signed" requirement of the action show.',
      ),
    ...when,
  }),
  z.strictObject({ kind: z.literal('stop-clock'), clock: Id, ...when }),
  z.strictObject({ kind: z.literal('suspend-clock'), clock: Id, ...when }),
  z.strictObject({ kind: z.literal('resume-clock'), clock: Id, ...when }),
  z.strictObject({ kind: z.literal('extend-clock'), clock: Id, input: Id, ...when }),
  z
    .strictObject({
      kind: z.literal('set-outcomes'),
      input: Id,
      advisory: z
        .boolean()
        .optional()
        .describe('An advice (e.g. a commission advising the board): kept, but not the outcome.'),
      ...when,
    })
    .describe('Records a judgment per complaint part; every judgment stays in the part history.'),
  z
    .strictObject({ kind: z.literal('set-all-outcomes'), outcome: z.enum(OUTCOMES), ...when })
    .describe('Sets the outcome of every complaint part that has none yet.'),
  z.strictObject({ kind: z.literal('record-measures'), input: Id, ...when }),
  z.strictObject({ kind: z.literal('refer'), commission: Id, to: Id, ...when }),
  z.strictObject({ kind: z.literal('end-referral'), commission: Id, ...when }),
  z.strictObject({
    kind: z.literal('notify'),
    to: z.array(z.enum(PARTICIPANTS)).min(1),
    message: LabelSchema,
    ...when,
  }),
  z.strictObject({
    kind: z.literal('create-task'),
    for: z.enum(ROLES),
    position: z.enum(POSITIONS).optional(),
    label: LabelSchema,
    due: DurationSchema.optional(),
    ...when,
  }),
  z.strictObject({ kind: z.literal('set-flag'), flag: Id, value: z.boolean(), ...when }),
  z
    .strictObject({ kind: z.literal('propose-members'), commission: Id, input: Id, ...when })
    .describe(
      'Proposes the people of a participants input as members of the commission; each still needs the approvals a "members-approved" requirement names.',
    ),
  z
    .strictObject({ kind: z.literal('record-approval'), commission: Id, input: Id, ...when })
    .describe(
      "Records the acting party's approval or refusal of one proposed member (a member-approval input). The party is the one the actor acts as: the client side for a client or confidant, the position for a director.",
    ),
  z
    .strictObject({ kind: z.literal('consent-to-extension'), clock: Id, ...when })
    .describe("The client's own consent to the clock's extension that waits for it."),
  z
    .strictObject({ kind: z.literal('decline-extension'), clock: Id, ...when })
    .describe("The client's refusal of the clock's extension that waits for consent."),
  z
    .strictObject({ kind: z.literal('decide-admissibility'), input: Id, ...when })
    .describe(
      'Records the reasoned accept/decline decision on a late or ineligible complaint. The input is a choice with the options "accept" and "decline".',
    ),
]);
export type Effect = z.infer<typeof EffectSchema>;
export type EffectKind = Effect['kind'];

const StageSchema = z.strictObject({
  id: Id,
  label: LabelSchema,
  description: LabelSchema.optional(),
  final: z.boolean().default(false),
  responsible: ResponsibleSchema.optional(),
  informal: z
    .boolean()
    .default(false)
    .describe(
      'Informal handling before a formal complaint (talking it over with the contact person): a legal decision term starts only when the case leaves it.',
    ),
});
export type StageDefinition = z.infer<typeof StageSchema>;

const TrackSchema = z.strictObject({
  id: Id,
  kind: z.enum(['internal', 'external']),
  label: LabelSchema,
  stages: z.array(StageSchema).min(1),
});
export type TrackDefinition = z.infer<typeof TrackSchema>;

const ExtensionRuleSchema = z.strictObject({
  max: DurationSchema.describe('Longest extension without client consent.'),
  maxWithoutConsent: z.number().int().nonnegative().default(1),
  noticeRequired: z.boolean().default(true),
  noticeTo: z.array(z.enum(PARTICIPANTS)).default(['client']),
  furtherWithConsent: z.boolean().default(true),
});

const ClockSchema = z.strictObject({
  id: Id,
  label: LabelSchema,
  purpose: z
    .enum(['decision', 'stage', 'response', 'other'])
    .default('stage')
    .describe('"decision" marks the term for the written decision that legal regimes check.'),
  duration: DurationSchema,
  startsOn: LabelSchema.default({ nl: 'gestart', en: 'started' }).describe(
    'Word for the start date in explanations, e.g. "ontvangen"/"received".',
  ),
  endOnWorkingDay: z
    .boolean()
    .default(false)
    .describe('A term ending on a weekend day or holiday ends on the next working day (Atw).'),
  reminders: z.array(DurationSchema).default([]),
  extension: ExtensionRuleSchema.optional(),
  suspendable: z.boolean().default(false),
  onExpiry: z.array(EffectSchema).default([]),
});
export type ClockDefinition = z.infer<typeof ClockSchema>;

const ActionSchema = z.strictObject({
  id: Id,
  label: LabelSchema,
  description: LabelSchema.optional(),
  from: z
    .array(z.union([Id, z.literal('*')]))
    .min(1)
    .describe('Stages the action may be taken from; "*" means any active, non-final stage.'),
  by: z.array(PermissionSchema),
  inputs: z.array(InputSchema).default([]),
  guards: z.array(GuardSchema).default([]),
  requires: z.array(RequirementSchema).default([]),
  effects: z.array(EffectSchema).min(1),
  decision: z
    .boolean()
    .default(false)
    .describe('Marks the formal written decision on the complaint (checked against the regime).'),
});
export type ActionDefinition = z.infer<typeof ActionSchema>;

const CommissionSchema = z.strictObject({
  id: Id,
  label: LabelSchema,
  kind: z.enum(['external', 'independent', 'internal']),
  advisory: z.boolean().default(false),
  minMembers: z.number().int().positive().default(1),
  independentChair: z.boolean().default(false),
  hearsBothSides: z.boolean().default(false),
});
export type CommissionDefinition = z.infer<typeof CommissionSchema>;

const ComplainantSchema = z.strictObject({
  id: Id,
  label: LabelSchema,
  window: z
    .strictObject({ from: z.enum(['event', 'last-contact']), duration: DurationSchema })
    .optional(),
});

const EligibilitySchema = z.strictObject({
  complainants: z.array(ComplainantSchema).min(1),
  admissibilityAction: Id.describe(
    'The action that records a reasoned accept/decline when a complaint is late or from someone not listed.',
  ),
});

/** What a filing flag records: a fact about the complaint, or a wish about its handling. */
export const FILING_FLAG_KINDS = ['circumstance', 'wish'] as const;
export type FilingFlagKind = (typeof FILING_FLAG_KINDS)[number];

const EntrySchema = z.strictObject({
  id: Id,
  label: LabelSchema,
  enter: z.array(Id).min(1),
  startClocks: z.array(Id).default([]),
  refer: Id.optional().describe(
    'A commission the case is referred to on filing (a direct external entry).',
  ),
});

const FilingSchema = z.strictObject({
  entries: z.array(EntrySchema).min(1),
  categories: z.array(z.strictObject({ id: Id, label: LabelSchema })).default([]),
  flags: z
    .array(
      z.strictObject({
        id: Id,
        label: LabelSchema,
        kind: z
          .enum(FILING_FLAG_KINDS)
          .default('circumstance')
          .describe(
            'circumstance: a fact about the complaint (e.g. it is about the directie); wish: what the complainant asks of its handling (e.g. to hear what was done with it). Forms ask each with its own question.',
          ),
      }),
    )
    .default([]),
  categoryNotices: z
    .array(z.strictObject({ category: Id, message: LabelSchema }))
    .default([])
    .describe('Information sent to the complainant at filing for a category (e.g. privacy → FG).'),
  maxParts: z.number().int().positive().default(20),
});

export const APPEAL_BODIES = ['geschilleninstantie', 'ombudsman', 'other'] as const;
export type AppealBody = (typeof APPEAL_BODIES)[number];

const AppealSchema = z
  .strictObject({
    body: z.enum(APPEAL_BODIES),
    name: LabelSchema.describe('The body by name, e.g. "Geschilleninstantie Zorg".'),
    term: DurationSchema.describe('How long after the decision the client may turn to it.'),
    contact: LabelSchema.optional().describe('Where to turn: address or website.'),
  })
  .describe(
    'Where the client can go after the decision, and within what term; every decision letter prints it.',
  );
export type AppealRoute = z.infer<typeof AppealSchema>;

export const ProcedureSchema = z
  .strictObject({
    $schema: z.string().optional(),
    format: z.literal(PROCEDURE_FORMAT),
    id: Id,
    version: z.number().int().positive(),
    label: LabelSchema,
    description: LabelSchema.optional(),
    regime: z.enum(REGIMES),
    notes: z.array(LabelSchema).default([]).describe('Decisions the author made, in words.'),
    roles: z.array(z.enum(ROLES)).min(1).describe('Roles this organisation uses.'),
    eligibility: EligibilitySchema,
    filing: FilingSchema,
    tracks: z.array(TrackSchema).min(1),
    clocks: z.array(ClockSchema).default([]),
    commissions: z.array(CommissionSchema).default([]),
    appeal: AppealSchema.optional(),
    actions: z.array(ActionSchema).min(1),
  })
  .describe('A Klachtpad complaint procedure.');

/** A parsed procedure definition (defaults filled in). */
export type ProcedureDefinition = z.infer<typeof ProcedureSchema>;
/** A procedure definition as authored (defaults optional). */
export type ProcedureInput = z.input<typeof ProcedureSchema>;

/** The JSON Schema of the definition format, for editors and other languages. */
export function procedureJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(ProcedureSchema, { io: 'input', target: 'draft-2020-12' }) as Record<
    string,
    unknown
  >;
}
