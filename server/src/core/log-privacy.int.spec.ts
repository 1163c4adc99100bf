import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  arrangeOrganisation,
  signIn,
  startTestServer,
  type ArrangedOrganisation,
  type TestServer,
} from '../../test/harness.js';
import { createLogger } from './logger.js';

describe('no personal data in the server log (issue 15, item 11)', () => {
  const lines: string[] = [];
  let server: TestServer;
  let organisation: ArrangedOrganisation;

  beforeAll(async () => {
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
        done();
      },
    });
    server = await startTestServer({ log: createLogger('debug', sink) });
    organisation = await arrangeOrganisation(server.ownerOrm, { client: ['client'] });
  });
  afterAll(() => server.close());

  it('logs a failing request with class, code and request id, never the text it sent', async () => {
    const token = await signIn(server, organisation.people.client!);
    const secret = 'Zonnebloem-Kwetsbaar';
    // A NUL byte PostgreSQL refuses deep inside the statement that stores the code word.
    const result = await server.gql(
      'mutation($input: SetContactPreferencesInput!) { setContactPreferences(input: $input) { channel } }',
      { input: { channel: 'PORTAL', codeWord: `${secret}\u0000` } },
      { token, organisation: organisation.slug },
    );
    const code = result.errors?.[0]?.extensions?.code;
    expect(['INTERNAL_SERVER_ERROR', 'BAD_USER_INPUT']).toContain(code);
    const requestId = result.errors?.[0]?.extensions?.requestId;
    const log = lines.join('\n');
    expect(log).not.toContain(secret);
    expect(log).not.toContain('Zonnebloem');
    expect(log).not.toMatch(/insert into|update "|select /i);
    // The line about the failure says what and where, for the operator to follow up.
    const failure = lines
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .find((entry) => entry.level === 50 && (entry.err as Record<string, unknown> | undefined));
    if (code === 'INTERNAL_SERVER_ERROR') {
      expect(failure).toMatchObject({ requestId, err: { type: expect.any(String) } });
      expect(
        (failure!.err as Record<string, unknown>).code ??
          (failure!.err as Record<string, unknown>).sqlState,
      ).toBeDefined();
    }
  });

  it('logs a database error by class and SQLSTATE, without the SQL or the parameters it quotes', async () => {
    const secret = 'Vertrouwelijk-Dossier';
    const error = await server.runtimeOrm.em
      .fork()
      .execute('select ?::int as n', [secret])
      .catch((caught: unknown) => caught);
    // The driver's own message quotes the statement and the parameter: exactly what must not leak.
    expect(String((error as Error).message)).toContain(secret);
    const sink: string[] = [];
    const log = createLogger(
      'info',
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          sink.push(chunk.toString('utf8'));
          done();
        },
      }),
    );
    log.error({ err: error, requestId: 'req-1' }, 'unexpected error');
    const line = JSON.parse(sink.join('')) as { err: Record<string, unknown>; requestId: string };
    expect(sink.join('')).not.toContain(secret);
    expect(sink.join('')).not.toMatch(/select/i);
    expect(line.requestId).toBe('req-1');
    expect(line.err.type).toEqual(expect.any(String));
    expect(line.err.code ?? line.err.sqlState).toBe('22P02');
  });
});
