import { z } from 'zod';
import type { JobHandler } from '../core/queue/queue-worker.js';
import { issueConfirmationToken } from '../modules/contact/contact.service.js';
import { renderMail } from '../modules/mail/mail-templates.js';
import { languageOf } from '../modules/users/user-language.js';
import { actAsSystem } from '../request/act-as.js';
import type { JobDeps } from './job-deps.js';
import { organisationById } from './notification-mail.job.js';

const Payload = z.object({ organisationId: z.uuid(), userId: z.uuid() });

/**
 * Mails a confirmation link to the address a person gave as safe. The token is made here, in
 * the job, so it never sits in the queue; each attempt issues a fresh one (an older link stops
 * working). The mail says nothing about any complaint.
 */
export function safeAddressConfirmationJob(deps: JobDeps): JobHandler {
  return async (payload, job) => {
    const { organisationId, userId } = Payload.parse(payload);
    const organisation = await organisationById(deps, organisationId);
    if (!organisation) return;
    if (deps.mailer.kind === 'none') {
      deps.mailer.noteUnavailable();
      return;
    }
    const prepared = await actAsSystem(deps, organisation, job.now, async (ctx) => {
      const issued = await issueConfirmationToken(ctx, userId);
      if (!issued) return undefined;
      const confirmUrl = `${deps.config.mail.publicUrl}/bereikbaarheid/bevestigen?${new URLSearchParams(
        {
          organisation: organisation.slug,
          token: issued.token,
        },
      )}`;
      const lang = await languageOf(ctx.em, userId);
      return {
        to: issued.email,
        ...renderMail(
          { template: 'confirm-safe-address', confirmUrl, codeWord: issued.codeWord },
          lang,
        ),
        messageId: `<confirm.${userId}.${job.now.getTime()}@klachtpad>`,
      };
    });
    if (prepared) await deps.mailer.send(prepared);
  };
}
