import { z } from 'zod';
import { inputTypeFrom } from '../../core/graphql/zod-input.js';
import { uuid } from '../../core/validation/fields.js';

/**
 * What a director narrows the organisation's access log by. Every condition is SQL on the log,
 * after the organisation (ADR 0087), so it can only narrow.
 */
export const AccessLogFilterSchema = z.object({
  caseId: uuid.optional().meta({ description: 'The lines about this case.' }),
  caseReference: z
    .string()
    .trim()
    .min(1, 'Vul dit in.')
    .max(40, 'Maximaal 40 tekens.')
    .transform((reference) => reference.toUpperCase())
    .optional()
    .meta({ description: 'The lines about the case with this reference, e.g. BMHR-2026-0003.' }),
  actorId: uuid.optional().meta({ description: 'The lines of what this person did.' }),
  from: z.date().optional().meta({ description: 'Only accesses at or after this moment.' }),
  to: z.date().optional().meta({ description: 'Only accesses before this moment.' }),
});
export type AccessLogFilterData = z.infer<typeof AccessLogFilterSchema>;
export const AccessLogFilterInput = inputTypeFrom('AccessLogFilter', AccessLogFilterSchema);
