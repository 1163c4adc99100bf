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

/** Legal regimes whose minimums a procedure may tighten but not loosen. */
export const REGIMES = ['wkkgz', 'awb9', 'jeugdwet', 'wmo-own'] as const;
export type Regime = (typeof REGIMES)[number];

/** People who can be named in a sign-off, a notice or a notification. */
export const PARTICIPANTS = [
  'client',
  'confidant',
  'subject',
  'handler',
  'manager',
  'director',
  'commission',
] as const;
export type Participant = (typeof PARTICIPANTS)[number];

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
  })
  .describe(
    'An actor may take the action when they hold the role and, if given, the relationship to the case (and, for a confidant, the grant).',
  );
export type Permission = z.infer<typeof PermissionSchema>;

const inputBase = { id: Id, label: LabelSchema, help: LabelSchema.optional() };

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
    .describe('Signatures by named participants, e.g. everyone present at a mediation talk.'),
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
    .strictObject({ kind: z.literal('extension'), ...inputBase })
    .describe('Term, notice date and recipients, and (when needed) the client consent date.'),
]);
export type InputDefinition = z.infer<typeof InputSchema>;
export type InputKind = InputDefinition['kind'];

const simpleGuards = [
  z.strictObject({ kind: z.literal('flag'), flag: Id, equals: z.boolean() }),
  z.strictObject({
    kind: z.literal('clock'),
    clock: Id,
    is: z.enum(['running', 'expired', 'not-expired', 'stopped', 'not-started']),
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

const ConditionSchema = z.union([
  z.strictObject({ input: Id, equals: z.string() }),
  z.strictObject({ flag: Id, equals: z.boolean() }),
]);
export type Condition = z.infer<typeof ConditionSchema>;

const when = { when: ConditionSchema.optional() };

const EffectSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('move'), to: Id, ...when }),
  z.strictObject({ kind: z.literal('end-track'), track: Id, ...when }),
  z.strictObject({ kind: z.literal('close-case'), ...when }),
  z.strictObject({
    kind: z.literal('start-clock'),
    clock: Id,
    fromInput: Id.optional().describe('A date input to count from instead of today.'),
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
    label: LabelSchema,
    due: DurationSchema.optional(),
    ...when,
  }),
  z.strictObject({ kind: z.literal('set-flag'), flag: Id, value: z.boolean(), ...when }),
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
  flags: z.array(z.strictObject({ id: Id, label: LabelSchema })).default([]),
  categoryNotices: z
    .array(z.strictObject({ category: Id, message: LabelSchema }))
    .default([])
    .describe('Information sent to the complainant at filing for a category (e.g. privacy → FG).'),
  maxParts: z.number().int().positive().default(20),
});

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
