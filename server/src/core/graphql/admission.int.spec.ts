import { createHash } from 'node:crypto';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileComplaintAs, uploadDocumentAs } from '../../../test/casework-fixtures.js';
import {
  arrangeOrganisation,
  publishTemplate,
  signIn,
  startTestServer,
  type ArrangedOrganisation,
  type TestServer,
} from '../../../test/harness.js';
import { LiveSocket } from '../../../test/live-socket.js';
import { createLogger } from '../logger.js';

/** A word a refused request carries, which no log line may repeat. */
const MARKER = 'Zwanenveer';

const CASES = 'query Cases($after: Cursor) { cases(first: 5, after: $after) { totalCount } }';
const LIVE = 'subscription Live($after: Cursor) { caseUpdated(after: $after) { cursor } }';
const ACCESS_LOG =
  'query Log($caseId: ID!, $from: DateTime) { accessLog(caseId: $caseId, from: $from) { action } }';
const FILE =
  'mutation File($input: FileComplaintInput!) { fileComplaint(input: $input) { __typename } }';
const LONG = `{ me { ${Array.from({ length: 2500 }, () => 'id').join(' ')} } }`;

interface Refused {
  status?: number;
  code?: string;
  reason?: string;
  message?: string;
}

/**
 * Every refusal of a request's input is BAD_USER_INPUT before a session is resolved or a
 * statement sent (issue 15 item 7, ADR 0064): over HTTP (400) and over the WebSocket alike, each
 * logged with its reason and who sent it, never what they sent.
 */
