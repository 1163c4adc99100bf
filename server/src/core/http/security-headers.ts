import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * The browser's rules for the served web client, as tight as it allows (ADR 0065):
 * - scripts, styles, fonts and connections only from our own origin (`connect-src 'self'` covers
 *   the same-origin WebSocket of subscriptions in CSP Level 3 browsers); no inline script, no
 *   inline style (the client has none), no plugins, no framing by anyone (`frame-ancestors`);
 * - no `upgrade-insecure-requests`: Klachtpad is served over plain HTTP on a LAN host or behind
 *   a TLS-terminating proxy alike, and the directive blanked the page on any host but localhost
 *   by rewriting its own script URLs to an HTTPS port nobody listens on. HTTPS is the proxy's
 *   job (README, Operations), HSTS rides on it.
 * - a Permissions-Policy that switches off the device features a complaint form never needs.
 */
const CONTENT_SECURITY_POLICY = {
  useDefaults: false,
  directives: {
    'default-src': ["'self'"],
    'base-uri': ["'self'"],
    'connect-src': ["'self'"],
    'font-src': ["'self'", 'data:'],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
    'img-src': ["'self'", 'data:'],
    'object-src': ["'none'"],
    'script-src': ["'self'"],
    'script-src-attr': ["'none'"],
    'style-src': ["'self'"],
  },
};

const PERMISSIONS_POLICY = [
  'accelerometer=()',
  'autoplay=()',
  'camera=()',
  'display-capture=()',
  'geolocation=()',
  'gyroscope=()',
  'magnetometer=()',
  'microphone=()',
  'midi=()',
  'payment=()',
  'publickey-credentials-get=()',
  'usb=()',
  'browsing-topics=()',
].join(', ');

/**
 * Helmet's headers with ours, worked out once: they do not depend on the request (no nonces), so
 * every response gets the same list in one step instead of a dozen middlewares each setting one.
 */
export function securityHeaders(): RequestHandler {
  const set: [string, string][] = [];
  const removed: string[] = [];
  const recorder = {
    setHeader: (name: string, value: string | number | readonly string[]) =>
      void set.push([name, String(value)]),
    removeHeader: (name: string) => void removed.push(name),
  };
  let called = false;
  helmet({ contentSecurityPolicy: CONTENT_SECURITY_POLICY, xFrameOptions: { action: 'deny' } })(
    {} as never,
    recorder as never,
    () => (called = true),
  );
  // Helmet answers synchronously; if a version stopped doing so, the list would be incomplete.
  if (!called) throw new Error('helmet did not set its headers synchronously');
  set.push(['Permissions-Policy', PERMISSIONS_POLICY]);
  return (_req, res, next) => {
    for (const name of removed) res.removeHeader(name);
    for (const [name, value] of set) res.setHeader(name, value);
    next();
  };
}
