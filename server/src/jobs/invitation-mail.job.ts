import { z } from 'zod';
import type { JobHandler } from '../core/queue/queue-worker.js';
import { renderMail } from '../modules/mail/mail-templates.js';
import {
  INVITATION_DAYS,
  issueInvitationToken,
} from '../modules/memberships/invitation.service.js';
import { actAsSystem } from '../request/act-as.js';
import type { JobDeps } from './job-deps.js';
import { organisationById } from './notification-mail.job.js';

const Payload = z.object({ organisationId: z.uuid(), invitationId: z.uuid() });

/**
 * Mails an invitation link. The token is made here, in the job, so it never sits in the queue;
 * each attempt issues a fresh one (an older link stops working). In Dutch: the invitee has no
 * language of their own yet.
 */
export function invitationMailJob(deps: JobDeps): JobHandler {
  return async (payload, job) => {
    const { organisationId, invitationId } = Payload.parse(payload);
    const organisation = await organisationById(deps, organisationId);
    if (!organisation) return;
    if (deps.mailer.kind === 'none') {
      deps.mailer.noteUnavailable();
      return;
    }
    const prepared = await actAsSystem(deps, organisation, job.now, async (ctx) => {
      const issued = await issueInvitationToken(ctx, invitationId);
      if (!issued) return undefined;
      const acceptUrl = `${deps.config.mail.publicUrl}/invitation?${new URLSearchParams({
        token: issued.token,
      })}`;
      return {
        to: issued.email,
        ...renderMail({ template: 'invitation', acceptUrl, days: INVITATION_DAYS }, 'nl'),
        messageId: `<invitation.${invitationId}.${job.now.getTime()}@klachtpad>`,
      };
    });
    if (prepared) await deps.mailer.send(prepared);
  };
}
