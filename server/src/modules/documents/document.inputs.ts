import { z } from 'zod';

/** The query of `POST /documents`: which case, and who may see the document. */
export const UploadTargetSchema = z.object({
  caseId: z.string().uuid('Geen geldig zaak-id.'),
  visibility: z.enum(['shared', 'internal']).default('shared'),
});
export type UploadTarget = z.infer<typeof UploadTargetSchema>;

/** Document ids given as inputs of other operations (messages, procedure actions). */
export const DocumentIdsSchema = z
  .array(z.string().uuid('Geen geldig document-id.'))
  .max(50, 'Maximaal 50 documenten.');
