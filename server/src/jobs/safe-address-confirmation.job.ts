import { z } from 'zod';
import type { JobHandler } from '../core/queue/queue-worker.js';
import { issueConfirmationToken } from '../modules/contact/contact.service.js';
import { renderMail } from '../modules/mail/mail-templates.js';
import { languageOf } from '../modules/users/user-language.js';
import type { JobDeps } from './job-deps.js';
import { organisationLinkMailJob, portalLink } from './link-mail.js';

const Payload = z.object({ organisationId: z.uuid(), userId: z.uuid() });

/**
 * Mails a confirmation link to the address a person gave as safe. The token is made here, in
 * the job, so it never sits in the queue; each attempt issues a fresh one (an older link stops
 * working). The mail says nothing about any complaint.
 */
export function safeAddressConfirmationJob(deps: JobDeps): JobHandler {
  return organisationLinkMailJob(deps, Payload, async (ctx, { userId }, job) => {
    const issued = await issueConfirmationToken(ctx, userId);
    if (!issued) return undefined;
    const confirmUrl = portalLink(deps, '/bereikbaarheid/bevestigen', {
      organisation: job.organisationSlug,
      token: issued.token,
    });
    return {
      to: issued.email,
      ...renderMail(
        { template: 'confirm-safe-address', confirmUrl, codeWord: issued.codeWord },
        await languageOf(ctx.em, userId),
      ),
      messageId: `<confirm.${userId}.${job.now.getTime()}@klachtpad>`,
    };
  });
}
