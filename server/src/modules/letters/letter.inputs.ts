import { z } from 'zod';

export const GenerateLetterSchema = z.object({
  caseId: z.string().uuid('Geen geldig zaak-id.'),
  kind: z.enum(['outcome', 'extension', 'decision']),
});
export type GenerateLetterData = z.infer<typeof GenerateLetterSchema>;
