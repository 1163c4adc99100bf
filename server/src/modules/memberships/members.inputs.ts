import { z } from 'zod';
import { ROLES } from '@klachtpad/contracts';
import { Language } from '../../core/graphql/shared.types.js';
import { inputTypeFrom } from '../../core/graphql/zod-input.js';
import { text, uuid } from '../../core/validation/fields.js';
import { RoleEnum } from './role.graphql.js';

const roles = z
  .array(z.enum(ROLES).meta({ graphql: { enum: RoleEnum } }))
  .min(1, 'Kies ten minste één rol.')
  .max(ROLES.length)
  .transform((list) => [...new Set(list)]);

const email = z.string().trim().toLowerCase().pipe(z.email('Geen geldig e-mailadres.').max(320));

export const InviteMemberSchema = z.object({
  email,
  displayName: text(200)
    .nullish()
    .transform((value) => value ?? null)
    .meta({ description: 'The name a new account starts with; the invitee may change it.' }),
  roles,
});
export const InviteMemberInput = inputTypeFrom('InviteMemberInput', InviteMemberSchema);

export const ChangeMemberRolesSchema = z.object({ userId: uuid, roles });
export const ChangeMemberRolesInput = inputTypeFrom(
  'ChangeMemberRolesInput',
  ChangeMemberRolesSchema,
);

export const AcceptInvitationSchema = z.object({
  token: z.string().max(100),
  password: z.string().max(1024).meta({
    description:
      'A new password for a new account; for an address that has an account, its password.',
  }),
  displayName: text(200)
    .nullish()
    .transform((value) => value ?? null)
    .meta({ description: 'For a new account: the name others see.' }),
});
export const AcceptInvitationInput = inputTypeFrom('AcceptInvitationInput', AcceptInvitationSchema);

/** A client who came in person: an account without sign-in, until they accept an invitation. */
export const CreateClientAccountSchema = z.object({
  displayName: text(200).meta({ description: 'The name staff and the client see.' }),
  email: email
    .nullish()
    .transform((value) => value ?? null)
    .meta({
      description:
        'If the client gave one, in person: an invitation to the portal goes there at once.',
    }),
  language: z
    .enum(Language)
    .nullish()
    .transform((value) => value ?? null)
    .meta({ graphql: { enum: Language }, description: 'The language the client reads.' }),
});
export const CreateClientAccountInput = inputTypeFrom(
  'CreateClientAccountInput',
  CreateClientAccountSchema,
);

/** Invites a walk-in client's account to the portal (again, or later than it was made). */
export const InviteClientAccountSchema = z.object({ userId: uuid, email });
export const InviteClientAccountInput = inputTypeFrom(
  'InviteClientAccountInput',
  InviteClientAccountSchema,
);
