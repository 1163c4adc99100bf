import type { RequestContext } from '../../core/context.js';
import { isSealed, openSecret, sealSecret } from '../../core/crypto/sealed-secret.js';
import type { TenantTransaction } from '../../core/db/tenant-session.js';

/**
 * The only way to a person's secrets: the security definers of migration 0060, each answering
 * for the person themself (ADR 0060). The runtime role cannot select `user_secrets`.
 */

/** The password hash of the account in sign-in scope; none in any organisation or user scope. */
export async function signInPasswordHash(tx: TenantTransaction): Promise<string | undefined> {
  const [row] = await tx.em.execute<{ hash: string | null }[]>(
    'select app.sign_in_password_hash() as hash',
  );
  return row?.hash ?? undefined;
}

/**
 * The first password of an account made by accepting an invitation: the database takes it only
 * for the invited address, once (ADR 0090).
 */
export async function setInvitedPassword(tx: TenantTransaction, userId: string, hash: string) {
  const [row] = await tx.em.execute<{ set: boolean }[]>(
    'select app.set_invited_password(?, ?) as set',
    [userId, hash],
  );
  if (row?.set !== true) throw new Error('The invited account’s password was not stored.');
}

/** A new password for the user in scope, through an open reset of theirs (ADR 0091). */
export async function setResetPassword(ctx: RequestContext, hash: string) {
  const [row] = await ctx.em.execute<{ set: boolean }[]>(
    'select app.set_reset_password(?, ?) as set',
    [hash, ctx.now],
  );
  if (row?.set !== true) throw new Error('The new password was not stored.');
}

export interface OwnTotp {
  /** The secret, opened; null before enrolment began. */
  secret: string | null;
  /** The last time step a code was accepted for; null before the first. */
  lastStep: number | null;
}

/** The signed-in user's TOTP secret and last used step. */
export async function ownTotp(ctx: RequestContext, userId: string): Promise<OwnTotp> {
  const [row] = await ctx.em.execute<{ secret: string | null; last_step: string | null }[]>(
    'select secret, last_step from app.own_totp()',
  );
  const stored = row?.secret ?? null;
  let secret: string | null = null;
  if (stored !== null && isSealed(stored)) {
    secret = openSecret(sealingKey(ctx), stored, userId);
  } else if (stored !== null) {
    // Stored before secrets were sealed (migration 0060): sealed now, on first use.
    secret = stored;
    await setOwnTotp(ctx, userId, secret);
  }
  return { secret, lastStep: row?.last_step == null ? null : Number(row.last_step) };
}

/** Stores the signed-in user's TOTP secret, sealed. */
export async function setOwnTotp(ctx: RequestContext, userId: string, secret: string) {
  await ctx.em.execute('select app.set_own_totp(?)', [sealSecret(sealingKey(ctx), secret, userId)]);
}

/**
 * Records that a code of this time step was accepted; false when one of this step or a later one
 * already was (in any session): the code is spent. One statement, so two racing requests with
 * the same code cannot both succeed.
 */
export async function useOwnTotpStep(ctx: RequestContext, step: number): Promise<boolean> {
  const [row] = await ctx.em.execute<{ used: boolean }[]>(
    'select app.use_own_totp_step(?) as used',
    [step],
  );
  return row?.used === true;
}

function sealingKey(ctx: RequestContext): Buffer {
  if (!ctx.config.mfaKey) throw new Error('No key to seal two-step verification secrets.');
  return ctx.config.mfaKey;
}

/** The signed-in user's password hash, to prove the current password before changing it. */
export async function ownPasswordHash(ctx: RequestContext): Promise<string | undefined> {
  const [row] = await ctx.em.execute<{ hash: string | null }[]>(
    'select app.own_password_hash() as hash',
  );
  return row?.hash ?? undefined;
}

/** Replaces the signed-in user's password hash. */
export async function setOwnPassword(ctx: RequestContext, hash: string) {
  const [row] = await ctx.em.execute<{ set: boolean }[]>('select app.set_own_password(?) as set', [
    hash,
  ]);
  if (row?.set !== true) throw new Error('The new password was not stored.');
}

/** Replaces every recovery code of the signed-in user with these hashes. */
export async function setOwnRecoveryCodes(ctx: RequestContext, hashes: string[]) {
  const [row] = await ctx.em.execute<{ set: boolean }[]>(
    'select app.set_own_recovery_codes(array(select json_array_elements_text(?::json))) as set',
    [JSON.stringify(hashes)],
  );
  if (row?.set !== true) throw new Error('The recovery codes were not stored.');
}

/** Spends a recovery code of the signed-in user: false when it is not (or no longer) theirs. */
export async function useOwnRecoveryCode(ctx: RequestContext, hash: string): Promise<boolean> {
  const [row] = await ctx.em.execute<{ used: boolean }[]>(
    'select app.use_own_recovery_code(?) as used',
    [hash],
  );
  return row?.used === true;
}

/** How many unused recovery codes the signed-in user has. */
export async function ownRecoveryCodesLeft(ctx: RequestContext): Promise<number> {
  const [row] = await ctx.em.execute<{ n: number | null }[]>(
    'select app.own_recovery_codes_left() as n',
  );
  return row?.n ?? 0;
}
