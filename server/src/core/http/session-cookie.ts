import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { Config } from '../config.js';

/** How a request reached the server, as far as the session cookie is concerned. */
export interface Transport {
  /** Over HTTPS, directly or through a proxy on loopback that says so. */
  secure: boolean;
  /** The host name the browser used (no port). */
  hostname: string | undefined;
}

export interface SessionCookie {
  name: string;
  secure: boolean;
}

const SECURE_COOKIE: SessionCookie = { name: '__Host-klachtpad_session', secure: true };
const PLAIN_COOKIE: SessionCookie = { name: 'klachtpad_session', secure: false };

/** Browsers treat these as secure contexts and keep Secure cookies for them over plain HTTP. */
function isLoopbackName(hostname: string | undefined): boolean {
  if (!hostname) return false;
  const name = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  return (
    name === 'localhost' || name.endsWith('.localhost') || name === '::1' || /^127\./.test(name)
  );
}

/**
 * The session cookie for a request. Over HTTPS (or on localhost, which browsers treat alike) it
 * is `__Host-klachtpad_session`: the browser accepts it only Secure, for this host alone and every
 * path, so no subdomain or plain-HTTP page can plant or overwrite it. Over plain HTTP on another
 * host name (a LAN address, an intranet name) a browser drops every Secure cookie, and with it
 * the `__Host-` prefix; there the session rides a bare `klachtpad_session` cookie without Secure,
 * which such a deployment cannot protect better anyway. The two never stand in for each other:
 * a secure request reads only the `__Host-` cookie, so a bare cookie planted over plain HTTP is
 * never taken as the session of an HTTPS page. Development keeps the bare name everywhere.
 */
export function sessionCookieFor(
  config: Pick<Config, 'mode'>,
  transport: Transport,
): SessionCookie {
  if (config.mode === 'development') return PLAIN_COOKIE;
  return transport.secure || isLoopbackName(transport.hostname) ? SECURE_COOKIE : PLAIN_COOKIE;
}

/**
 * The transport of a raw request (a WebSocket upgrade), judged as Express judges one with
 * `trust proxy` set to loopback: `X-Forwarded-Proto` and `X-Forwarded-Host` count only from a
 * proxy on this machine.
 */
export function transportOf(request: IncomingMessage): Transport {
  const fromLoopback = isLoopbackAddress(request.socket.remoteAddress);
  const forwarded = (name: string) => {
    const value = request.headers[name];
    return fromLoopback && typeof value === 'string' ? value.split(',')[0]!.trim() : undefined;
  };
  const secure =
    Boolean((request.socket as Partial<TLSSocket>).encrypted) ||
    forwarded('x-forwarded-proto') === 'https';
  const host = forwarded('x-forwarded-host') ?? request.headers.host;
  return { secure, hostname: host ? hostnameOf(host) : undefined };
}

function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  return address === '::1' || /^(::ffff:)?127\./.test(address);
}

/** `example.org:4000` → `example.org`, `[::1]:4000` → `[::1]`. */
function hostnameOf(host: string): string {
  if (host.startsWith('[')) return host.slice(0, host.indexOf(']') + 1);
  return host.split(':')[0]!;
}
