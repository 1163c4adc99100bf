import { CONFIDANT_GRANTS } from '@klachtpad/procedures';
import { z } from 'zod';

const uuid = z.string().uuid('Geen geldig id.');

/** What a client grants: known scopes, always including `view` (the others act on what one sees). */
const scopes = z
  .array(z.enum(CONFIDANT_GRANTS))
  .min(1, 'Kies wat de vertrouwenspersoon mag.')
  .max(CONFIDANT_GRANTS.length * 2)
  .refine(
    (list) => list.includes('view'),
    'Een vertrouwenspersoon moet de zaak kunnen inzien (view) om iets anders te mogen.',
  );

export const GrantConfidantSchema = z.object({
  caseId: uuid,
  confidantId: uuid,
  scopes,
});

export const RevokeConfidantSchema = z.object({ caseId: uuid, confidantId: uuid });

export const AuthoriseConfidantSchema = z.object({ confidantId: uuid, scopes });

export const WithdrawAuthorisationSchema = z.object({ confidantId: uuid });
