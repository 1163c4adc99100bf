import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const serverDir = fileURLToPath(new URL('..', import.meta.url));

export interface Running {
  child: ChildProcess;
  output: string[];
  exited: Promise<number | null>;
}

/** Starts the real entry point, as `pnpm start` does, with its own embedded PostgreSQL. */
export function start(env: Record<string, string>, entry = 'src/main.ts'): Running {
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', entry], {
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

export async function waitUntilReady(url: string, running: Running): Promise<void> {
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

/** Resolves once the process has printed `text` (or throws when it exits first). */
export async function waitForOutput(running: Running, text: string): Promise<void> {
  for (;;) {
    if (running.output.join('').includes(text)) return;
    if (running.child.exitCode !== null)
      throw new Error(`exited before "${text}":\n${running.output.join('')}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** What the demo people see after a start: sign-ins, organisations and case counts. */
export async function demoSignIn(url: string): Promise<{
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

/** How many cases the demo director of each organisation sees. */
export async function casesSeenByDirectors(
  url: string,
  slugs: readonly string[],
): Promise<Record<string, number>> {
  const post = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    }).then(
      (r) =>
        r.json() as Promise<{ data?: Record<string, { token?: string; totalCount?: number }> }>,
    );
  const seen: Record<string, number> = {};
  for (const slug of slugs) {
    const signIn = await post({
      query:
        'mutation ($email: String!) { signIn(email: $email, password: "klachtpad-demo") { token } }',
      variables: { email: `director@${slug}.example` },
    });
    const cases = await post(
      { query: '{ cases(first: 1) { totalCount } }' },
      { authorization: `Bearer ${signIn.data?.signIn?.token}`, 'x-organisation': slug },
    );
    seen[slug] = cases.data?.cases?.totalCount ?? -1;
  }
  return seen;
}
