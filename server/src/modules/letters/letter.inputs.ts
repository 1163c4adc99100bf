import { z } from 'zod';
import { inputTypeFrom } from '../../core/graphql/zod-input.js';
import { uuid } from '../../core/validation/fields.js';
import { LetterKindValue } from './letter.types.js';

export const GenerateLetterSchema = z.object({
  caseId: uuid,
  kind: z.enum(['outcome', 'extension', 'decision']).meta({ graphql: { enum: LetterKindValue } }),
  subjectId: uuid.optional().meta({
    description:
      'A person the complaint is about, when the letter goes to them instead of the client (the extension notice Awb 9 requires for them too). Only extension letters go to a subject.',
  }),
});
export type GenerateLetterData = z.infer<typeof GenerateLetterSchema>;
export const GenerateLetterInput = inputTypeFrom('GenerateLetterInput', GenerateLetterSchema);
