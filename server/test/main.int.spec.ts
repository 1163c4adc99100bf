import { loadTemplate } from '@klachtpad/procedures';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from './free-port.js';

const serverDir = fileURLToPath(new URL('..', import.meta.url));

interface Running {
  child: ChildProcess;
  output: string[];
  exited: Promise<number | null>;
}

/** Starts the real entry point, as `pnpm start` does, with its own embedded PostgreSQL. */
function start(env: Record<string, string>): Running {
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', 'src/main.ts'], {
    cwd: serverDir,
    // As deployed: Vitest's NODE_ENV=test changes library defaults (Apollo's signal handling).
    env: { ...process.env, NODE_ENV: '', ...env, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  return { child, output, exited };
}

async function waitUntilReady(url: string, running: Running): Promise<void> {
  for (;;) {
    if (running.child.exitCode !== null)
      throw new Error(`server exited:\n${running.output.join('')}`);
    const ready = await fetch(`${url}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function demoSignIn(url: string): Promise<{
  token?: string;
  organisations: string[];
  authorisedBy: string[];
  directorSees: number;
  confidantSees: Record<string, number>;
}> {
  const post = <T = Record<string, { token?: string; memberships?: { slug: string }[] }>>(
    body: unknown,
    headers: Record<string, string> = {},
  ) =>
    fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    }).then((r) => r.json() as Promise<{ data?: T }>);
  const signIn = await post({
    query:
      'mutation { signIn(email: "confidant@vertrouwenspersonen.example", password: "klachtpad-demo") { token } }',
  });
  const token = signIn.data?.signIn?.token;
  const me = await post(
    { query: '{ me { memberships { slug } } }' },
    { authorization: `Bearer ${token}` },
  );
  // The demo confidant may file for a client of `mo` on their standing authorisation.
  const authorisations = await post<{ myConfidantAuthorisations: { clientName: string }[] }>(
    { query: '{ myConfidantAuthorisations { clientName } }' },
    { authorization: `Bearer ${token}`, 'x-organisation': 'mo' },
  );
  // The demo director of `mo` finds complaints waiting in every stage of its procedure.
  const director = await post({
    query:
      'mutation { signIn(email: "director@mo.example", password: "klachtpad-demo") { token } }',
  });
  const cases = await post<{ cases: { totalCount: number } }>(
    { query: '{ cases(first: 1) { totalCount } }' },
    { authorization: `Bearer ${director.data?.signIn?.token}`, 'x-organisation': 'mo' },
  );
  // The demo confidant has real grants on cases in each organisation it serves.
  const confidantSees: Record<string, number> = {};
  for (const slug of ['mo', 'ondersteuningsteam', 'veilig-thuis']) {
    const seen = await post<{ cases: { totalCount: number } }>(
      { query: '{ cases(first: 1) { totalCount } }' },
      { authorization: `Bearer ${token}`, 'x-organisation': slug },
    );
    confidantSees[slug] = seen.data?.cases.totalCount ?? 0;
  }
  return {
    token,
    confidantSees,
    directorSees: cases.data?.cases.totalCount ?? 0,
    organisations: (me.data?.me?.memberships ?? []).map((m) => m.slug).sort(),
    authorisedBy: (authorisations.data?.myConfidantAuthorisations ?? []).map((a) => a.clientName),
  };
}

describe('starting Klachtpad with nothing configured', () => {
  let dataDir: string;
  let env: Record<string, string>;
  let url: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'klachtpad-start-'));
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    env = {
      KLACHTPAD_DATA_DIR: path.join(dataDir, '.data'),
      PORT: String(port),
      HOST: '127.0.0.1',
      EMBEDDED_PG_PORT: String(await freePort()),
    };
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it('serves a demo sign-in from an empty directory, stops cleanly, and reuses the data on the next start', async () => {
    const first = start(env);
    const started = Date.now();
    await waitUntilReady(url, first);
    const coldStartMs = Date.now() - started;
    const firstSignIn = await demoSignIn(url);
    expect(firstSignIn.token).toMatch(/^[\w-]{43}$/);
    expect(firstSignIn.organisations).toEqual(['mo', 'ondersteuningsteam', 'veilig-thuis']);
    expect(firstSignIn.authorisedBy).toEqual(['Client (Maatschappelijke Opvang De Haven)']);
    expect(firstSignIn.confidantSees).toEqual({ mo: 2, ondersteuningsteam: 2, 'veilig-thuis': 2 });
    expect(firstSignIn.directorSees).toBe(
      loadTemplate('mo').tracks.reduce((sum, track) => sum + track.stages.length, 0),
    );
    expect(first.output.join('')).toContain('demo organisations and cases loaded');
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(first.output.join('')).toContain('stopped cleanly');

    const second = start(env);
    await waitUntilReady(url, second);
    const secondSignIn = await demoSignIn(url);
    expect(secondSignIn.organisations).toEqual(firstSignIn.organisations);
    expect(second.output.join('')).not.toContain('demo organisations and cases loaded');
    expect(secondSignIn.directorSees).toBe(firstSignIn.directorSees);
    second.child.kill('SIGINT');
    expect(await second.exited).toBe(0);
    // Reported, not asserted: wall-clock belongs in notes and benchmarks, not in pass/fail.
    console.info(`cold start to ready: ${coldStartMs} ms`);
  }, 180_000);
});
