import { z } from 'zod';
import { text, uuid } from '../cases/case.inputs.js';

export const CompleteMeasureSchema = z.object({
  caseId: uuid,
  /** The engine numbers the measures of a case m1, m2, … */
  measureId: z.string().regex(/^m[0-9]{1,4}$/, 'Onbekende maatregel.'),
  proof: text(5000),
});
