import { z } from 'zod';

// Text from people: no NUL bytes (PostgreSQL rejects them, and they hide content), bounded length.
export const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'Vul dit in.')
    .max(max, `Maximaal ${max} tekens.`)
    .refine((value) => !value.includes('\u0000'), 'Bevat een ongeldig teken.');

// Short names chosen from the procedure (complainant kind, entry, category): the procedure decides
// whether they exist, but control characters never reach it (PostgreSQL's jsonb refuses NUL).
const name = (max: number) =>
  z
    .string()
    .min(1, 'Vul dit in.')
    .max(max, `Maximaal ${max} tekens.`)
    .refine((value) => !/\p{Cc}/u.test(value), 'Bevat een ongeldig teken.');

const plainDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Een datum als 2026-03-02.')
  .refine(
    (value) =>
      !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) &&
      new Date(`${value}T00:00:00Z`).toISOString().startsWith(value),
    'Geen bestaande datum.',
  );
export const uuid = z.string().uuid('Geen geldig id.');

export const FileComplaintSchema = z.object({
  /** Who the complaint is for; staff registering a complaint name the client. */
  clientId: uuid.optional(),
  channel: z.enum(['portal', 'in-person', 'phone', 'paper', 'email']).optional(),
  entry: name(60).optional(),
  complainant: name(60),
  parts: z
    .array(z.object({ summary: text(5000), category: name(60).optional() }))
    .min(1)
    .max(20),
  category: name(100).optional(),
  eventDate: plainDate.optional(),
  lastContactDate: plainDate.optional(),
  receivedOn: plainDate.optional(),
  subjectIds: z.array(uuid).max(10).default([]),
  flags: z.array(z.string().max(60)).max(20).default([]),
});
export type FileComplaintData = z.infer<typeof FileComplaintSchema>;

export const PerformActionSchema = z.object({
  caseId: uuid,
  action: z
    .string()
    .min(1)
    .max(60)
    .regex(/^[a-z0-9-]+$/, 'Onbekende actie.'),
  expectedVersion: z.number().int().positive(),
  payload: z.record(z.string(), z.unknown()).default({}),
  /** A retry with the same key returns the first result instead of acting again. */
  idempotencyKey: z
    .string()
    .regex(/^[A-Za-z0-9._:-]{8,128}$/, '8 tot 128 letters, cijfers of . _ : -')
    .nullish(),
});
export type PerformActionData = z.infer<typeof PerformActionSchema>;

/** Payloads are bounded as a whole and free of NUL bytes, whatever their shape. */
export function checkPayload(payload: Record<string, unknown>): string | undefined {
  const serialised = JSON.stringify(payload);
  if (serialised.length > 100_000) return 'De gegevens zijn te groot.';
  if (serialised.includes('\\u0000')) return 'De gegevens bevatten een ongeldig teken.';
  return undefined;
}