describe('admission before any work', { timeout: 120_000 }, () => {
  let server: TestServer;
  let mhr: ArrangedOrganisation;
  let caseId: string;
  let token: string;
  let socket: LiveSocket;
  const lines: Record<string, unknown>[] = [];
  const raw: string[] = [];

  beforeAll(async () => {
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
          raw.push(line);
          lines.push(JSON.parse(line) as Record<string, unknown>);
        }
        done();
      },
    });
    server = await startTestServer({
      log: createLogger('info', sink),
      env: { DOCUMENT_MAX_BYTES: '2000' },
    });
    mhr = await arrangeOrganisation(server.ownerOrm, {
      client: ['client'],
      director: ['director'],
    });
    await publishTemplate(server.ownerOrm, mhr, 'bureau-mhr', mhr.people.director!);
    token = await signIn(server, mhr.people.client!);
    caseId = await fileComplaintAs(
      server,
      { token, organisation: mhr.slug },
      { parts: [{ summary: 'Niemand belde terug.' }] },
    );
    socket = await LiveSocket.open(server.url, { token, organisation: mhr.slug });
  });
  afterAll(async () => {
    socket?.ws.terminate();
    await server?.close();
  });

  /** Over HTTP as the client: the answer, the SQL it cost and the request id it got. */
  async function overHttp(query: string, variables: Record<string, unknown> = {}) {
    const { result, queries } = await server.countQueries(async () => {
      const response = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          connection: 'close',
          authorization: `Bearer ${token}`,
          'x-organisation': mhr.slug,
        },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as {
        data?: unknown;
        errors?: { message: string; extensions?: { code?: string; reason?: string } }[];
      };
      return { response, body };
    });
    const error = result.body.errors?.[0];
    return {
      refused: {
        status: result.response.status,
        code: error?.extensions?.code,
        reason: error?.extensions?.reason,
        message: error?.message,
      } satisfies Refused,
      data: result.body.data,
      queries,
      requestId: result.response.headers.get('x-request-id')!,
    };
  }

  let operation = 0;
  /** Over the open socket: the error frame and the SQL the subscribe cost. */
  async function overSocket(query: string, variables: Record<string, unknown> = {}) {
    const id = `op-${(operation += 1)}`;
    const { result: frame, queries } = await server.countQueries(async () => {
      socket.subscribe(id, query, variables);
      return socket.waitFor((f) => f.id === id, `the answer to ${id}`);
    });
    const error = (frame.payload as { message: string; extensions?: Refused }[])[0];
    return {
      type: frame.type,
      refused: {
        code: error?.extensions?.code,
        reason: error?.extensions?.reason,
        message: error?.message,
      } satisfies Refused,
      queries,
    };
  }

  const refusalLines = () => lines.filter((line) => line.msg === 'request refused');

  it.each([
    ['a document over the token limit', LONG, {}, 'TOO_MANY_TOKENS'],
    ['a cursor that is not one', CASES, { after: MARKER }, 'INVALID_CURSOR'],
    [
      'a cursor written into the document',
      `{ cases(after: "${MARKER}") { totalCount } }`,
      {},
      'INVALID_CURSOR',
    ],
    ['a moment in year 0', ACCESS_LOG, { from: '0000-01-01T00:00:00Z' }, 'DATE_OUT_OF_RANGE'],
    ['a moment in year 9999', ACCESS_LOG, { from: '9999-12-31T00:00:00Z' }, 'DATE_OUT_OF_RANGE'],
    ['a moment that is none', ACCESS_LOG, { from: MARKER }, 'INVALID_DATE'],
    [
      'a civil date in year 9999',
      FILE,
      { input: { complainant: 'client', parts: [{ summary: MARKER }], receivedOn: '9999-01-01' } },
      'DATE_OUT_OF_RANGE',
    ],
    [
      'a lone surrogate in the text',
      FILE,
      { input: { complainant: 'client', parts: [{ summary: `${MARKER}\uD800` }] } },
      'INVALID_UNICODE',
    ],
  ] as const)(
    'refuses %s with BAD_USER_INPUT over HTTP (400) and WebSocket, before any SQL, and logs it',
    async (_what, query, variables, reason) => {
      const vars = { caseId, ...variables } as Record<string, unknown>;
      const usedVars = query.includes('$caseId') ? vars : variables;
      const http = await overHttp(query, usedVars);
      expect(http.refused).toMatchObject({ status: 400, code: 'BAD_USER_INPUT', reason });
      expect(http.data).toBeUndefined();
      expect(http.queries).toBe(0);
      const line = refusalLines().find((entry) => entry.requestId === http.requestId);
      expect(line).toMatchObject({
        reason,
        organisation: mhr.slug,
        tokenHash: createHash('sha256').update(token).digest('hex').slice(0, 16),
        presented: 'bearer',
      });

      const before = refusalLines().length;
      const ws = await overSocket(query, usedVars);
      expect(ws).toMatchObject({ type: 'error', refused: { code: 'BAD_USER_INPUT', reason } });
      expect(ws.queries).toBe(0);
      expect(refusalLines().slice(before)).toContainEqual(
        expect.objectContaining({ reason, organisation: mhr.slug }),
      );
      // What was sent is answered (graphql-js quotes a refused value) but never logged.
      expect(raw.join('\n')).not.toContain(MARKER);
    },
  );

  it('says a limit was passed without saying where it lies', async () => {
    const aliases = `{ ${Array.from({ length: 40 }, (_, i) => `a${i}: me { id }`).join(' ')} }`;
    const deep = `{ me { ${'memberships { '.repeat(12)} slug ${'} '.repeat(12)} } }`;
    for (const query of [LONG, aliases, deep]) {
      const http = await overHttp(query);
      expect(http.refused).toMatchObject({ status: 400, code: 'BAD_USER_INPUT' });
      expect(http.refused.message).not.toMatch(/\d/);
      expect(http.queries).toBe(0);
      const ws = await overSocket(query);
      expect(ws.refused.code).toBe('BAD_USER_INPUT');
      expect(ws.refused.message).not.toMatch(/\d/);
    }
    expect((await overHttp(LONG)).refused.reason).toBe('TOO_MANY_TOKENS');
    expect((await overHttp(aliases)).refused.reason).toBe('TOO_MANY_ALIASES');
    expect((await overHttp(deep)).refused.reason).toBe('TOO_DEEP');
  });

  it('refuses a body that is not valid UTF-8 instead of replacing what it cannot read', async () => {
    const body = Buffer.concat([
      Buffer.from('{"query":"{ me { id } }","variables":{"x":"'),
      Buffer.from([0xed, 0xa0, 0x80]),
      Buffer.from('"}}'),
    ]);
    const { result: response, queries } = await server.countQueries(() =>
      fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body,
      }),
    );
    expect(response.status).toBe(400);
    const answer = (await response.json()) as { errors: { extensions: { code: string } }[] };
    expect(answer.errors[0]!.extensions.code).toBe('BAD_USER_INPUT');
    expect(queries).toBe(0);
    expect(refusalLines()).toContainEqual(
      expect.objectContaining({
        requestId: response.headers.get('x-request-id'),
        reason: 'INVALID_UNICODE',
      }),
    );
  });

  it('refuses a batch and a subscription over HTTP before any SQL', async () => {
    const { result: batch, queries } = await server.countQueries(() =>
      fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify([{ query: '{ me { id } }' }]),
      }),
    );
    expect(batch.status).toBe(400);
    expect(queries).toBe(0);
    const live = await overHttp(LIVE);
    expect(live.refused).toMatchObject({ status: 400, reason: 'OPERATION_NOT_SERVED_HERE' });
    expect(live.queries).toBe(0);
  });

  it('runs what it admits: a real cursor pages on, over HTTP and WebSocket', async () => {
    const first = await server.gql<{ cases: { pageInfo: { endCursor: string } } }>(
      '{ cases(first: 1) { pageInfo { endCursor } } }',
      {},
      { token, organisation: mhr.slug },
    );
    const cursor = first.data!.cases.pageInfo.endCursor;
    const next = await overHttp(CASES, { after: cursor });
    expect(next.refused.status).toBe(200);
    expect(next.data).toEqual({ cases: { totalCount: 1 } });
    socket.subscribe('live', LIVE, { after: null });
    // No error frame comes for an admitted subscription; a refused one would be answered first.
    const probe = await overSocket(CASES, { after: cursor });
    expect(probe.refused.reason).toBe('OPERATION_NOT_SERVED_HERE');
    expect(socket.frames.find((f) => f.id === 'live' && f.type === 'error')).toBeUndefined();
  });

  it('strips bidi controls and zero-width characters from an upload’s name, and logs a refused size', async () => {
    const actor = { token, organisation: mhr.slug };
    const id = await uploadDocumentAs(
      server,
      actor,
      caseId,
      'shared',
      'factuur\u202Efdp\u200B.txt',
    );
    const listed = await server.gql<{ case: { documents: { id: string; name: string }[] } }>(
      'query($id: ID!) { case(id: $id) { documents { id name } } }',
      { id: caseId },
      actor,
    );
    expect(listed.data!.case.documents.find((d) => d.id === id)?.name).toBe('factuurfdp.txt');

    const response = await fetch(`${server.url}/documents?caseId=${caseId}&visibility=shared`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'x-organisation': mhr.slug,
        'content-type': 'application/octet-stream',
        'x-filename': encodeURIComponent(`${MARKER}.txt`),
      },
      body: Buffer.alloc(5000, 'a'),
    });
    expect(response.status).toBe(413);
    const body = (await response.json()) as { error: { reason: string; message: string } };
    expect(body.error.reason).toBe('TOO_LARGE');
    expect(body.error.message).not.toMatch(/\d/);
    expect(refusalLines()).toContainEqual(
      expect.objectContaining({
        requestId: response.headers.get('x-request-id'),
        reason: 'TOO_LARGE',
        organisation: mhr.slug,
      }),
    );
    expect(raw.join('\n')).not.toContain(MARKER);
  });
});
