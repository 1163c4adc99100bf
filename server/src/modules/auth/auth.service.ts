import type { Position } from '@klachtpad/procedures';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { MFA_ROLES, isRole, type Role } from '@klachtpad/contracts';
import type { ActiveOrganisation, RequestContext, Viewer } from '../../core/context.js';
import type { Config } from '../../core/config.js';
import { withTenantTransaction, type TenantTransaction } from '../../core/db/tenant-session.js';
import { AppError, badInput, forbidden, unauthenticated } from '../../core/errors.js';
import { requireViewer } from '../../core/context.js';
import { Membership } from '../memberships/membership.entity.js';
import { Organisation } from '../organisations/organisation.entity.js';
import { recordSecurityEvent } from '../security-log/security-log.js';
import { User, accountAddress } from '../users/user.entity.js';
import { MAX_PASSWORD_LENGTH, hashPassword, verifyPasswordOrDummy } from './password.js';
import { attemptLimits, limitKey } from './attempt-limits.js';
import { Session } from './session.entity.js';
import { hashSessionToken, isWellFormedToken, newSessionToken } from './session-token.js';
import { createTotpSecret, totpStep, totpUri } from './totp.js';
import {
  ownTotp,
  setInvitedPassword,
  setOwnTotp,
  signInPasswordHash,
  useOwnTotpStep,
} from './user-secrets.js';

/**
 * One answer for unknown account, wrong password, locked and disabled account: nothing to
 * enumerate.
 */
export const SIGN_IN_FAILED =
  'Sign-in failed: check your email address and password, or try again later.';
const NO_ACCESS = 'You have no access to this organisation.';

