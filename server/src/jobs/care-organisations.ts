import { withTenantTransaction } from '../core/db/tenant-session.js';
import { Organisation } from '../modules/organisations/organisation.entity.js';
import type { ServiceDeps } from '../request/act-as.js';

/**
 * The care organisations a periodic round works through, one after another in a stable order;
 * `organisationIds` narrows them (tests on a shared database).
 */
export function careOrganisations(
  deps: ServiceDeps,
  organisationIds?: readonly string[],
): Promise<Organisation[]> {
  return withTenantTransaction(deps.orm, {}, (em) =>
    em.find(
      Organisation,
      { kind: 'care', ...(organisationIds ? { id: { $in: [...organisationIds] } } : {}) },
      { orderBy: { slug: 'asc' } },
    ),
  );
}
