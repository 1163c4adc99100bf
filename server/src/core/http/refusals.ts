import { createHash } from 'node:crypto';
import type { Logger } from '../logger.js';
import type { Credentials, Presented } from './credentials.js';

/**
 * Who a refused request came from, as far as can be told without the database: the request id,
 * the first hex digits of the SHA-256 of the token it presented (the sessions table keeps the
 * full hash, so an operator can find the session; the token itself never reaches a log) and the
 * organisation slug it named.
 */
export interface Principal {
  requestId: string;
  token?: string | undefined;
  organisationSlug?: string | undefined;
  presented?: Presented | undefined;
}

/** A slug is code-shaped; a header that is not one is somebody's text and is not logged. */
const SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** 16 hex digits: enough to tell sessions apart in a log, useless to sign in with. */
export const tokenDigest = (token: string) =>
  createHash('sha256').update(token).digest('hex').slice(0, 16);

/** A principal from the credentials a route already reads (bearer or cookie, X-Organisation). */
export function principalOf(credentials: Credentials, presented?: Presented): Principal {
  return {
    requestId: credentials.requestId ?? 'none',
    token: credentials.token,
    organisationSlug: credentials.organisationSlug,
    presented,
  };
}

/**
 * Logs one refusal of a request's input: its reason code and who sent it (ADR 0064). Never the
 * document, the variables, a file name or any other text a person sent: the reason says what was
 * wrong, and the request id finds the access-log line of the same request.
 */
export function logRefusal(log: Logger, principal: Principal, reason: string): void {
  const organisation = principal.organisationSlug;
  log.info(
    {
      requestId: principal.requestId,
      reason,
      tokenHash: principal.token ? tokenDigest(principal.token) : undefined,
      organisation:
        organisation === undefined
          ? undefined
          : SLUG.test(organisation)
            ? organisation
            : 'malformed',
      presented: principal.presented,
    },
    'request refused',
  );
}
