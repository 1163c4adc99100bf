import { withTenantTransaction } from '../core/db/tenant-session.js';
import { expireReferrals } from '../modules/commissions/referral-lifecycle.js';
import { Organisation } from '../modules/organisations/organisation.entity.js';
import { actAsSystem, type ServiceDeps } from '../request/act-as.js';

/**
 * Records the end of every referral whose term has passed, organisation by organisation, each in
 * a transaction of its own: the job a scheduler runs (issue 10 brings the queue). Access never
 * waits for it; it brings rows, timeline and engine state in line. Returns how many ended.
 */
export async function expireDueReferrals(deps: ServiceDeps, now: Date): Promise<number> {
  const organisations = await withTenantTransaction(deps.orm, {}, (em) =>
    em.find(Organisation, { kind: 'care' }, { orderBy: { slug: 'asc' } }),
  );
  let expired = 0;
  for (const organisation of organisations) {
    expired += await actAsSystem(deps, organisation, now, (ctx) => expireReferrals(ctx));
  }
  return expired;
}
