import type { z } from 'zod';
import type { RequestContext } from '../core/context.js';
import type { JobContext, JobHandler } from '../core/queue/queue-worker.js';
import type { MailMessage } from '../modules/mail/mailer.js';
import { actAsSystem } from '../request/act-as.js';
import type { JobDeps } from './job-deps.js';
import { organisationById } from './notification-mail.job.js';

/** An address of the web client with its query, for a link in a mail. */
export function portalLink(deps: JobDeps, path: string, query: Record<string, string>): string {
  return `${deps.config.mail.publicUrl}${path}?${new URLSearchParams(query)}`;
}

/**
 * A job that mails one link made in its organisation's name (an invitation, an address to
 * confirm): nothing without a mailer; otherwise the mail is prepared as the system of that
 * organisation — where the link's token is issued, so it never sits in the queue — and sent
 * after that transaction committed. `prepare` answers undefined when nothing is to be sent.
 */
export function organisationLinkMailJob<P extends { organisationId: string }>(
  deps: JobDeps,
  payload: z.ZodType<P>,
  prepare: (
    ctx: RequestContext,
    payload: P,
    job: JobContext & { organisationSlug: string },
  ) => Promise<MailMessage | undefined>,
): JobHandler {
  return async (raw, job) => {
    const parsed = payload.parse(raw);
    const organisation = await organisationById(deps, parsed.organisationId);
    if (!organisation) return;
    if (deps.mailer.kind === 'none') {
      deps.mailer.noteUnavailable();
      return;
    }
    const prepared = await actAsSystem(deps, organisation, job.now, (ctx) =>
      prepare(ctx, parsed, { ...job, organisationSlug: organisation.slug }),
    );
    if (prepared) await deps.mailer.send(prepared);
  };
}
