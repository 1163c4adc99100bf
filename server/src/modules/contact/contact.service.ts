import { createHash, randomBytes } from 'node:crypto';
import { asCase } from '../../core/authz/ability.js';
import { requestAbility } from '../../core/authz/request-ability.js';
import { requireOrganisation, type RequestContext } from '../../core/context.js';
import { badInput } from '../../core/errors.js';
import { enqueueJob } from '../../core/queue/job-queue.js';
import { parseInput } from '../../core/validation/parse-input.js';
import type { Case } from '../cases/case.entity.js';
import { Membership } from '../memberships/membership.entity.js';
import { ContactPreference } from './contact-preference.entity.js';
import { SetContactPreferencesSchema } from './contact.inputs.js';
import { ContactChannelValue, type SafeContactView } from './contact.types.js';
import { nextAllowedMoment } from './quiet-hours.js';

/** The task that mails a confirmation link to an address a person gave as safe. */
export const SAFE_ADDRESS_CONFIRMATION_TASK = 'send-safe-address-confirmation';

const CONFIRMATION_HOURS = 48;
const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

function toView(preference: ContactPreference | null, clientDefault: boolean): SafeContactView {
  if (!preference) {
    return {
      channel: clientDefault ? ContactChannelValue.PORTAL : ContactChannelValue.EMAIL,
      email: null,
      emailConfirmed: false,
      quietFrom: null,
      quietTo: null,
      codeWord: null,
    };
  }
  return {
    channel:
      preference.channel === 'email' ? ContactChannelValue.EMAIL : ContactChannelValue.PORTAL,
    email: preference.email,
    emailConfirmed: preference.emailConfirmedAt !== null,
    quietFrom: preference.quietFrom,
    quietTo: preference.quietTo,
    codeWord: preference.codeWord,
  };
}

async function isClientHere(ctx: RequestContext, organisationId: string, userId: string) {
  const membership = await ctx.em.findOne(Membership, { organisationId, userId });
  return membership?.roles.includes('client') ?? false;
}

/** The viewer's own way of being reached in the active organisation. */
export async function myContactPreferences(ctx: RequestContext): Promise<SafeContactView> {
  const { organisationId, viewer, roles } = requireOrganisation(ctx);
  const preference = await ctx.em.findOne(ContactPreference, {
    organisationId,
    userId: viewer.userId,
  });
  return toView(preference, roles.includes('client'));
}

/**
 * Sets how the viewer may be reached. A new address for e-mail is not used until the person
 * confirms it through the link mailed to it (the job sends it): a mistyped or someone else's
 * address receives one message, which says nothing about any complaint.
 */
export async function setContactPreferences(
  ctx: RequestContext,
  input: unknown,
): Promise<SafeContactView> {
  const data = parseInput(SetContactPreferencesSchema, input);
  const { organisationId, viewer, roles } = requireOrganisation(ctx);
  const existing = await ctx.em.findOne(ContactPreference, {
    organisationId,
    userId: viewer.userId,
  });
  const preference =
    existing ??
    ctx.em.create(ContactPreference, {
      organisationId,
      userId: viewer.userId,
      channel: data.channel,
      updatedAt: ctx.now,
    });
  const newAddress = data.email !== null && data.email !== preference.email;
  Object.assign(preference, {
    channel: data.channel,
    email: data.email ?? preference.email,
    quietFrom: data.quietFrom,
    quietTo: data.quietTo,
    codeWord: data.codeWord,
    updatedAt: ctx.now,
  });
  if (newAddress) {
    preference.emailConfirmedAt = null;
    preference.confirmTokenHash = null;
    preference.confirmExpiresAt = null;
  }
  await ctx.em.flush();
  if (data.channel === 'email' && preference.emailConfirmedAt === null) {
    await enqueueJob(ctx.em, {
      task: SAFE_ADDRESS_CONFIRMATION_TASK,
      payload: { organisationId, userId: viewer.userId },
      key: `confirm-address:${organisationId}:${viewer.userId}`,
      maxAttempts: 8,
      organisationId,
    });
  }
  return toView(preference, roles.includes('client'));
}

