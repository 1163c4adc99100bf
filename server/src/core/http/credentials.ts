import type { RequestContext } from '../context.js';

/** What a request presents, whether it came over HTTP or a WebSocket connection. */
export interface Credentials {
  requestId?: string | undefined;
  /** The bearer token, from `Authorization` or the session cookie. */
  token?: string | undefined;
  /** The organisation slug, from `X-Organisation`. */
  organisationSlug?: string | undefined;
  /** The client's IP address (behind a proxy on loopback, the one it forwarded), for limits. */
  clientAddress?: string | undefined;
  setSessionCookie?: RequestContext['setSessionCookie'];
}

/** Opens a request's context (its transaction, viewer and organisation) from its credentials. */
export type OpenRequestContext = (credentials: Credentials) => Promise<RequestContext>;

/** Reads `Bearer <token>`; anything else is treated as no token. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = header?.match(/^Bearer\s+(\S+)$/i);
  return match?.[1];
}
