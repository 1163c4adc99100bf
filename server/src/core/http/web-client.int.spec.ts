import http from 'node:http';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/harness.js';

/** A built client as Vite writes it: index.html, hashed assets and their (hidden) source maps. */
async function fakeBuild(): Promise<string> {
  const dist = await mkdtemp(path.join(os.tmpdir(), 'klachtpad-dist-'));
  await mkdir(path.join(dist, 'assets'));
  await writeFile(
    path.join(dist, 'index.html'),
    '<!doctype html><html lang="nl"><head><title>Klachtpad</title></head><body><div id="root"></div></body></html>',
  );
  await writeFile(
    path.join(dist, 'assets', 'index-Ab12Cd34.js'),
    `export const words = ${JSON.stringify('klacht '.repeat(2_000))};\n`,
  );
  await writeFile(path.join(dist, 'assets', 'index-Ab12Cd34.js.map'), '{"version":3}');
  await writeFile(path.join(dist, 'trusted-documents.json'), '{}');
  return dist;
}

describe('serving the web client', () => {
  let server: TestServer;
  let dist: string;

  beforeAll(async () => {
    dist = await fakeBuild();
    server = await startTestServer({ env: { WEB_DIST_DIR: dist } });
  });
  afterAll(async () => {
    await server.close();
    await rm(dist, { recursive: true, force: true });
  });

  it('sends hashed assets compressed and cached as immutable for a year', async () => {
    const response = await fetch(`${server.url}/assets/index-Ab12Cd34.js`, {
      headers: { 'accept-encoding': 'br, gzip' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-encoding')).toMatch(/^(br|gzip)$/);
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await response.text()).toContain('klacht klacht');
  });

  it('answers client routes with the page, revalidated on every visit', async () => {
    for (const route of [
      '/',
      '/klachten',
      '/klachten/3f1e1d0a-0000-4000-8000-000000000000/ingezien',
    ]) {
      const response = await fetch(`${server.url}${route}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('text/html');
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expect(await response.text()).toContain('<div id="root">');
    }
  });

  it('answers a missing asset, any source map and the registered operations with 404, never with the page', async () => {
    for (const missing of [
      '/assets/index-OLDHASH.js',
      '/assets/index-Ab12Cd34.js.map',
      '/trusted-documents.json',
      '/favicon.ico',
      '/klachten/oud.js',
    ]) {
      const response = await fetch(`${server.url}${missing}`);
      expect(response.status, missing).toBe(404);
      expect(await response.text(), missing).not.toContain('<div id="root">');
    }
  });

  it('leaves the API to the API, uncompressed', async () => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-encoding': 'br, gzip' },
      body: JSON.stringify({ query: `{ __typename ${' '.repeat(2_000)}}` }),
    });
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(response.headers.get('content-encoding')).toBeNull();
    expect((await fetch(`${server.url}/healthz`)).headers.get('content-type')).toContain('json');
  });

  it('works over plain HTTP on any host name, under a tight policy', async () => {
    // As a browser on the LAN asks for it: by a host name, over http.
    const headers = await new Promise<http.IncomingHttpHeaders>((resolve, reject) => {
      const url = new URL(server.url);
      http
        .get(
          {
            host: url.hostname,
            port: url.port,
            path: '/',
            headers: { host: 'klachtpad.zorg.lan' },
          },
          (response) => {
            response.resume();
            resolve(response.headers);
          },
        )
        .on('error', reject);
    });
    const policy = Object.fromEntries(
      String(headers['content-security-policy'])
        .split(';')
        .map((directive) => directive.trim().split(/\s+/))
        .map(([name, ...values]) => [name, values.join(' ')]),
    );
    expect(policy).not.toHaveProperty('upgrade-insecure-requests');
    expect(policy['connect-src']).toBe("'self'");
    expect(policy['style-src']).toBe("'self'");
    expect(policy['script-src']).toBe("'self'");
    expect(policy['frame-ancestors']).toBe("'none'");
    expect(policy['default-src']).toBe("'self'");
    expect(Object.values(policy).join(' ')).not.toMatch(/https:|ws:|wss:/);
    expect(String(headers['permissions-policy'])).toMatch(/camera=\(\).*geolocation=\(\)/);
  });
});
