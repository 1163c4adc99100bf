import { z } from 'zod';
import { inputTypeFrom } from '../../core/graphql/zod-input.js';
import { uuid } from '../../core/validation/fields.js';
import { LetterKindValue } from './letter.types.js';

export const GenerateLetterSchema = z.object({
  caseId: uuid,
  kind: z.enum(['outcome', 'extension', 'decision']).meta({ graphql: { enum: LetterKindValue } }),
});
export type GenerateLetterData = z.infer<typeof GenerateLetterSchema>;
export const GenerateLetterInput = inputTypeFrom('GenerateLetterInput', GenerateLetterSchema);
