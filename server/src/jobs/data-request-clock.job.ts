import type { JobHandler } from '../core/queue/queue-worker.js';
import { remindDueRequests } from '../modules/data-subject-requests/data-subject-request.service.js';
import { actAsSystem, type ServiceDeps } from '../request/act-as.js';
import { careOrganisations } from './care-organisations.js';
import type { JobDeps } from './job-deps.js';

/**
 * The AVG requests' clock (ADR 0095): every care organisation's open requests due within a week
 * remind their handlers, and those past their day are flagged, once per due day. Returns how many
 * notifications it raised. `organisationIds` narrows it (tests on a shared database).
 */
export async function remindDataRequests(
  deps: ServiceDeps,
  now: Date,
  organisationIds?: readonly string[],
): Promise<number> {
  let raised = 0;
  for (const organisation of await careOrganisations(deps, organisationIds))
    raised += await actAsSystem(deps, organisation, now, remindDueRequests);
  return raised;
}

/** The periodic job. */
export function dataRequestClockJob(deps: JobDeps): JobHandler {
  return async (_payload, job) => {
    const raised = await remindDataRequests(deps, job.now, job.organisationIds);
    if (raised > 0) deps.log.info({ raised }, 'data-subject requests due');
  };
}
