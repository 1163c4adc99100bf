import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  arrangeOrganisation,
  SIGN_IN,
  startTestServer,
  type ArrangedOrganisation,
  type TestServer,
} from '../../../test/harness.js';
import { sessionCookieFor, transportOf } from './session-cookie.js';

/** A request to the test server as a browser on another host name would send it. */
function post(
  server: TestServer,
  body: unknown,
  headers: Record<string, string>,
): Promise<{ status: number; setCookie: string[]; json: Record<string, unknown> }> {
  const url = new URL(`${server.url}/graphql`);
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
      },
      (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString()));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            setCookie: response.headers['set-cookie'] ?? [],
            json: JSON.parse(text) as Record<string, unknown>,
          }),
        );
      },
    );
    request.on('error', reject);
    request.end(payload);
  });
}

describe('the session cookie follows how the browser reached Klachtpad', () => {
  let server: TestServer;
  let org: ArrangedOrganisation;

  beforeAll(async () => {
    // Cookie sessions may send their own documents here: this story is about the cookie, not the
    // web build's registered operations (ADR 0063).
    server = await startTestServer({ env: { TRUSTED_DOCUMENTS: 'allow' } });
    org = await arrangeOrganisation(server.ownerOrm, { client: ['client'] });
  });
  afterAll(() => server.close());

  async function signInOver(headers: Record<string, string>) {
    const person = org.people.client!;
    const response = await post(
      server,
      { query: SIGN_IN, variables: { email: person.email, password: person.password } },
      headers,
    );
    expect(response.status).toBe(200);
    const cookie = response.setCookie.find((line) => line.includes('klachtpad_session='));
    expect(cookie).toBeDefined();
    const [pair] = cookie!.split(';');
    return { cookie: cookie!, pair: pair! };
  }

  async function whoAmI(headers: Record<string, string>) {
    const response = await post(server, { query: '{ me { id } }' }, headers);
    return (response.json.data as { me: { id: string } | null } | undefined)?.me?.id ?? null;
  }

  it('over plain HTTP on a LAN address: a bare cookie without Secure, which then signs requests in', async () => {
    const host = { host: '192.168.1.20:4000' };
    const { cookie, pair } = await signInOver(host);
    expect(pair.startsWith('klachtpad_session=')).toBe(true);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Path=\//i);
    // A browser drops a Secure cookie that came over plain HTTP from such a host.
    expect(cookie).not.toMatch(/Secure/i);
    expect(await whoAmI({ ...host, cookie: pair })).toBe(org.people.client!.id);
  });

  it('on localhost, which browsers treat as secure: the __Host- cookie, Secure', async () => {
    const { cookie, pair } = await signInOver({ host: 'localhost:4000' });
    expect(pair.startsWith('__Host-klachtpad_session=')).toBe(true);
    expect(cookie).toMatch(/Secure/i);
    expect(await whoAmI({ host: 'localhost:4000', cookie: pair })).toBe(org.people.client!.id);
  });

  it('behind a TLS proxy on loopback: the __Host- cookie, Secure, and a planted bare cookie is no session there', async () => {
    const proxied = { host: 'klachten.example.org', 'x-forwarded-proto': 'https' };
    const { cookie, pair } = await signInOver(proxied);
    expect(pair.startsWith('__Host-klachtpad_session=')).toBe(true);
    expect(cookie).toMatch(/Secure/i);
    expect(await whoAmI({ ...proxied, cookie: pair })).toBe(org.people.client!.id);
    // The same token in a bare cookie, as a plain-HTTP page of the host could plant it.
    const token = pair.split('=')[1]!;
    expect(await whoAmI({ ...proxied, cookie: `klachtpad_session=${token}` })).toBeNull();
  });
});

describe('the transport of a WebSocket upgrade, judged as Express judges a request', () => {
  const upgrade = (remoteAddress: string, headers: Record<string, string>, encrypted = false) =>
    transportOf({
      socket: { remoteAddress, encrypted },
      headers,
    } as unknown as http.IncomingMessage);

  it('believes forwarded headers from a proxy on loopback only', () => {
    const forwarded = {
      host: '10.0.0.5:4000',
      'x-forwarded-proto': 'https',
      'x-forwarded-host': 'klachten.example.org',
    };
    expect(upgrade('127.0.0.1', forwarded)).toEqual({
      secure: true,
      hostname: 'klachten.example.org',
    });
    expect(upgrade('::ffff:127.0.0.1', forwarded).secure).toBe(true);
    expect(upgrade('10.0.0.9', forwarded)).toEqual({ secure: false, hostname: '10.0.0.5' });
    expect(upgrade('10.0.0.9', { host: 'klachten.example.org' }, true).secure).toBe(true);
    expect(upgrade('127.0.0.1', { host: '[::1]:4000' }).hostname).toBe('[::1]');
  });

  it('picks the same cookie for the upgrade as for the page', () => {
    const production = { mode: 'production' as const };
    expect(sessionCookieFor(production, { secure: false, hostname: '192.168.1.20' }).name).toBe(
      'klachtpad_session',
    );
    expect(sessionCookieFor(production, { secure: false, hostname: '[::1]' }).name).toBe(
      '__Host-klachtpad_session',
    );
    expect(sessionCookieFor(production, { secure: false, hostname: 'app.localhost' }).secure).toBe(
      true,
    );
    expect(
      sessionCookieFor(production, { secure: true, hostname: 'klachten.example.org' }).secure,
    ).toBe(true);
    expect(sessionCookieFor({ mode: 'development' }, { secure: true, hostname: 'x' }).name).toBe(
      'klachtpad_session',
    );
  });
});
