import { CONFIDANT_GRANTS } from '@klachtpad/procedures';
import { z } from 'zod';
import { argsTypeFrom, inputTypeFrom } from '../../core/graphql/zod-input.js';
import { uuid } from '../../core/validation/fields.js';

const SCOPES_DESCRIPTION =
  'What the confidant may do: `view` (always), `draft`, `submit` (act for the client), `receive-letters`, `attend-meetings`.';

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
  scopes: scopes.meta({ description: SCOPES_DESCRIPTION }),
});
export const GrantConfidantInput = inputTypeFrom('GrantConfidantInput', GrantConfidantSchema);

export const RevokeConfidantSchema = z.object({ caseId: uuid, confidantId: uuid });
export const RevokeConfidantArgs = argsTypeFrom('RevokeConfidantArgs', RevokeConfidantSchema);

export const AuthoriseConfidantSchema = z.object({
  confidantId: uuid,
  scopes: scopes.meta({
    description: `${SCOPES_DESCRIPTION} Filing on the client's behalf needs \`submit\`; a case filed that way gets these scopes.`,
  }),
});
export const AuthoriseConfidantInput = inputTypeFrom(
  'AuthoriseConfidantInput',
  AuthoriseConfidantSchema,
);

export const WithdrawAuthorisationSchema = z.object({ confidantId: uuid });