export interface SignInResult {
  token: string;
  expiresAt: Date;
  /** The session must pass `verifyMfa` before staff roles can act. */
  mfaRequired: boolean;
  userId: string;
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Why a sign-in failed, for the log only: the answer is the same for all of them. */
type SignInFailure = 'no-account' | 'wrong-password' | 'locked' | 'disabled' | 'address-limit';

/**
 * Checks email and password; on success opens a session and returns its token (once).
 *
 * Every way of failing answers the same and does the same work (ADR 0062): the attempt is
 * counted for the client address and the e-mail address first (the slow-down follows the
 * e-mail address, whether or not it has an account), then one Argon2id verification (against a
 * dummy hash for an unknown address, also while the account is locked or disabled), then the
 * failure count in a transaction of its own.
 */
export async function signIn(
  ctx: RequestContext,
  emailInput: string,
  password: string,
): Promise<SignInResult> {
  const email = normaliseEmail(emailInput);
  if (email.length < 3 || email.length > 320 || !email.includes('@')) {
    throw badInput('Enter a valid email address.', { field: 'email' });
  }
  if (password.length === 0 || password.length > MAX_PASSWORD_LENGTH) {
    throw badInput(`A password has 1 to ${MAX_PASSWORD_LENGTH} characters.`, { field: 'password' });
  }
  const limits = attemptLimits(ctx.orm, ctx.config);
  const address = limitKey(ctx.clientAddress ?? 'unknown');
  const account = limitKey(email);
  const logFailure = (reason: SignInFailure, userId?: string) => {
    ctx.log.warn(
      // The account as its digest: which address was tried, without the address itself.
      { reason, userId, account: account.slice(0, 16), clientAddress: ctx.clientAddress },
      'sign-in failed',
    );
    recordSecurityEvent(ctx, {
      kind: 'sign-in-failed',
      reason,
      userId,
      accountDigest: account.slice(0, 16),
    });
  };
  try {
    await limits.address.spend(address);
  } catch (error) {
    logFailure('address-limit');
    throw error;
  }
  const attempts = await limits.email.spend(account);
  await slowDownAfterFailures(ctx.config, attempts - 1);

  // Only the account being signed in to, and nobody's secrets but its own (ADR 0060).
  await ctx.tx.setScope({ signInEmail: email, userId: undefined, organisationId: undefined });
  const user = await ctx.em.findOne(User, { email });
  const passwordHash = await signInPasswordHash(ctx.tx);
  const valid = await verifyPasswordOrDummy(user ? passwordHash : undefined, password);
  const locked = user?.lockedUntil != null && user.lockedUntil > ctx.now;
  const disabled = user?.disabledAt != null;
  if (!user || !valid || locked || disabled) {
    await recordFailure(ctx, email);
    logFailure(
      !user ? 'no-account' : disabled ? 'disabled' : locked ? 'locked' : 'wrong-password',
      user?.id,
    );
    throw unauthenticated(SIGN_IN_FAILED);
  }

  // A success was no guess: the address gets its attempt back, the e-mail address its count.
  await limits.address.refund(address);
  await limits.email.reset(account);
  user.failedSignIns = 0;
  user.lockedUntil = null;
  return openSession(ctx, user);
}

/**
 * Opens a session for a person whose identity was just proven (their password, or an invitation
 * they accepted by setting one), scopes the transaction to them and returns its token (once).
 */
export async function openSession(ctx: RequestContext, user: User): Promise<SignInResult> {
  await ctx.tx.setScope({ signInEmail: undefined, userId: user.id });
  // Read under a share lock: an operator disabling the account at this moment either waits for
  // this session to commit (and then ends it) or has committed already (and no session opens).
  const [account] = await ctx.em.execute<{ disabled_at: Date | null }[]>(
    'select disabled_at from users where id = ? for share',
    [user.id],
  );
  if (!account || account.disabled_at !== null) throw unauthenticated(SIGN_IN_FAILED);
  const token = newSessionToken();
  const session = ctx.em.create(Session, {
    id: randomUUID(),
    userId: user.id,
    tokenHash: hashSessionToken(token),
    createdAt: ctx.now,
    lastSeenAt: ctx.now,
    expiresAt: new Date(ctx.now.getTime() + ctx.config.sessions.absoluteHours * 3_600_000),
    // Whoever has a second factor is asked for it at every sign-in, whatever any
    // organisation requires: until then the session can only pass it (ADR 0062).
    mfaRequired: user.mfaEnabledAt !== null,
    mfaVerifiedAt: null,
    revokedAt: null,
  });
  await ctx.em.flush();
  ctx.setSessionCookie(token, session.expiresAt);
  return {
    token,
    expiresAt: session.expiresAt,
    mfaRequired: user.mfaEnabledAt !== null,
    userId: user.id,
  };
}

/** The shortest password a person may choose (NCSC: length over rules). */
export const MIN_NEW_PASSWORD_LENGTH = 10;

/** Checks a password a person chooses, before any work. */
export function checkNewPassword(password: string): void {
  if (
    typeof password !== 'string' ||
    password.length < MIN_NEW_PASSWORD_LENGTH ||
    password.length > MAX_PASSWORD_LENGTH
  ) {
    throw badInput(
      `Kies een wachtwoord van ${MIN_NEW_PASSWORD_LENGTH} tot ${MAX_PASSWORD_LENGTH} tekens.`,
      { field: 'password' },
    );
  }
}

/**
 * Makes a new account with the password its owner chose (accepting an invitation). The database
 * lets the runtime role do this only for the address of the invitation being accepted (ADR 0090).
 */
export async function createAccount(
  ctx: RequestContext,
  account: { email: string; displayName: string; password: string },
): Promise<User> {
  checkNewPassword(account.password);
  const id = randomUUID();
  const email = normaliseEmail(account.email);
  await ctx.tx.setScope({ signInEmail: email });
  await ctx.em.execute(
    'insert into users (id, email, display_name, created_at) values (?, ?, ?, ?)',
    [id, email, account.displayName, ctx.now],
  );
  await setFirstPassword(ctx, id, account.password);
  return ctx.em.findOneOrFail(User, { id });
}

/**
 * The first password of an account whose owner accepted an invitation: a new account, or a
 * walk-in client's account that just claimed the invited address (ADR 0096).
 */
export async function setFirstPassword(
  ctx: RequestContext,
  userId: string,
  password: string,
): Promise<void> {
  checkNewPassword(password);
  await setInvitedPassword(ctx.tx, userId, await hashPassword(password));
}

/**
 * Signs a person out everywhere at once, when their membership of the active organisation ends:
 * a session belongs to the person, so a former member's session is ended, not narrowed.
 */
export async function endSessionsOfMember(ctx: RequestContext, userId: string): Promise<number> {
  const rows = await ctx.em.execute<{ n: number }[]>(
    'select app.end_sessions_of_member(?, ?) as n',
    [userId, ctx.now],
  );
  return rows[0]?.n ?? 0;
}

/** Revokes the current session at once. */
export async function signOut(ctx: RequestContext): Promise<boolean> {
  const viewer = requireViewer(ctx);
  const session = await ctx.em.findOneOrFail(Session, { id: viewer.sessionId });
  session.revokedAt = ctx.now;
  await ctx.em.flush();
  ctx.setSessionCookie(undefined);
  return true;
}

/**
 * Finds the live session for a presented token and scopes the transaction to its user.
 * Returns undefined for anything else (unknown, revoked, idle or absolutely expired).
 */
export async function resolveSession(
  tx: TenantTransaction,
  config: Config,
  token: string,
  now: Date,
): Promise<Viewer | undefined> {
  if (!isWellFormedToken(token)) return undefined;
  const tokenHash = hashSessionToken(token);
  await tx.setScope({ sessionTokenHash: tokenHash });
  // The columns the rule reads, not the entity: every request passes here, and nothing changes
  // the session through it (the touch is a statement of its own).
  const {
    rows: [row],
  } = await tx.query<SessionRow>(
    `select id, user_id, revoked_at, expires_at, last_seen_at, mfa_required, mfa_verified_at
       from sessions where token_hash = $1`,
    [tokenHash],
  );
  const session: SessionStanding | null = row
    ? {
        id: row.id,
        userId: row.user_id,
        revokedAt: row.revoked_at === null ? null : new Date(row.revoked_at),
        expiresAt: new Date(row.expires_at),
        lastSeenAt: new Date(row.last_seen_at),
        mfaRequired: row.mfa_required,
        mfaVerifiedAt: row.mfa_verified_at === null ? null : new Date(row.mfa_verified_at),
      }
    : null;
  const viewer = liveViewer(session, config, now);
  // Every request passes here: narrowing the scope to the user is one round-trip, not two.
  await tx.setScope({ sessionTokenHash: undefined, userId: viewer?.userId });
  if (!viewer || !session) return undefined;
  // Touch at most once a minute: idle expiry needs no finer grain, and reads stay read-only.
  if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_EVERY_MS)
    await touchSession(tx, session.id, now);
  return viewer;
}

