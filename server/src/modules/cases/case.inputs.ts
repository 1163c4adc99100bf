import { registerEnumType } from 'type-graphql';
import { z } from 'zod';
import { argsTypeFrom, inputTypeFrom } from '../../core/graphql/zod-input.js';
import {
  idempotencyKey,
  isValidText,
  name,
  plainDate,
  text,
  uuid,
} from '../../core/validation/fields.js';

const ComplaintPartSchema = z
  .object({
    summary: text(5000),
    category: name(60).optional(),
    subjectIds: z.array(uuid).max(10).optional().meta({
      description:
        'Whom this part is about, among the complaint’s `subjectIds`. When no part names anyone, every part is about every person the complaint is about; otherwise a part that names no one is about no one in particular. A person complained about sees only the parts about them.',
    }),
  })
  .meta({ graphql: { name: 'ComplaintPartInput' } });

export const FileComplaintSchema = z.object({
  clientId: uuid.optional().meta({
    description:
      'The client, when staff register a complaint for them or a confidant files on their behalf.',
  }),
  channel: z
    .enum(['portal', 'in-person', 'phone', 'paper', 'email'])
    .optional()
    .meta({ description: 'in-person, phone, paper or email (staff).' }),
  entry: name(60)
    .optional()
    .meta({ description: 'The procedure entry, e.g. informal or external.' }),
  complainant: name(60).meta({
    description: 'The kind of complainant the procedure lists, e.g. cliënt, ouder.',
  }),
  parts: z.array(ComplaintPartSchema).min(1).max(20),
  category: name(100).optional(),
  eventDate: plainDate.optional(),
  lastContactDate: plainDate.optional(),
  receivedOn: plainDate.optional(),
  subjectIds: z
    .array(uuid)
    .max(10)
    .default([])
    .meta({ description: 'The people the complaint is about.' }),
  flags: z
    .array(z.string().max(60))
    .max(20)
    .default([])
    .meta({ description: 'Filing flags of the procedure that apply, e.g. `tegen-directie`.' }),
  idempotencyKey: idempotencyKey.nullish().meta({
    description:
      'Optional, as on performAction: a retried filing with the same key files one complaint and gets the first answer; the same key with another filing is refused.',
  }),
});
export type FileComplaintData = z.infer<typeof FileComplaintSchema>;
export const FileComplaintInput = inputTypeFrom('FileComplaintInput', FileComplaintSchema);

export const PerformActionSchema = z.object({
  caseId: uuid,
  action: z
    .string()
    .min(1)
    .max(60)
    .regex(/^[a-z0-9-]+$/, 'Onbekende actie.'),
  expectedVersion: z.number().int().positive(),
  payload: z
    .record(z.string(), z.unknown())
    .nullish()
    .transform((payload) => payload ?? {}),
  idempotencyKey: idempotencyKey.nullish().meta({
    description:
      'Optional, 8–128 of A–Z a–z 0–9 . _ : -. A retry with the same key returns the first result; the same key with another request is refused.',
  }),
});
export type PerformActionData = z.infer<typeof PerformActionSchema>;
export const PerformActionInput = inputTypeFrom('PerformActionInput', PerformActionSchema);

/** How a list of cases is ordered: newest first, what needs attention first (the inbox), or grouped. */
export enum CaseOrder {
  NEWEST = 'newest',
  URGENCY = 'urgency',
  REFERENCE = 'reference',
  STAGE = 'stage',
  HANDLER = 'handler',
  CATEGORY = 'category',
}
registerEnumType(CaseOrder, {
  name: 'CaseOrder',
  description:
    'NEWEST: newest first. The others ascending by their key, cases without one last, then newest first within one key. URGENCY: by next due date (overdue first, then due soon). REFERENCE: by reference. STAGE: grouped by the stage of the first active track. HANDLER: grouped by the first handler assigned. CATEGORY: by category.',
});

const FILING_CHANNELS = ['portal', 'confidant', 'in-person', 'phone', 'paper', 'email'] as const;

/**
 * What the inbox narrows cases by. Every condition is SQL on the cases table, applied after the
 * tenant and ability filter, so it can only narrow what the viewer may see.
 */
export const CaseFilterSchema = z.object({
  closed: z.boolean().optional(),
  stage: name(121)
    .optional()
    .meta({ description: 'An active stage as `track:stage`, e.g. `formeel:onderzoek`.' }),
  handlerId: uuid.optional().meta({ description: 'Cases this handler is assigned to.' }),
  unassigned: z.boolean().optional().meta({ description: 'true: cases with no handler yet.' }),
  needsReassignment: z.boolean().optional().meta({
    description:
      'true: open cases whose handler left or lost the role and nobody is assigned again yet.',
  }),
  responsibleForMe: z.boolean().optional().meta({
    description:
      'true: cases where the viewer is responsible for a current stage (`Case.responsible`: assigned to that stage, or a handler’s stage nobody was routed to and the viewer is the case’s first handler).',
  }),
  category: name(100).optional(),
  channel: z.enum(FILING_CHANNELS).optional().meta({ description: 'How the case came in.' }),
  overdue: z
    .boolean()
    .optional()
    .meta({ description: 'true: open cases whose next due date has passed.' }),
  dueSoon: z.boolean().optional().meta({
    description: 'true: open cases due today or within the dashboard’s due-soon days.',
  }),
  search: text(100)
    .optional()
    .meta({ description: 'Part of the reference or of a complaint part’s summary.' }),
});
export type CaseFilterData = z.infer<typeof CaseFilterSchema>;
export const CaseFilterInput = inputTypeFrom('CaseFilter', CaseFilterSchema);

export const AssignSchema = z.object({ caseId: uuid, handlerId: uuid });
export const AssignArgs = argsTypeFrom('AssignArgs', AssignSchema);

export const NameSubjectSchema = z.object({
  caseId: uuid,
  subjectId: uuid.meta({ description: 'The member of the organisation the complaint is about.' }),
  partIds: z.array(z.string().min(1).max(40)).min(1).max(50).optional().meta({
    description:
      'The complaint parts about this person; left out, the parts about the whole complaint (every part while nobody is named).',
  }),
});
export const NameSubjectArgs = argsTypeFrom('NameSubjectArgs', NameSubjectSchema);

/** Payloads are bounded as a whole, and every key and text in them is valid, whatever their shape. */
export function checkPayload(payload: Record<string, unknown>): string | undefined {
  let invalid = false;
  const serialised = JSON.stringify(payload, (key: string, value: unknown) => {
    if (!isValidText(key) || (typeof value === 'string' && !isValidText(value))) invalid = true;
    return value;
  });
  if (serialised.length > 100_000) return 'De gegevens zijn te groot.';
  if (invalid) return 'De gegevens bevatten een ongeldig teken.';
  return undefined;
}
