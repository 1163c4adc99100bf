import type { IncomingMessage } from 'node:http';
import type { Config } from '../config.js';

/**
 * Whether a browser page of `Origin` may talk to this server with the viewer's cookie (ADR 0076):
 * the server's own origin, PUBLIC_URL's and those ALLOWED_ORIGINS names. A request without
 * `Origin` is not a browser page's (browsers always send it on a WebSocket handshake), so it has
 * no cookie to abuse and must present its token itself.
 */
export function originAllowed(config: Config, request: IncomingMessage): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  if (config.realtime.allowedOrigins.includes(parsed.origin)) return true;
  // The same host and port the request came to: the server's own web client.
  return parsed.host === request.headers.host;
}
