import { loadTemplate } from '@klachtpad/procedures';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from './free-port.js';
import {
  casesSeenByDirectors,
  demoSignIn,
  start,
  waitForOutput,
  waitUntilReady,
  type Running,
} from './processes.js';

const casesOfMo = loadTemplate('mo').tracks.reduce((sum, track) => sum + track.stages.length, 0);

async function ready(url: string): Promise<boolean> {
  return fetch(`${url}/readyz`, { headers: { connection: 'close' } }).then(
    (r) => r.ok,
    () => false,
  );
}

describe('operator commands beside a running server (issue 15)', () => {
  let dataDir: string;
  let env: Record<string, string>;
  let url: string;
  let server: Running | undefined;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'klachtpad-ops-'));
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    env = {
      KLACHTPAD_DATA_DIR: path.join(dataDir, '.data'),
      PORT: String(port),
      HOST: '127.0.0.1',
      EMBEDDED_PG_PORT: String(await freePort()),
    };
  });
  afterAll(async () => {
    if (server && server.child.exitCode === null) {
      server.child.kill('SIGTERM');
      await server.exited;
    }
    await rm(dataDir, { recursive: true, force: true });
  });

  it('rolls no demo data in half on Ctrl-C during the first start: the loading finishes, then it stops', async () => {
    const first = start(env);
    // Ctrl-C while the demo data is loading, however fast or slow the machine.
    await waitForOutput(first, 'loading the demo data');
    first.child.kill('SIGINT');
    expect(await first.exited).toBe(0);
    expect(first.output.join('')).toContain('stopped cleanly');

    server = start(env);
    await waitUntilReady(url, server);
    const seen = await demoSignIn(url);
    expect(seen.directorSees).toBe(casesOfMo);
    expect(seen.confidantSees).toEqual({ mo: 2, ondersteuningsteam: 2, 'veilig-thuis': 2 });
  }, 900_000);

  it('lets pnpm seed and pnpm verify-access-log use the running database without stopping it', async () => {
    expect(await ready(url)).toBe(true);
    const seed = start(env, 'src/seed.ts');
    expect(await seed.exited).toBe(0);
    expect(seed.output.join('')).toContain('nothing loaded');
    expect(await ready(url)).toBe(true);

    const verify = start(env, 'src/verify-access-log.ts');
    expect(await verify.exited).toBe(0);
    expect(verify.output.join('')).toMatch(/mo: intact/);
    expect(await ready(url)).toBe(true);
    expect((await demoSignIn(url)).directorSees).toBe(casesOfMo);
  }, 600_000);

  it('refuses a second pnpm start on the same data directory, and the first keeps serving', async () => {
    const second = start({ ...env, PORT: String(await freePort()) });
    expect(await second.exited).toBe(1);
    expect(second.output.join('')).toMatch(/Another Klachtpad server \(process \d+\) is running/);
    expect(await ready(url)).toBe(true);
    server!.child.kill('SIGTERM');
    expect(await server!.exited).toBe(0);
  }, 600_000);
});

describe('the first demo load killed with kill -9 (issue 15)', () => {
  const care = ['mo', 'veilig-thuis', 'kleine-ontmoeting', 'bureau-mhr', 'ondersteuningsteam'];
  // A clean load files one complaint per stage of each organisation's procedure.
  const cleanLoad = Object.fromEntries(
    care.map((slug) => [
      slug,
      loadTemplate(slug).tracks.reduce((sum, track) => sum + track.stages.length, 0),
    ]),
  );
  let dataDir: string;
  let env: Record<string, string>;
  let url: string;
  let server: Running | undefined;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'klachtpad-kill-'));
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    env = {
      KLACHTPAD_DATA_DIR: path.join(dataDir, '.data'),
      PORT: String(port),
      HOST: '127.0.0.1',
      EMBEDDED_PG_PORT: String(await freePort()),
    };
  });
  afterAll(async () => {
    if (server && server.child.exitCode === null) {
      server.child.kill('SIGTERM');
      await server.exited;
    }
    await rm(dataDir, { recursive: true, force: true });
  });

  /** Rows in the killed server's database, read past row-level security as the superuser. */
  async function rowsLeft(): Promise<Record<string, number>> {
    const credentials = JSON.parse(
      await readFile(path.join(env.KLACHTPAD_DATA_DIR!, 'credentials.json'), 'utf8'),
    ) as { superuser: string };
    const client = new pg.Client({
      connectionString: `postgres://postgres:${encodeURIComponent(credentials.superuser)}@127.0.0.1:${env.EMBEDDED_PG_PORT}/klachtpad`,
    });
    await client.connect();
    try {
      const counts: Record<string, number> = {};
      for (const table of ['organisations', 'users', 'memberships', 'cases', 'documents']) {
        const { rows } = await client.query<{ n: number }>(
          `select count(*)::int as n from ${table}`,
        );
        counts[table] = rows[0]!.n;
      }
      return counts;
    } finally {
      await client.end();
    }
  }

  it('leaves no demo data behind, and the next start loads all of it', async () => {
    const first = start(env);
    // Killed after the first organisation's cases were walked, while the others are not yet.
    await Promise.race([
      waitForOutput(first, 'demo cases walked'),
      waitForOutput(first, 'Klachtpad ready').then(() => {
        throw new Error('The demo data loaded before the kill.');
      }),
    ]);
    first.child.kill('SIGKILL');
    await first.exited;
    // The database runs in a process group of its own and outlives the killed server.
    expect(await rowsLeft()).toEqual({
      organisations: 0,
      users: 0,
      memberships: 0,
      cases: 0,
      documents: 0,
    });

    server = start(env);
    await waitUntilReady(url, server);
    expect(server.output.join('')).toContain('demo organisations and cases loaded');
    expect(await casesSeenByDirectors(url, care)).toEqual(cleanLoad);
    expect((await demoSignIn(url)).confidantSees).toEqual({
      mo: 2,
      ondersteuningsteam: 2,
      'veilig-thuis': 2,
    });
  }, 1_200_000);
});
