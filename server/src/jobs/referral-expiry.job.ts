import type { JobHandler } from '../core/queue/queue-worker.js';
import { careOrganisations } from './care-organisations.js';
import { expireReferrals } from '../modules/commissions/referral-lifecycle.js';
import { actAsSystem, type ServiceDeps } from '../request/act-as.js';

/**
 * Records the end of every referral whose term has passed, organisation by organisation, each in
 * a transaction of its own. Access never waits for it; it brings rows, timeline and engine state
 * in line. Returns how many ended. `organisationIds` narrows it (tests on a shared database).
 */
export async function expireDueReferrals(
  deps: ServiceDeps,
  now: Date,
  organisationIds?: readonly string[],
): Promise<number> {
  const organisations = await careOrganisations(deps, organisationIds);
  let expired = 0;
  for (const organisation of organisations) {
    expired += await actAsSystem(deps, organisation, now, (ctx) => expireReferrals(ctx));
  }
  return expired;
}

/** The periodic job: referral terms that passed are recorded without waiting for anyone. */
export function referralExpiryJob(deps: ServiceDeps): JobHandler {
  return async (_payload, job) => {
    await expireDueReferrals(deps, job.now, job.organisationIds);
  };
}
