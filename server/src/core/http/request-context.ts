import { randomUUID } from 'node:crypto';
import type { Config } from '../config.js';
import type { RequestContext } from '../context.js';
import type { Orm } from '../db/orm.js';
import { TenantTransaction } from '../db/tenant-session.js';
import { AppError } from '../errors.js';
import type { Logger } from '../logger.js';
import { enterOrganisation, resolveSession } from '../../modules/auth/auth.service.js';

export interface ContextDeps {
  orm: Orm;
  config: Config;
  log: Logger;
  /** Injected so tests can move time (session expiry, lock-outs). */
  clock: () => Date;
}

/** What a request presents, whether it came over HTTP or a WebSocket connection. */
export interface Credentials {
  requestId?: string | undefined;
  /** The bearer token, from `Authorization` or the session cookie. */
  token?: string | undefined;
  /** The organisation slug, from `X-Organisation`. */
  organisationSlug?: string | undefined;
  setSessionCookie?: RequestContext['setSessionCookie'];
}

/**
 * Opens the request's transaction and learns who is asking: the session first, then the
 * organisation. A refused organisation is kept and raised only by operations that need one, so
 * `me` and `signOut` keep working.
 */
export async function createRequestContext(
  deps: ContextDeps,
  credentials: Credentials,
): Promise<RequestContext> {
  const tx = await TenantTransaction.open(deps.orm);
  const now = deps.clock();
  const requestId = credentials.requestId ?? randomUUID();
  try {
    const viewer = credentials.token
      ? await resolveSession(tx, deps.config, credentials.token, now)
      : undefined;
    let active: RequestContext['active'];
    let organisationRefusal: AppError | undefined;
    if (viewer && credentials.organisationSlug) {
      try {
        active = await enterOrganisation(tx, viewer, credentials.organisationSlug);
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        organisationRefusal = error;
      }
    }
    return assembleContext(deps, tx, {
      requestId,
      now,
      viewer,
      active,
      organisationRefusal,
      setSessionCookie: credentials.setSessionCookie ?? (() => undefined),
    });
  } catch (error) {
    await tx.rollback().catch(() => undefined);
    throw error;
  }
}

/** The one place a RequestContext is put together, for requests and for `actAs` alike. */
export function assembleContext(
  deps: Pick<ContextDeps, 'orm' | 'config' | 'log'>,
  tx: TenantTransaction,
  request: Pick<
    RequestContext,
    'requestId' | 'now' | 'viewer' | 'active' | 'organisationRefusal' | 'setSessionCookie'
  >,
): RequestContext {
  return {
    ...request,
    log: deps.log.child({ requestId: request.requestId }),
    config: deps.config,
    orm: deps.orm,
    tx,
    em: tx.em,
  };
}

/** Reads `Bearer <token>`; anything else is treated as no token. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = header?.match(/^Bearer\s+(\S+)$/i);
  return match?.[1];
}
