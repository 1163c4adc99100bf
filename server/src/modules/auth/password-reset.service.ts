import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../../core/context.js';
import { badInput } from '../../core/errors.js';
import { enqueueJob } from '../../core/queue/job-queue.js';
import { Membership } from '../memberships/membership.entity.js';
import { Organisation } from '../organisations/organisation.entity.js';
import { User, accountAddress } from '../users/user.entity.js';
import { setResetPassword } from './user-secrets.js';
import { checkNewPassword, normaliseEmail } from './auth.service.js';
import { hashPassword } from './password.js';
import { PasswordReset } from './password-reset.entity.js';
import { hashLinkToken, isWellFormedLinkToken, newLinkToken } from './session-token.js';
import { Session } from './session.entity.js';

/** The task that mails a password-reset link. */
export const PASSWORD_RESET_MAIL_TASK = 'send-password-reset';

/** How long a reset link works. */
export const RESET_LINK_MINUTES = 60;

/** At most this many reset mails per account per hour: a mailbox is not to be flooded. */
const RESETS_PER_HOUR = 3;

const INVALID_LINK =
  'Deze link om uw wachtwoord opnieuw in te stellen is ongeldig, al gebruikt of verlopen.';

/**
 * Asks for a reset link for the account of an address. The answer is the same whether or not
 * there is one (nothing to enumerate); only an account that exists and belongs to an
 * organisation gets a mail, at most three an hour. The mail travels as work of the person's first
 * organisation (by name), so it is sent by whoever serves that organisation.
 */
export async function requestPasswordReset(
  ctx: RequestContext,
  emailInput: string,
): Promise<boolean> {
  const email = normaliseEmail(typeof emailInput === 'string' ? emailInput : '');
  if (email.length < 3 || email.length > 320 || !email.includes('@')) {
    throw badInput('Enter a valid email address.', { field: 'email' });
  }
  await ctx.tx.setScope({ signInEmail: email });
  const user = await ctx.em.findOne(User, { email }, { fields: ['id', 'disabledAt'] });
  // A disabled account gets no link (ADR 0067): the answer is the same as for no account.
  if (!user || user.disabledAt) return true;
  const recent = await ctx.em.count(PasswordReset, {
    userId: user.id,
    requestedAt: { $gt: new Date(ctx.now.getTime() - 3_600_000) },
  });
  if (recent >= RESETS_PER_HOUR) return true;
  // The person's own memberships are theirs to read; the scope is cleared again at once.
  await ctx.tx.setScope({ userId: user.id });
  const memberships = await ctx.em.find(Membership, { userId: user.id });
  const organisation = await ctx.em.findOne(
    Organisation,
    { id: { $in: memberships.map((m) => m.organisationId) } },
    { orderBy: { name: 'asc' } },
  );
  await ctx.tx.setScope({ userId: undefined });
  if (!organisation) return true;
  const reset = ctx.em.create(PasswordReset, {
    id: randomUUID(),
    userId: user.id,
    tokenHash: null,
    requestedAt: ctx.now,
    expiresAt: null,
    usedAt: null,
  });
  await ctx.em.flush();
  await enqueueJob(ctx.em, {
    task: PASSWORD_RESET_MAIL_TASK,
    payload: { resetId: reset.id, userId: user.id },
    key: `password-reset:${reset.id}`,
    maxAttempts: 5,
    organisationId: organisation.id,
  });
  return true;
}

/**
 * Issues the token of a requested reset (the mail job's first step, in a transaction scoped to
 * the person): only its hash is kept, and the link works for an hour from now. Undefined when the
 * reset was used meanwhile.
 */
export async function issueResetToken(
  em: EntityManager,
  now: Date,
  resetId: string,
): Promise<{ token: string; email: string } | undefined> {
  const reset = await em.findOne(PasswordReset, { id: resetId });
  if (!reset || reset.usedAt) return undefined;
  const user = await em.findOneOrFail(User, { id: reset.userId });
  const token = newLinkToken();
  reset.tokenHash = hashLinkToken(token);
  reset.expiresAt = new Date(now.getTime() + RESET_LINK_MINUTES * 60_000);
  await em.flush();
  return { token, email: accountAddress(user) };
}

/**
 * Sets a new password with a reset link's token: the link works once, every other open link of
 * the account stops working, a lock from failed sign-ins is lifted, and every session of the
 * account ends (whoever knew the old password is out).
 */
export async function resetPassword(
  ctx: RequestContext,
  token: string,
  password: string,
): Promise<boolean> {
  checkNewPassword(password);
  if (typeof token !== 'string' || !isWellFormedLinkToken(token)) {
    throw badInput(INVALID_LINK, { field: 'token' });
  }
  const tokenHash = hashLinkToken(token);
  await ctx.tx.setScope({ resetTokenHash: tokenHash });
  const reset = await ctx.em.findOne(PasswordReset, { tokenHash });
  if (!reset || reset.usedAt || !reset.expiresAt || reset.expiresAt <= ctx.now) {
    throw badInput(INVALID_LINK, { field: 'token' });
  }
  await ctx.tx.setScope({ resetTokenHash: undefined, userId: reset.userId });
  await setPassword(ctx, reset.userId, password);
  const open = await ctx.em.find(PasswordReset, { userId: reset.userId, usedAt: null });
  for (const each of open) each.usedAt = ctx.now;
  await ctx.em.nativeUpdate(
    Session,
    { userId: reset.userId, revokedAt: null },
    { revokedAt: ctx.now },
  );
  await ctx.em.flush();
  return true;
}

/** Replaces a person's password (the transaction is scoped to them) and lifts a sign-in lock. */
async function setPassword(ctx: RequestContext, userId: string, password: string) {
  const user = await ctx.em.findOneOrFail(User, { id: userId });
  await setResetPassword(ctx, await hashPassword(password));
  user.failedSignIns = 0;
  user.lockedUntil = null;
}
