import { z } from 'zod';
import type { RequestContext } from '../core/context.js';
import { withTenantTransaction } from '../core/db/tenant-session.js';
import { scheduleJob } from '../core/queue/job-queue.js';
import type { JobHandler } from '../core/queue/queue-worker.js';
import { contactPlan } from '../modules/contact/contact.service.js';
import { renderMail } from '../modules/mail/mail-templates.js';
import type { MailMessage } from '../modules/mail/mailer.js';
import { Membership } from '../modules/memberships/membership.entity.js';
import { notificationText } from '../modules/notifications/notification-kinds.js';
import type { Notification } from '../modules/notifications/notification.entity.js';
import {
  batchNotifications,
  NOTIFICATION_MAIL_TASK,
  recordMailOutcome,
} from '../modules/notifications/notification.service.js';
import { Organisation } from '../modules/organisations/organisation.entity.js';
import { languageOf } from '../modules/users/user-language.js';
import { User } from '../modules/users/user.entity.js';
import { actAsSystem } from '../request/act-as.js';
import type { JobDeps } from './job-deps.js';

const Payload = z.object({ organisationId: z.uuid(), userId: z.uuid(), batchId: z.uuid() });

/** Finds an organisation by id for a job (organisations are readable without a scope). */
export function organisationById(deps: JobDeps, id: string) {
  return withTenantTransaction(deps.orm, {}, (em) => em.findOne(Organisation, { id }));
}

/**
 * E-mails a person what one batch of notifications told them (ADR 0053), obeying their safe
 * contact (ADR 0054): nothing for the portal only; later, in quiet hours; only to a confirmed
 * address for a client. A client's mail says there is news and links to the portal, with their
 * code word; a staff mail names the case and the step. One mail per batch and person: what was
 * mailed is marked, so a retry after a failed send sends once, and a repeat sends nothing.
 */
export function notificationMailJob(deps: JobDeps): JobHandler {
  return async (payload, job) => {
    const { organisationId, userId, batchId } = Payload.parse(payload);
    const organisation = await organisationById(deps, organisationId);
    if (!organisation) return;
    const prepared = await actAsSystem(deps, organisation, job.now, async (ctx) => {
      const pending = (await batchNotifications(ctx, userId, batchId)).filter(
        (n) => n.mailState === 'pending',
      );
      if (pending.length === 0) return undefined;
      const user = await ctx.em.findOne(User, { id: userId });
      // A walk-in client's account has no address until they join the portal: nothing to mail.
      const plan = user?.email
        ? await contactPlan(ctx, userId, user.email)
        : { kind: 'portal-only' as const };
      if (plan.kind === 'later') {
        await scheduleJob(
          ctx.em,
          {
            organisationId,
            key: `mail:${batchId}:${userId}`,
            task: NOTIFICATION_MAIL_TASK,
            payload: { organisationId, userId, batchId },
            runAt: plan.at,
            maxAttempts: 8,
          },
          ctx.now,
        );
        return undefined;
      }
      if (plan.kind === 'portal-only' || deps.mailer.kind === 'none') {
        if (plan.kind !== 'portal-only') deps.mailer.noteUnavailable();
        await recordMailOutcome(ctx, pending, 'suppressed');
        return undefined;
      }
      const message = await compose(ctx, deps, userId, pending, plan, batchId);
      return { message, ids: pending.map((n) => n.id) };
    });
    if (!prepared) return;
    // Outside the transaction: a send that fails leaves the batch pending for the retry.
    await deps.mailer.send(prepared.message);
    await actAsSystem(deps, organisation, job.now, async (ctx) => {
      const pending = (await batchNotifications(ctx, userId, batchId)).filter((n) =>
        prepared.ids.includes(n.id),
      );
      await recordMailOutcome(ctx, pending, 'sent');
    });
  };
}

async function compose(
  ctx: RequestContext,
  deps: JobDeps,
  userId: string,
  notifications: Notification[],
  plan: { address: string; codeWord: string | null },
  batchId: string,
): Promise<MailMessage> {
  const lang = await languageOf(ctx.em, userId);
  const membership = await ctx.em.findOne(Membership, {
    organisationId: ctx.active!.organisationId,
    userId,
  });
  const clientSide = membership?.roles.some((role) => role === 'client' || role === 'confidant');
  const portalUrl = `${deps.config.mail.publicUrl}/`;
  const rendered = clientSide
    ? renderMail({ template: 'client-news', portalUrl, codeWord: plan.codeWord }, lang)
    : renderMail(
        {
          template: 'staff-update',
          portalUrl,
          lines: notifications.map((n) =>
            notificationText(n.kind, n.payload, lang, { forMail: true }),
          ),
        },
        lang,
      );
  return { to: plan.address, ...rendered, messageId: `<${batchId}.${userId}@klachtpad>` };
}
