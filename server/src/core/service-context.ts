import { randomUUID } from 'node:crypto';
import { enterOrganisation } from '../modules/auth/auth.service.js';
import type { Config } from './config.js';
import type { RequestContext } from './context.js';
import { assembleContext } from './http/request-context.js';
import type { Orm } from './db/orm.js';
import { TenantTransaction } from './db/tenant-session.js';
import type { Logger } from './logger.js';

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
    const viewer = { userId: who.userId, sessionId: 'service', mfaVerified: true };
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
