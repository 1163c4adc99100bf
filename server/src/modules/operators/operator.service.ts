import { randomUUID } from 'node:crypto';
import { REGIMES, TEMPLATE_SLUGS, loadTemplate } from '@klachtpad/procedures';
import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import type { TenantTransaction } from '../../core/db/tenant-session.js';
import { conflict, notFound, unauthenticated } from '../../core/errors.js';
import { text } from '../../core/validation/fields.js';
import { parseInput } from '../../core/validation/parse-input.js';
import { hashSessionToken, isWellFormedToken } from '../auth/session-token.js';
import { invitationExpiry, queueInvitationMail } from '../memberships/invitation.service.js';
import { Organisation } from '../organisations/organisation.entity.js';

/**
 * What an operator's work runs with: a transaction in which only the operator is in scope — no
 * organisation, no user — so row-level security shows it no tenant's rows (ADR 0092).
 */
export interface OperatorContext {
  tx: TenantTransaction;
  em: EntityManager;
  now: Date;
  operatorId: string;
}

/** One answer for a missing, unknown and revoked operator token. */
const NOT_AN_OPERATOR = 'Operator credentials required.';

/**
 * Names the operator whose token was presented, in a transaction scoped to it alone; anything
 * else (no token, an unknown or revoked one, a member's session token) is UNAUTHENTICATED.
 */
export async function enterAsOperator(
  tx: TenantTransaction,
  token: string | undefined,
  now: Date,
): Promise<OperatorContext> {
  if (!token || !isWellFormedToken(token)) throw unauthenticated(NOT_AN_OPERATOR);
  await tx.setScope({
    operatorTokenHash: hashSessionToken(token),
    organisationId: undefined,
    userId: undefined,
  });
  const [row] = await tx.em.execute<{ id: string | null }[]>(
    'select app.current_operator_id() as id',
  );
  if (!row?.id) throw unauthenticated(NOT_AN_OPERATOR);
  return { tx, em: tx.em, now, operatorId: row.id };
}

const email = z.string().trim().toLowerCase().pipe(z.email('Geen geldig e-mailadres.').max(320));

export const OnboardOrganisationSchema = z
  .object({
    name: text(200),
    slug: z
      .string()
      .max(63, 'Maximaal 63 tekens.')
      .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'Kleine letters, cijfers en streepjes, zoals zorg-noord.'),
    regime: z.enum(REGIMES),
    template: z.enum(TEMPLATE_SLUGS),
    mfaRequired: z.boolean().default(true),
    director: z.object({ email, displayName: text(200) }),
  })
  .refine((input) => loadTemplate(input.template).regime === input.regime, {
    path: ['template'],
    message: 'Dit sjabloon hoort bij een ander wettelijk regime.',
  });

export interface OnboardedOrganisation {
  organisation: {
    id: string;
    slug: string;
    name: string;
    regime: string;
    procedureTemplate: string;
    mfaRequiredForStaff: boolean;
  };
  invitation: { id: string; email: string; expiresAt: Date };
}

/**
 * Creates a care organisation and invites its first director (mailed by the queue, as any
 * invitation). The operator writes these two rows through the database's one function for it
 * and stays outside the organisation: no membership, no scope.
 */
export async function onboardOrganisation(
  op: OperatorContext,
  input: unknown,
): Promise<OnboardedOrganisation> {
  const data = parseInput(OnboardOrganisationSchema, input);
  if (await op.em.findOne(Organisation, { slug: data.slug }, { fields: ['id'] })) {
    throw conflict('Er is al een organisatie met dit adres (slug).', { field: 'slug' });
  }
  const organisationId = randomUUID();
  const invitationId = randomUUID();
  const expiresAt = invitationExpiry(op.now);
  const [row] = await op.em.execute<{ done: boolean }[]>(
    'select app.onboard_organisation(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) as done',
    [
      organisationId,
      data.slug,
      data.name,
      data.regime,
      data.template,
      data.mfaRequired,
      invitationId,
      data.director.email,
      data.director.displayName,
      expiresAt,
      op.now,
    ],
  );
  if (row?.done !== true) throw unauthenticated(NOT_AN_OPERATOR);
  await queueInvitationMail(op.em, organisationId, invitationId);
  return {
    organisation: {
      id: organisationId,
      slug: data.slug,
      name: data.name,
      regime: data.regime,
      procedureTemplate: data.template,
      mfaRequiredForStaff: data.mfaRequired,
    },
    invitation: { id: invitationId, email: data.director.email, expiresAt },
  };
}

/** The platform's organisations: names and settings, nothing of what happens inside. */
export async function listOrganisations(op: OperatorContext) {
  const organisations = await op.em.find(Organisation, {}, { orderBy: { slug: 'asc' } });
  return organisations.map((organisation) => ({
    id: organisation.id,
    slug: organisation.slug,
    name: organisation.name,
    kind: organisation.kind,
    regime: organisation.regime,
    procedureTemplate: organisation.procedureTemplate,
    mfaRequiredForStaff: organisation.mfaRequiredForStaff,
    createdAt: organisation.createdAt,
  }));
}

export const AccountSchema = z.object({ email });

export interface AccountState {
  userId: string;
  /** When the account was disabled; null once it is enabled again. */
  disabledAt: Date | null;
  /** Sessions of the account that ended because it was disabled now. */
  sessionsEnded: number;
}

/**
 * Disables or enables a person's account on the whole platform (ADR 0067), by its e-mail
 * address. Disabling ends every session of the account in the same transaction; signing in to a
 * disabled account is answered like a wrong password. Disabling twice keeps the first moment.
 * The operator learns the account's id and nothing else about the person.
 */
export async function setAccountDisabled(
  op: OperatorContext,
  input: unknown,
  disabled: boolean,
): Promise<AccountState> {
  const data = parseInput(AccountSchema, input);
  const [row] = await op.em.execute<
    { user_id: string; disabled_at: Date | null; sessions_ended: number }[]
  >('select user_id, disabled_at, sessions_ended from app.set_account_disabled(?, ?, ?)', [
    data.email,
    disabled,
    op.now,
  ]);
  if (!row) throw notFound('Account');
  return { userId: row.user_id, disabledAt: row.disabled_at, sessionsEnded: row.sessions_ended };
}
