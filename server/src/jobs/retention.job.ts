import type { JobHandler } from '../core/queue/queue-worker.js';
import { anonymiseDueCases } from '../modules/retention/anonymisation.service.js';
import type { JobDeps } from './job-deps.js';

/** The periodic job: closed cases whose retention term ran out are anonymised (ADR 0094). */
export function retentionJob(deps: JobDeps): JobHandler {
  return async (_payload, job) => {
    const anonymised = await anonymiseDueCases(deps, job.now, job.organisationIds);
    if (anonymised > 0) deps.log.info({ anonymised }, 'cases anonymised after their retention');
  };
}
