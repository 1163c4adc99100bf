import { z } from 'zod';
import { inputTypeFrom } from '../../core/graphql/zod-input.js';
import { text, uuid } from '../../core/validation/fields.js';

export const CompleteMeasureSchema = z.object({
  caseId: uuid,
  /** The engine numbers the measures of a case m1, m2, … */
  measureId: z
    .string()
    .regex(/^m[0-9]{1,4}$/, 'Onbekende maatregel.')
    .meta({ description: 'The measure id, e.g. m1.' }),
  proof: text(5000).meta({ description: 'What shows it was done; at most 5 000 characters.' }),
});
export const CompleteMeasureInput = inputTypeFrom('CompleteMeasureInput', CompleteMeasureSchema);