interface SessionRow {
  id: string;
  user_id: string;
  revoked_at: Date | string | null;
  expires_at: Date | string;
  last_seen_at: Date | string;
  mfa_required: boolean;
  mfa_verified_at: Date | string | null;
}

/** What a session's liveness is decided from: its row, read by request or by a live batch. */
export type SessionStanding = Pick<
  Session,
  'id' | 'userId' | 'revokedAt' | 'expiresAt' | 'lastSeenAt' | 'mfaRequired' | 'mfaVerifiedAt'
>;

/**
 * The one rule for whether a session still lets its holder in (not revoked, not expired, not
 * idle too long) and who that is: for every request (`resolveSession`) and for the sockets of a
 * live batch (ADR 0079), so the two can never disagree.
 */
export function liveViewer(
  session: SessionStanding | null,
  config: Config,
  now: Date,
): Viewer | undefined {
  const live =
    session !== null &&
    session.revokedAt === null &&
    session.expiresAt > now &&
    session.lastSeenAt.getTime() + config.sessions.idleMinutes * 60_000 > now.getTime();
  if (!live) return undefined;
  return {
    userId: session.userId,
    sessionId: session.id,
    mfaVerified: session.mfaVerifiedAt !== null,
    mfaPending: session.mfaRequired && session.mfaVerifiedAt === null,
  };
}

const TOUCH_EVERY_MS = 60_000;

/**
 * Moves the session's idle expiry on without waiting. The row lock an update takes lasts until
 * the request commits, and every request of a session passes here: the concurrent requests of a
 * session that all found it due would queue behind each other, one whole request at a time, and
 * past the lock timeout fail. A session another request is touching right now is skipped (that
 * request moves it on), and one touched meanwhile is left as it is.
 */
async function touchSession(tx: TenantTransaction, sessionId: string, now: Date): Promise<void> {
  await tx.query(
    `update sessions set last_seen_at = $1
      where id = (select id from sessions where id = $2 and last_seen_at < $3 for update skip locked)`,
    [now, sessionId, new Date(now.getTime() - TOUCH_EVERY_MS)],
  );
}

/**
 * Enters the organisation named by slug, if the viewer is a member, and scopes the transaction
 * to it. A missing organisation and one the viewer does not belong to get the same refusal.
 */
