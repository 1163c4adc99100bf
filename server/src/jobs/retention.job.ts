import type { JobHandler } from '../core/queue/queue-worker.js';
import { careOrganisations } from './care-organisations.js';
import { anonymiseCase, dueCaseIds } from '../modules/retention/anonymisation.service.js';
import { actAsSystem, type ServiceDeps } from '../request/act-as.js';
import type { JobDeps } from './job-deps.js';

/**
 * The periodic round (ADR 0094): every care organisation's cases that fell due are anonymised,
 * each case in a transaction of its own as the organisation (a failure leaves the others done
 * and that one whole for the next round). Returns how many were anonymised. `organisationIds`
 * narrows it (tests on a shared database).
 */
export async function anonymiseDueCases(
  deps: ServiceDeps,
  now: Date,
  organisationIds?: readonly string[],
): Promise<number> {
  const organisations = await careOrganisations(deps, organisationIds);
  let anonymised = 0;
  for (const organisation of organisations) {
    const caseIds = await actAsSystem(deps, organisation, now, dueCaseIds);
    for (const caseId of caseIds) {
      const run = await actAsSystem(deps, organisation, now, (ctx) => anonymiseCase(ctx, caseId));
      if (run === 'anonymised') anonymised += 1;
      deps.log.debug({ organisationId: organisation.id, caseId, run }, 'retention');
    }
  }
  return anonymised;
}

/** The periodic job: closed cases whose retention term ran out are anonymised. */
export function retentionJob(deps: JobDeps): JobHandler {
  return async (_payload, job) => {
    const anonymised = await anonymiseDueCases(deps, job.now, job.organisationIds);
    if (anonymised > 0) deps.log.info({ anonymised }, 'cases anonymised after their retention');
  };
}
