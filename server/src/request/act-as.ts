import { randomUUID } from 'node:crypto';
import type { Config } from '../core/config.js';
import type { RequestContext } from '../core/context.js';
import type { Orm } from '../core/db/orm.js';
import { TenantTransaction } from '../core/db/tenant-session.js';
import type { Logger } from '../core/logger.js';
import { enterOrganisation } from '../modules/auth/auth.service.js';
import { assembleContext } from './request-context.js';

export interface ServiceDeps {
  orm: Orm;
  config: Config;
  log: Logger;
}

/**
 * Runs service code as a known person in one organisation, outside an HTTP request: the demo
 * loader (and later scheduled jobs) go through exactly the services, checks, timeline and access
 * log that a request does. One transaction, committed when `work` resolves.
 */
export async function actAs<T>(
  deps: ServiceDeps,
  who: { userId: string; organisationSlug: string },
  now: Date,
  work: (ctx: RequestContext) => Promise<T>,
): Promise<T> {
  const tx = await TenantTransaction.open(deps.orm);
  try {
    await tx.setScope({ userId: who.userId });
    const viewer = {
      userId: who.userId,
      sessionId: 'service',
      mfaVerified: true,
      mfaPending: false,
    };
    const active = await enterOrganisation(tx, viewer, who.organisationSlug);
    const result = await work(
      assembleContext(deps, tx, {
        requestId: randomUUID(),
        now,
        viewer,
        active,
        organisationRefusal: undefined,
        setSessionCookie: () => undefined,
      }),
    );
    await tx.commit();
    return result;
  } catch (error) {
    await tx.rollback().catch(() => undefined);
    throw error;
  }
}

/**
 * Runs work of the organisation itself, by nobody in particular (scheduled jobs: referral expiry,
 * deadlines): one transaction scoped to the organisation, no viewer, no roles, so nothing that
 * asks for a viewer's ability can run in it. What it writes carries no actor.
 */
export async function actAsSystem<T>(
  deps: ServiceDeps,
  organisation: { id: string; slug: string },
  now: Date,
  work: (ctx: RequestContext) => Promise<T>,
): Promise<T> {
  const tx = await TenantTransaction.open(deps.orm);
  try {
    await tx.setScope({ organisationId: organisation.id });
    const result = await work(
      assembleContext(deps, tx, {
        requestId: randomUUID(),
        now,
        viewer: undefined,
        active: { organisationId: organisation.id, slug: organisation.slug, roles: [] },
        organisationRefusal: undefined,
        setSessionCookie: () => undefined,
      }),
    );
    await tx.commit();
    return result;
  } catch (error) {
    await tx.rollback().catch(() => undefined);
    throw error;
  }
}
