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

/** How a request proved who it is: the browser's session cookie, a bearer token, or not at all. */
export type Presented = 'cookie' | 'bearer' | 'none';

/**
 * The token a request presents and where it came from. A bearer token wins over the cookie, so
 * the kind named is always the one whose token is used (ADR 0063 tells them apart).
 */
export function presentedToken(
  bearer: string | undefined,
  cookie: string | undefined,
): { token: string | undefined; presented: Presented } {
  if (bearer) return { token: bearer, presented: 'bearer' };
  if (cookie) return { token: cookie, presented: 'cookie' };
  return { token: undefined, presented: 'none' };
}

/** Reads `Bearer <token>`; anything else is treated as no token. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = header?.match(/^Bearer\s+(\S+)$/i);
  return match?.[1];
}