export async function enterOrganisation(
  tx: TenantTransaction,
  viewer: Viewer,
  slug: string,
): Promise<ActiveOrganisation> {
  // The organisation and the viewer's current membership of it in one statement (RLS shows the
  // transaction, scoped to the viewer, only their own memberships), with the columns the rule
  // reads: every request passes here.
  const [row] = /^[a-z0-9-]{1,63}$/.test(slug)
    ? (
        await tx.query<{
          id: string;
          slug: string;
          mfa_required_for_staff: boolean;
          roles: Role[] | null;
          position: Position | null;
        }>(
          `select o.id, o.slug, o.mfa_required_for_staff, m.roles, m.position
             from organisations o
             left join memberships m
               on m.organisation_id = o.id and m.user_id = $1 and m.ended_at is null
            where o.slug = $2`,
          [viewer.userId, slug],
        )
      ).rows
    : [];
  const active = admitToOrganisation(
    viewer,
    row ? { id: row.id, slug: row.slug, mfaRequiredForStaff: row.mfa_required_for_staff } : null,
    row?.roles ? { roles: row.roles } : null,
  );
  await tx.setScope({ organisationId: active.organisationId });
  // Read in the same statement, so the director's ability needs no second look at the row.
  return { ...active, position: row?.position ?? null };
}

/**
 * The one rule for who may act in an organisation: a current member (`membership` is the
 * current one or null), past the second factor where the organisation asks it of staff. For
 * every request (`enterOrganisation`) and for the sockets of a live batch (ADR 0079). A missing
 * organisation and one the viewer does not belong to get the same refusal.
 */
export function admitToOrganisation(
  viewer: Viewer,
  organisation: Pick<Organisation, 'id' | 'slug' | 'mfaRequiredForStaff'> | null,
  membership: Pick<Membership, 'roles'> | null,
): ActiveOrganisation {
  if (!organisation || !membership) throw forbidden(NO_ACCESS);
  const roles = membership.roles.filter(isRole);
  const mfaRequired = organisation.mfaRequiredForStaff && hasStaffRole(roles);
  if (viewer.mfaPending || (mfaRequired && !viewer.mfaVerified)) {
    throw forbidden('This organisation requires two-step verification for staff.', {
      reason: 'MFA_REQUIRED',
    });
  }
  return { organisationId: organisation.id, slug: organisation.slug, roles };
}

/** Starts TOTP enrolment: stores a new secret (not yet active) and returns it for the app. */
export async function beginMfaEnrolment(ctx: RequestContext) {
  const viewer = requireViewer(ctx);
  const user = await ctx.em.findOneOrFail(User, { id: viewer.userId });
  if (user.mfaEnabledAt) throw badInput('Two-step verification is already on.');
  const secret = createTotpSecret();
  await setOwnTotp(ctx, user.id, secret);
  return { secret, otpauthUrl: totpUri(accountAddress(user), secret) };
}

/** The session after its second factor: a new token; the one from before it no longer works. */
export interface VerifiedSession {
  token: string;
  expiresAt: Date;
  mfaRequired: false;
}

/**
 * Confirms enrolment with a first code; the current session counts as verified. The person's
 * other sessions, opened with the password alone, must now pass the code too.
 */
export async function confirmMfaEnrolment(
  ctx: RequestContext,
  code: string,
): Promise<VerifiedSession> {
  const viewer = requireViewer(ctx);
  const user = await ctx.em.findOneOrFail(User, { id: viewer.userId });
  if (user.mfaEnabledAt) throw badInput('Start enrolment first.');
  await checkCode(ctx, user, code, 'Start enrolment first.');
  user.mfaEnabledAt = ctx.now;
  await ctx.em.nativeUpdate(
    Session,
    { userId: user.id, id: { $ne: viewer.sessionId }, mfaVerifiedAt: null },
    { mfaRequired: true },
  );
  return markSessionVerified(ctx, viewer);
}

/** Passes the second factor for the current session. */
export async function verifyMfa(ctx: RequestContext, code: string): Promise<VerifiedSession> {
  const viewer = requireViewer(ctx);
  const user = await ctx.em.findOneOrFail(User, { id: viewer.userId });
  if (!user.mfaEnabledAt) throw badInput('Two-step verification is not on.');
  await checkCode(ctx, user, code, 'Two-step verification is not on.');
  return markSessionVerified(ctx, viewer);
}

