import { z } from 'zod';
import { inputTypeFrom } from '../../core/graphql/zod-input.js';
import { text } from '../../core/validation/fields.js';
import { ContactChannelValue } from './contact.types.js';

const time = z
  .string()
  .regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, 'Een tijd als 22:00.')
  .nullish()
  .transform((value) => value ?? null);

export const SetContactPreferencesSchema = z
  .object({
    channel: z.enum(['portal', 'email']).meta({ graphql: { enum: ContactChannelValue } }),
    email: z
      .email('Geen geldig e-mailadres.')
      .max(254)
      .nullish()
      .transform((value) => value?.trim().toLowerCase() ?? null)
      .meta({ description: 'Required for EMAIL; a confirmation link goes there first.' }),
    quietFrom: time.meta({ description: 'No contact from (HH:MM, Europe/Amsterdam).' }),
    quietTo: time.meta({ description: 'No contact until (HH:MM); with quietFrom.' }),
    codeWord: text(40)
      .nullish()
      .transform((value) => value ?? null)
      .meta({ description: 'At most 40 characters; shown with every message.' }),
  })
  .refine((value) => value.channel === 'portal' || value.email !== null, {
    message: 'Geef het e-mailadres dat veilig is voor u.',
    path: ['email'],
  })
  .refine((value) => (value.quietFrom === null) === (value.quietTo === null), {
    message: 'Geef zowel het begin als het einde van de uren zonder contact.',
    path: ['quietTo'],
  });
export type SetContactPreferencesData = z.infer<typeof SetContactPreferencesSchema>;
export const SetContactPreferencesInput = inputTypeFrom(
  'SetContactPreferencesInput',
  SetContactPreferencesSchema,
);
