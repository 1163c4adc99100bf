import { createHash, randomBytes } from 'node:crypto';
import { requireViewer, type RequestContext } from '../../core/context.js';
import { AppError, badInput, forbidden, notFound, unauthenticated } from '../../core/errors.js';
import { User, accountAddress } from '../users/user.entity.js';
import {
  SIGN_IN_FAILED,
  checkNewPassword,
  checkSecondFactor,
  markSessionVerified,
  recordFailure,
  slowDownAfterFailures,
  type VerifiedSession,
} from './auth.service.js';
import { MAX_PASSWORD_LENGTH, hashPassword, verifyPassword } from './password.js';
import { Session } from './session.entity.js';
import {
  ownPasswordHash,
  ownRecoveryCodesLeft,
  setOwnPassword,
  setOwnRecoveryCodes,
  useOwnRecoveryCode,
} from './user-secrets.js';

/**
 * What a signed-in person does about their own account (issue 11.3, ADR 0093): change the
 * password, see and end their sessions, and hold recovery codes for a lost authenticator.
 */

/** The person and their account, refusing a session that still owes its second factor. */
async function ownAccount(ctx: RequestContext) {
  const viewer = requireViewer(ctx);
  const user = await ctx.em.findOneOrFail(User, { id: viewer.userId });
  if (user.mfaEnabledAt && !viewer.mfaVerified) {
    throw forbidden('Pass two-step verification first.', { reason: 'MFA_REQUIRED' });
  }
  return { viewer, user };
}

/**
 * Changes the person's password: the current one must be given (a session alone is not enough),
 * with the same slowdown and lock as signing in; every other session of the account ends.
 */
export async function changePassword(
  ctx: RequestContext,
  currentPassword: string,
  newPassword: string,
): Promise<boolean> {
  if (
    typeof currentPassword !== 'string' ||
    currentPassword.length === 0 ||
    currentPassword.length > MAX_PASSWORD_LENGTH
  ) {
    throw badInput('Give your current password.', { field: 'currentPassword' });
  }
  checkNewPassword(newPassword);
  const { viewer, user } = await ownAccount(ctx);
  if (user.lockedUntil && user.lockedUntil > ctx.now) throw unauthenticated(SIGN_IN_FAILED);
  await slowDownAfterFailures(ctx.config, user.failedSignIns);
  const hash = await ownPasswordHash(ctx);
  if (!hash || !(await verifyPassword(hash, currentPassword))) {
    await recordFailure(ctx, accountAddress(user));
    throw new AppError('BAD_USER_INPUT', 'That is not your current password.', {
      field: 'currentPassword',
    });
  }
  await setOwnPassword(ctx, await hashPassword(newPassword));
  user.failedSignIns = 0;
  await endOtherSessions(ctx, viewer.sessionId);
  await ctx.em.flush();
  return true;
}

async function endOtherSessions(ctx: RequestContext, keep: string): Promise<number> {
  return ctx.em.nativeUpdate(
    Session,
    { userId: requireViewer(ctx).userId, revokedAt: null, id: { $ne: keep } },
    { revokedAt: ctx.now },
  );
}

export interface OwnSession {
  id: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  mfaVerified: boolean;
  current: boolean;
}

/** The person's live sessions, newest first: where they are signed in. */
export async function mySessions(ctx: RequestContext): Promise<OwnSession[]> {
  const viewer = requireViewer(ctx);
  const idleSince = new Date(ctx.now.getTime() - ctx.config.sessions.idleMinutes * 60_000);
  const sessions = await ctx.em.find(
    Session,
    {
      userId: viewer.userId,
      revokedAt: null,
      expiresAt: { $gt: ctx.now },
      lastSeenAt: { $gt: idleSince },
    },
    { orderBy: { createdAt: 'desc' } },
  );
  return sessions.map((session) => ({
    id: session.id,
    createdAt: session.createdAt,
    lastSeenAt: session.lastSeenAt,
    expiresAt: session.expiresAt,
    mfaVerified: session.mfaVerifiedAt !== null,
    current: session.id === viewer.sessionId,
  }));
}

/**
 * Ends one of the person's sessions at once (a lost phone, a shared computer). Someone else's
 * session, or one that is over, is the one answer for an unknown session.
 */
export async function endSession(ctx: RequestContext, id: string): Promise<boolean> {
  const viewer = requireViewer(ctx);
  const session = /^[0-9a-f-]{36}$/.test(id)
    ? await ctx.em.findOne(Session, { id, userId: viewer.userId, revokedAt: null })
    : null;
  if (!session) throw notFound('Session');
  session.revokedAt = ctx.now;
  await ctx.em.flush();
  if (session.id === viewer.sessionId) ctx.setSessionCookie(undefined);
  return true;
}

/** Ends every session of the person but this one. */
export async function endOtherSessionsOfMine(ctx: RequestContext): Promise<number> {
  return endOtherSessions(ctx, requireViewer(ctx).sessionId);
}

/** How many recovery codes a person gets at a time. */
export const RECOVERY_CODE_COUNT = 10;

/** Codes are compared without case, spaces or dashes: `abcde-fghij-klmno` as printed. */
const normaliseCode = (code: string) => code.toLowerCase().replace(/[\s-]/g, '');
const hashCode = (code: string) => createHash('sha256').update(normaliseCode(code)).digest('hex');
const ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';

/** 15 characters of a 32-letter alphabet without look-alikes: 75 random bits. */
function newRecoveryCode(): string {
  const bytes = randomBytes(15);
  const letters = [...bytes].map((byte) => ALPHABET[byte % 32]).join('');
  return `${letters.slice(0, 5)}-${letters.slice(5, 10)}-${letters.slice(10)}`;
}

/**
 * Makes a fresh set of recovery codes for a person with two-step verification on, replacing any
 * earlier set; shown this once, kept only as hashes.
 */
export async function createRecoveryCodes(ctx: RequestContext): Promise<string[]> {
  const { user } = await ownAccount(ctx);
  if (!user.mfaEnabledAt) throw badInput('Turn two-step verification on first.');
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await setOwnRecoveryCodes(ctx, codes.map(hashCode));
  return codes;
}

/** The number of unused recovery codes of the signed-in person. */
export async function recoveryCodesLeft(ctx: RequestContext): Promise<number> {
  requireViewer(ctx);
  return ownRecoveryCodesLeft(ctx);
}

/**
 * Passes the second factor for this session with a recovery code instead of the authenticator:
 * the code is spent, and the session gets a new token (as with a TOTP code). Failures count as
 * wrong TOTP codes do.
 */
export async function verifyMfaWithRecoveryCode(
  ctx: RequestContext,
  code: string,
): Promise<VerifiedSession> {
  const viewer = requireViewer(ctx);
  if (typeof code !== 'string' || normaliseCode(code).length !== 15) {
    throw badInput('A recovery code has 15 letters and digits.', { field: 'code' });
  }
  const user = await ctx.em.findOneOrFail(User, { id: viewer.userId });
  if (!user.mfaEnabledAt) throw badInput('Two-step verification is not on.');
  await checkSecondFactor(ctx, user, 'That recovery code is not valid.', () =>
    useOwnRecoveryCode(ctx, hashCode(code)),
  );
  return markSessionVerified(ctx, viewer);
}
