import { z } from 'zod';
import { withTenantTransaction } from '../core/db/tenant-session.js';
import type { JobHandler } from '../core/queue/queue-worker.js';
import { advanceCaseClock } from '../modules/cases/case.service.js';
import { Organisation } from '../modules/organisations/organisation.entity.js';
import { actAsSystem } from '../request/act-as.js';
import type { JobDeps } from './job-deps.js';

const Payload = z.object({
  organisationId: z.uuid(),
  caseId: z.uuid(),
  version: z.number().int().min(1),
});

/**
 * A case's clock fell due (ADR 0051): the organisation itself lets the terms run on that one case,
 * in a transaction scoped to the case's organisation alone, with the job's clock as "now".
 */
export function caseClockJob(deps: JobDeps): JobHandler {
  return async (payload, job) => {
    const { organisationId, caseId, version } = Payload.parse(payload);
    const organisation = await withTenantTransaction(deps.orm, {}, (em) =>
      em.findOne(Organisation, { id: organisationId }),
    );
    if (!organisation) return;
    const outcome = await actAsSystem(deps, organisation, job.now, (ctx) =>
      advanceCaseClock(ctx, caseId, version),
    );
    deps.log.debug({ organisationId, caseId, outcome }, 'case clock');
  };
}
