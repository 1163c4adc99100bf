import { randomUUID } from 'node:crypto';
import type { Config } from '../core/config.js';
import type { RequestContext, ViewerAbility } from '../core/context.js';
import type { Orm } from '../core/db/orm.js';
import type { OutboxFeed } from '../core/realtime/outbox-feed.js';
import { TenantTransaction } from '../core/db/tenant-session.js';
import { AppError } from '../core/errors.js';
import type { Credentials } from '../core/http/credentials.js';
import type { Logger } from '../core/logger.js';
import { HOOKS } from '../hooks.js';
import { enterOrganisation, resolveSession } from '../modules/auth/auth.service.js';
import { buildMemberAbility, buildViewerAbility } from './viewer-ability.js';

/**
 * The request layer: who is asking (session, then organisation), what they may do (the ability)
 * and how modules react to each other (the hooks), put together for every request. It sits
 * above `core` and the modules; `app.ts` wires it into GraphQL and the document routes.
 */
export interface ContextDeps {
  orm: Orm;
  config: Config;
  log: Logger;
  /** Injected so tests can move time (session expiry, lock-outs). */
  clock: () => Date;
  /** The process's live feed, where the server serves subscriptions. */
  feed?: OutboxFeed | undefined;
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
      clientAddress: credentials.clientAddress,
      setSessionCookie: credentials.setSessionCookie ?? (() => undefined),
    });
  } catch (error) {
    await tx.rollback().catch(() => undefined);
    throw error;
  }
}

/** The one place a RequestContext is put together, for requests and for `actAs` alike. */
export function assembleContext(
  deps: Pick<ContextDeps, 'orm' | 'config' | 'log' | 'feed'>,
  tx: TenantTransaction,
  request: Pick<
    RequestContext,
    'requestId' | 'now' | 'viewer' | 'active' | 'organisationRefusal' | 'setSessionCookie'
  > &
    Partial<Pick<RequestContext, 'clientAddress'>>,
): RequestContext {
  let ability: Promise<ViewerAbility> | undefined;
  const members = new Map<string, Promise<ViewerAbility | undefined>>();
  const ctx: RequestContext = {
    ...request,
    log: deps.log.child({ requestId: request.requestId }),
    config: deps.config,
    orm: deps.orm,
    tx,
    em: tx.em,
    hooks: HOOKS,
    feed: deps.feed,
    ability: () => (ability ??= buildViewerAbility(ctx)),
    abilityOf: (userId) => {
      let built = members.get(userId);
      if (!built) members.set(userId, (built = buildMemberAbility(ctx, userId)));
      return built;
    },
  };
  return ctx;
}
