import { z } from 'zod';
import { withTenantTransaction } from '../core/db/tenant-session.js';
import type { JobHandler } from '../core/queue/queue-worker.js';
import { issueResetToken, RESET_LINK_MINUTES } from '../modules/auth/password-reset.service.js';
import { renderMail } from '../modules/mail/mail-templates.js';
import { languageOf } from '../modules/users/user-language.js';
import type { JobDeps } from './job-deps.js';
import { portalLink } from './link-mail.js';

const Payload = z.object({ resetId: z.uuid(), userId: z.uuid() });

/**
 * Mails a password-reset link, in the person's language. The token is made here, in a
 * transaction scoped to that person alone, so it never sits in the queue; a retry makes a fresh
 * one (an older link stops working). The mail names no organisation.
 */
export function passwordResetMailJob(deps: JobDeps): JobHandler {
  return async (payload, job) => {
    const { resetId, userId } = Payload.parse(payload);
    if (deps.mailer.kind === 'none') {
      deps.mailer.noteUnavailable();
      return;
    }
    const prepared = await withTenantTransaction(deps.orm, { userId }, async (em) => {
      const issued = await issueResetToken(em, job.now, resetId);
      if (!issued) return undefined;
      const resetUrl = portalLink(deps, '/reset-password', { token: issued.token });
      return {
        to: issued.email,
        ...renderMail(
          { template: 'password-reset', resetUrl, minutes: RESET_LINK_MINUTES },
          await languageOf(em, userId),
        ),
        messageId: `<reset.${resetId}.${job.now.getTime()}@klachtpad>`,
      };
    });
    if (prepared) await deps.mailer.send(prepared);
  };
}
