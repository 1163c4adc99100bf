import { z } from 'zod';
import type { JobHandler } from '../core/queue/queue-worker.js';
import { renderMail } from '../modules/mail/mail-templates.js';
import {
  INVITATION_DAYS,
  issueInvitationToken,
} from '../modules/memberships/invitation.service.js';
import type { JobDeps } from './job-deps.js';
import { organisationLinkMailJob, portalLink } from './link-mail.js';

const Payload = z.object({ organisationId: z.uuid(), invitationId: z.uuid() });

/**
 * Mails an invitation link. The token is made here, in the job, so it never sits in the queue;
 * each attempt issues a fresh one (an older link stops working). In Dutch: the invitee has no
 * language of their own yet.
 */
export function invitationMailJob(deps: JobDeps): JobHandler {
  return organisationLinkMailJob(deps, Payload, async (ctx, { invitationId }, job) => {
    const issued = await issueInvitationToken(ctx, invitationId);
    if (!issued) return undefined;
    const acceptUrl = portalLink(deps, '/invitation', { token: issued.token });
    return {
      to: issued.email,
      ...renderMail({ template: 'invitation', acceptUrl, days: INVITATION_DAYS }, 'nl'),
      messageId: `<invitation.${invitationId}.${job.now.getTime()}@klachtpad>`,
    };
  });
}
