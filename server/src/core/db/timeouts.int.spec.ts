import net from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  arrangeOrganisation,
  signIn,
  startTestServer,
  withOwnerClient,
  type ArrangedOrganisation,
  type TestServer,
} from '../../../test/harness.js';

const SET_LANGUAGE = 'mutation { setLanguage(language: EN) { language } }';

describe('database timeouts (ADR 0065)', () => {
  let server: TestServer;
  let organisation: ArrangedOrganisation;

  beforeAll(async () => {
    server = await startTestServer({
      env: { DB_LOCK_TIMEOUT_MS: '300', DB_STATEMENT_TIMEOUT_MS: '1000' },
    });
    organisation = await arrangeOrganisation(server.ownerOrm, { client: ['client'] });
  });
  afterAll(() => server.close());

  it('sets the three limits on the runtime role’s sessions, not on the owner’s', async () => {
    const show = async (orm: TestServer['runtimeOrm']) => {
      const em = orm.em.fork();
      const [row] = await em.execute<{ s: string; l: string; i: string }[]>(
        `select current_setting('statement_timeout') as s, current_setting('lock_timeout') as l,
                current_setting('idle_in_transaction_session_timeout') as i`,
      );
      return row;
    };
    expect(await show(server.runtimeOrm)).toEqual({ s: '1s', l: '300ms', i: '1min' });
    expect(await show(server.ownerOrm)).toEqual({ s: '0', l: '0', i: '0' });
  });

  it('ends a runaway statement of the runtime role', async () => {
    const em = server.runtimeOrm.em.fork();
    await expect(em.execute('select pg_sleep(30)')).rejects.toMatchObject({ code: '57014' });
  });

  it('answers CONFLICT when a row stays locked, and the pool goes on serving', async () => {
    const token = await signIn(server, organisation.people.client!);
    await withOwnerClient(async (client) => {
      await client.query('begin');
      // Row-level security applies to the owner too: scoped to the person, it sees their row.
      await client.query(`select set_config('app.user_id', $1, true)`, [
        organisation.people.client!.id,
      ]);
      const locked = await client.query('select 1 from users where id = $1 for update', [
        organisation.people.client!.id,
      ]);
      expect(locked.rowCount).toBe(1);
      try {
        // More waiters than the pool has connections: each gives up instead of holding one.
        const answers = await Promise.all(
          Array.from({ length: 6 }, () => server.gql(SET_LANGUAGE, {}, { token })),
        );
        for (const answer of answers) {
          expect(answer.errors?.[0]?.extensions?.code).toBe('CONFLICT');
          expect(answer.status).toBe(200);
        }
        const me = await server.gql<{ me: { id: string } }>('{ me { id } }', {}, { token });
        expect(me.data?.me.id).toBe(organisation.people.client!.id);
      } finally {
        await client.query('rollback');
      }
    });
    const after = await server.gql(SET_LANGUAGE, {}, { token });
    expect(after.data).toEqual({ setLanguage: { language: 'EN' } });
  });
});

describe('a database that cannot be reached', () => {
  let proxy: net.Server;
  let sockets: Set<net.Socket>;
  let server: TestServer;

  beforeAll(async () => {
    // The runtime role reaches the test database through a proxy the test can pull the plug on.
    const target = new URL(inject('database').runtimeUrl);
    sockets = new Set();
    proxy = net.createServer((socket) => {
      sockets.add(socket);
      const upstream = net.connect(Number(target.port), target.hostname);
      sockets.add(upstream);
      socket.pipe(upstream).pipe(socket);
      const close = () => {
        socket.destroy();
        upstream.destroy();
      };
      socket.on('error', close).on('close', close);
      upstream.on('error', close).on('close', close);
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const proxied = new URL(target);
    proxied.port = String((proxy.address() as net.AddressInfo).port);
    server = await startTestServer({
      env: { DB_CONNECT_TIMEOUT_MS: '1000' },
      runtimeUrl: proxied.toString(),
    });
  });
  afterAll(async () => {
    await server.close();
    proxy.close();
  });

  it('answers UNAVAILABLE with 503 and Retry-After, on GraphQL, documents and readiness', async () => {
    const organisation = await arrangeOrganisation(server.ownerOrm, { client: ['client'] });
    const token = await signIn(server, organisation.people.client!);
    proxy.close();
    for (const socket of sockets) socket.destroy();

    const answer = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
        connection: 'close',
      },
      body: JSON.stringify({ query: '{ me { id } }' }),
    });
    expect(answer.status).toBe(503);
    expect(answer.headers.get('retry-after')).toBe('5');
    const body = (await answer.json()) as {
      errors: { message: string; extensions: { code: string } }[];
    };
    expect(body.errors[0]!.extensions.code).toBe('UNAVAILABLE');
    expect(body.errors[0]!.message).not.toMatch(/ECONNREFUSED|Context creation/);

    const document = await fetch(`${server.url}/documents/00000000-0000-4000-8000-000000000000`, {
      headers: { authorization: `Bearer ${token}`, connection: 'close' },
    });
    expect(document.status).toBe(503);
    expect(((await document.json()) as { error: { code: string } }).error.code).toBe('UNAVAILABLE');

    const ready = await fetch(`${server.url}/readyz`, { headers: { connection: 'close' } });
    expect(ready.status).toBe(503);
  });
});