/** Whether a role set counts as staff, for which an organisation may require MFA. */
export function hasStaffRole(roles: readonly Role[]): boolean {
  return roles.some((role) => MFA_ROLES.includes(role));
}

/**
 * Checks a code against the user's own secret. A code is accepted once: its time step must be
 * later than the last accepted one, in any session (so a code seen over a shoulder, or replayed
 * from a log, is refused), recorded in the same statement that checks it.
 */
async function checkCode(ctx: RequestContext, user: User, code: string, notEnrolled: string) {
  if (!/^\d{6}$/.test(code)) throw badInput('A code has 6 digits.', { field: 'code' });
  await checkSecondFactor(ctx, user, 'That code is not valid. Try the current one.', async () => {
    const { secret } = await ownTotp(ctx, user.id);
    if (!secret) throw badInput(notEnrolled);
    const step = totpStep(code, secret);
    return step !== undefined && (await useOwnTotpStep(ctx, step));
  });
}

/**
 * Runs one check of a second factor (a TOTP code, a recovery code) under the same limits: counted
 * per account before the check, across sessions and processes (ADR 0062), so signing in again
 * with the password does not buy new guesses; a wrong one counts towards the lock.
 */
export async function checkSecondFactor(
  ctx: RequestContext,
  user: User,
  wrong: string,
  check: () => Promise<boolean>,
): Promise<void> {
  const limits = attemptLimits(ctx.orm, ctx.config);
  const account = limitKey(`user:${user.id}`);
  let attempts: number;
  try {
    attempts = await limits.mfaCode.spend(account);
  } catch (error) {
    ctx.log.warn({ reason: 'mfa-limit', userId: user.id }, 'second factor refused');
    recordSecurityEvent(ctx, { kind: 'mfa-refused', reason: 'mfa-limit', userId: user.id });
    throw error;
  }
  if (user.lockedUntil && user.lockedUntil > ctx.now) throw unauthenticated(SIGN_IN_FAILED);
  await slowDownAfterFailures(ctx.config, attempts - 1);
  if (!(await check())) {
    await recordFailure(ctx, accountAddress(user));
    ctx.log.warn({ reason: 'wrong-code', userId: user.id }, 'second factor refused');
    recordSecurityEvent(ctx, { kind: 'mfa-refused', reason: 'wrong-code', userId: user.id });
    throw new AppError('BAD_USER_INPUT', wrong, { field: 'code' });
  }
  await limits.mfaCode.reset(account);
  user.failedSignIns = 0;
}

/**
 * Marks the session verified under a new token (session fixation: a token seen before the
 * second factor, in a log or over a shoulder, must not become a verified session).
 */
export async function markSessionVerified(
  ctx: RequestContext,
  viewer: Viewer,
): Promise<VerifiedSession> {
  const session = await ctx.em.findOneOrFail(Session, { id: viewer.sessionId });
  const token = newSessionToken();
  session.tokenHash = hashSessionToken(token);
  session.mfaVerifiedAt = ctx.now;
  await ctx.em.flush();
  ctx.setSessionCookie(token, session.expiresAt);
  return { token, expiresAt: session.expiresAt, mfaRequired: false };
}

export async function slowDownAfterFailures(config: Config, failures: number) {
  const excess = failures - config.signIn.slowdownAfter;
  if (excess < 0) return;
  await sleep(Math.min(config.signIn.maxDelayMs, 250 * 2 ** excess));
}

/**
 * Counts a failed attempt in its own transaction: the request's transaction rolls back with the
 * error it answers, but the count must stay. One statement whatever the account: an unknown
 * address and a locked account (whose attempts do not lengthen its lock) take the same one and
 * change nothing.
 */
export async function recordFailure(ctx: RequestContext, email: string) {
  const { lockAfter, lockMinutes } = ctx.config.signIn;
  const lockedUntil = new Date(ctx.now.getTime() + lockMinutes * 60_000);
  await withTenantTransaction(ctx.orm, { signInEmail: email }, (em) =>
    em.execute(
      `update users set failed_sign_ins = failed_sign_ins + 1,
         locked_until = case when failed_sign_ins + 1 >= ? then ? else locked_until end
       where email = ? and (locked_until is null or locked_until <= ?)`,
      [lockAfter, lockedUntil, email, ctx.now],
    ),
  );
}