/**
 * Issues a fresh confirmation token for the person's pending address (the job's first step):
 * only its hash is kept; an earlier link stops working. Undefined when nothing waits.
 */
export async function issueConfirmationToken(
  ctx: RequestContext,
  userId: string,
): Promise<{ token: string; email: string; codeWord: string | null } | undefined> {
  const organisationId = ctx.active?.organisationId;
  if (!organisationId) throw new Error('Contact belongs to an organisation.');
  const preference = await ctx.em.findOne(ContactPreference, { organisationId, userId });
  if (!preference?.email || preference.channel !== 'email' || preference.emailConfirmedAt)
    return undefined;
  const token = randomBytes(32).toString('base64url');
  preference.confirmTokenHash = sha256(token);
  preference.confirmExpiresAt = new Date(ctx.now.getTime() + CONFIRMATION_HOURS * 3_600_000);
  await ctx.em.flush();
  return { token, email: preference.email, codeWord: preference.codeWord };
}

/**
 * Confirms the viewer's address as safe, with the token from the link mailed to it. The token
 * binds to the person and organisation it was issued for: a forwarded link confirms nothing.
 */
export async function confirmSafeEmail(
  ctx: RequestContext,
  token: string,
): Promise<SafeContactView> {
  const { organisationId, viewer, roles } = requireOrganisation(ctx);
  const preference = await ctx.em.findOne(
    ContactPreference,
    { organisationId, userId: viewer.userId },
    { populate: ['confirmTokenHash'] },
  );
  const valid =
    preference &&
    typeof token === 'string' &&
    token.length <= 100 &&
    preference.confirmTokenHash === sha256(token) &&
    preference.confirmExpiresAt !== null &&
    preference.confirmExpiresAt > ctx.now;
  if (!valid) throw badInput('Deze bevestigingslink is ongeldig of verlopen.', { field: 'token' });
  preference.emailConfirmedAt = ctx.now;
  preference.confirmTokenHash = null;
  preference.confirmExpiresAt = null;
  preference.updatedAt = ctx.now;
  await ctx.em.flush();
  return toView(preference, roles.includes('client'));
}

/** The client's way of being reached, for staff of the case (null for everyone else). */
export async function caseSafeContact(
  ctx: RequestContext,
  kase: Case,
): Promise<SafeContactView | null> {
  const { ability } = await requestAbility(ctx);
  if (!ability.can('readInternal', asCase(kase))) return null;
  const preference = await ctx.em.findOne(ContactPreference, {
    organisationId: kase.organisationId,
    userId: kase.clientId,
  });
  return toView(preference, true);
}

/** How an automatic message may reach a person now (the e-mail job's question). */
export type ContactPlan =
  | { kind: 'portal-only' }
  | { kind: 'later'; at: Date }
  | { kind: 'email'; address: string; codeWord: string | null };

/**
 * Obeys the person's rules: a client is mailed only at an address they confirmed as safe (no
 * preference: the portal only); anyone with quiet hours is not contacted in them; others are
 * mailed at their account's address unless they chose the portal only.
 */
export async function contactPlan(
  ctx: RequestContext,
  userId: string,
  accountEmail: string,
): Promise<ContactPlan> {
  const organisationId = ctx.active?.organisationId;
  if (!organisationId) throw new Error('Contact belongs to an organisation.');
  const preference = await ctx.em.findOne(ContactPreference, { organisationId, userId });
  const client = await isClientHere(ctx, organisationId, userId);
  if (preference?.channel === 'portal' || (!preference && client)) return { kind: 'portal-only' };
  if (preference?.quietFrom && preference.quietTo) {
    const allowed = nextAllowedMoment(ctx.now, preference.quietFrom, preference.quietTo);
    if (allowed.getTime() > ctx.now.getTime()) return { kind: 'later', at: allowed };
  }
  if (preference?.channel === 'email') {
    if (!preference.email || !preference.emailConfirmedAt) return { kind: 'portal-only' };
    return { kind: 'email', address: preference.email, codeWord: preference.codeWord };
  }
  return { kind: 'email', address: accountEmail, codeWord: null };
}
