import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileComplaintAs } from '../../../test/casework-fixtures.js';
import {
  arrangeOrganisation,
  publishTemplate,
  sessionCookieName,
  signIn,
  startTestServer,
  type ArrangedOrganisation,
  type TestServer,
} from '../../../test/harness.js';
import { LiveSocket } from '../../../test/live-socket.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** What the web build registered, in the text urql prints (web/dist/trusted-documents.json). */
const ME = 'query Me {\n  me {\n    id\n  }\n}';
const LIVE_CASES =
  'subscription LiveCases($after: Cursor) {\n  caseUpdated(after: $after) {\n    cursor\n    case {\n      id\n    }\n  }\n}';
/** A document the web never sends: what a script in the page would like to ask. */
const CASES = '{ cases(first: 5) { totalCount edges { node { id reference } } } }';
const CASE_LIVE = 'subscription One($id: ID) { caseUpdated(caseId: $id) { cursor } }';

interface Answer {
  status: number;
  body: {
    data?: Record<string, unknown> | null;
    errors?: { message: string; extensions?: { code?: string; reason?: string } }[];
  };
}

/**
 * A browser with its session cookie (the web client, or a script in its page) and an API client
 * with its bearer token, against a server that requires the web's registered operations from
 * browser sessions (ADR 0063): production's default.
 */
describe('trusted documents', { timeout: 120_000 }, () => {
  let server: TestServer;
  let dist: string;
  let mhr: ArrangedOrganisation;
  let other: ArrangedOrganisation;
  let cookieName: string;
  const tokens: Record<string, string> = {};
  const sockets: LiveSocket[] = [];

  async function post(
    body: Record<string, unknown>,
    as: { token: string; via: 'cookie' | 'bearer'; organisation?: string },
    target = server,
  ): Promise<Answer> {
    const response = await fetch(`${target.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        connection: 'close',
        ...(as.via === 'cookie'
          ? { cookie: `${cookieName}=${as.token}` }
          : { authorization: `Bearer ${as.token}` }),
        ...(as.organisation ? { 'x-organisation': as.organisation } : {}),
      },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Answer['body'] };
  }
  const byId = (text: string, variables: Record<string, unknown> = {}) => ({
    variables,
    extensions: { persistedQuery: { version: 1, sha256Hash: sha256(text) } },
  });
  const browser = (name: string, organisation = mhr.slug) => ({
    token: tokens[name]!,
    via: 'cookie' as const,
    organisation,
  });
  const api = (name: string, organisation = mhr.slug) => ({
    token: tokens[name]!,
    via: 'bearer' as const,
    organisation,
  });
  const refusal = (answer: Answer) => ({
    status: answer.status,
    code: answer.body.errors?.[0]?.extensions?.code,
    reason: answer.body.errors?.[0]?.extensions?.reason,
    data: answer.body.data,
  });

  beforeAll(async () => {
    // A web build of its own: the manifest is what the server reads, beside the client it serves.
    dist = await mkdtemp(path.join(os.tmpdir(), 'klachtpad-trusted-'));
    await writeFile(
      path.join(dist, 'trusted-documents.json'),
      JSON.stringify({ [sha256(ME)]: ME, [sha256(LIVE_CASES)]: LIVE_CASES }),
    );
    server = await startTestServer({ env: { WEB_DIST_DIR: dist, WS_INIT_TIMEOUT_MS: '2000' } });
    cookieName = sessionCookieName(server);
    mhr = await arrangeOrganisation(server.ownerOrm, {
      client: ['client'],
      director: ['director'],
    });
    other = await arrangeOrganisation(server.ownerOrm, { director: ['director'] });
    await publishTemplate(server.ownerOrm, mhr, 'bureau-mhr', mhr.people.director!);
    for (const name of Object.keys(mhr.people))
      tokens[name] = await signIn(server, mhr.people[name]!);
    tokens.otherDirector = await signIn(server, other.people.director!);
  });
  afterAll(async () => {
    for (const socket of sockets) socket.ws.terminate();
    await server?.close();
    await rm(dist, { recursive: true, force: true });
  });

  it('requires them in production when nothing says otherwise', () => {
    expect(server.config.mode).toBe('production');
    expect(server.config.trustedDocuments).toBe('require');
  });

  it('refuses a browser session’s own document with 400, before the database is touched', async () => {
    const { result: answer, queries } = await server.countQueries(() =>
      post({ query: CASES }, browser('director')),
    );
    expect(refusal(answer)).toEqual({
      status: 400,
      code: 'BAD_USER_INPUT',
      reason: 'PERSISTED_QUERY_REQUIRED',
      data: undefined,
    });
    expect(answer.body.errors?.[0]?.message).toMatch(/registered operations/);
    expect(queries).toBe(0);
    // Nor may it pass its document off under a registered id.
    const disguised = await post({ query: CASES, ...byId(ME) }, browser('director'));
    expect(refusal(disguised)).toMatchObject({ status: 400, reason: 'PERSISTED_QUERY_MISMATCH' });
    // Nor by GET, which the web never uses.
    const response = await fetch(`${server.url}/graphql?query=${encodeURIComponent(CASES)}`, {
      headers: {
        cookie: `${cookieName}=${tokens.director}`,
        'x-organisation': mhr.slug,
        'apollo-require-preflight': 'true',
      },
    });
    expect(response.status).toBe(400);
    expect(JSON.stringify(await response.json())).toContain('PERSISTED_QUERY_REQUIRED');
  });

  it('runs a registered operation sent by its id alone, or with its own text', async () => {
    const answer = await post(byId(ME), browser('director'));
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ data: { me: { id: mhr.people.director!.id } } });
    const withText = await post({ query: ME, ...byId(ME) }, browser('client'));
    expect(withText.body).toEqual({ data: { me: { id: mhr.people.client!.id } } });
  });

  it('lets an API client with a bearer token send any document, under the usual limits', async () => {
    const answer = await post({ query: CASES }, api('director'));
    expect(answer.status).toBe(200);
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data).toMatchObject({ cases: { totalCount: expect.any(Number) } });
    // The same session as a cookie: refused. The rule follows how it was presented.
    expect(refusal(await post({ query: CASES }, browser('director'))).status).toBe(400);
    // Its documents are limited as before (here: too many aliases).
    const aliases = Array.from({ length: 30 }, (_, i) => `a${i}: me { id }`).join(' ');
    const limited = await post({ query: `{ ${aliases} }` }, api('director'));
    expect(refusal(limited)).toMatchObject({ status: 400, code: 'BAD_USER_INPUT' });
    expect(limited.body.data).toBeUndefined();
  });

  it('answers an id that is not registered as not found (400), for browser and API alike', async () => {
    for (const as of [browser('director'), api('director')]) {
      const answer = await post(byId(CASES), as);
      expect(refusal(answer)).toEqual({
        status: 400,
        code: 'BAD_USER_INPUT',
        reason: 'PERSISTED_QUERY_NOT_FOUND',
        data: undefined,
      });
      // The protocol's own words, on which urql and Apollo Client send the text once more.
      expect(answer.body.errors?.[0]?.message).toBe('PersistedQueryNotFound');
    }
    // Sent again with its text, as those clients do: a browser session is still refused.
    const retried = await post({ query: CASES, ...byId(CASES) }, browser('director'));
    expect(refusal(retried)).toMatchObject({ status: 400, reason: 'PERSISTED_QUERY_REQUIRED' });
    const malformed = await post(
      { extensions: { persistedQuery: { version: 2, sha256Hash: 'abc' } } },
      browser('director'),
    );
    expect(refusal(malformed)).toMatchObject({ status: 400, reason: 'PERSISTED_QUERY_INVALID' });
  });

  it('holds the socket to the same rule: a browser’s subscriptions by id, an API client’s as it likes', async () => {
    const open = async (name: string, via: 'cookie' | 'bearer', organisation = mhr.slug) => {
      const socket = await LiveSocket.open(server.url, {
        organisation,
        ...(via === 'cookie'
          ? { cookie: `${cookieName}=${tokens[name]}` }
          : { token: tokens[name] }),
      });
      sockets.push(socket);
      return socket;
    };
    const director = await open('director', 'cookie');
    const otherDirector = await open('otherDirector', 'cookie', other.slug);
    const apiClient = await open('director', 'bearer');

    director.subscribe('own', CASE_LIVE, { id: mhr.id });
    const refused = await director.waitFor((f) => f.id === 'own', 'refusal');
    expect(refused).toMatchObject({
      type: 'error',
      payload: [{ extensions: { code: 'BAD_USER_INPUT', reason: 'PERSISTED_QUERY_REQUIRED' } }],
    });
    director.send({ id: 'unknown', type: 'subscribe', payload: { query: '', ...byId(CASE_LIVE) } });
    const unknown = await director.waitFor((f) => f.id === 'unknown', 'unknown id');
    expect(unknown).toMatchObject({
      type: 'error',
      payload: [{ message: 'PersistedQueryNotFound', extensions: { code: 'BAD_USER_INPUT' } }],
    });

    // The API client's own document reaches the resolver (a case that is not there: NOT_FOUND).
    apiClient.subscribe('own', CASE_LIVE, { id: mhr.id });
    const resolved = await apiClient.waitFor((f) => f.id === 'own', 'its answer');
    expect(resolved.payload).toMatchObject({ errors: [{ extensions: { code: 'NOT_FOUND' } }] });

    // By id the browser's feed runs, each viewer seeing what they may.
    for (const socket of [director, otherDirector])
      socket.send({
        id: 'live',
        type: 'subscribe',
        payload: { query: '', ...byId(LIVE_CASES, { after: null }) },
      });
    // Let the subscriptions join the feed before anything happens.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const caseId = await fileComplaintAs(server, api('client'), {
      parts: [{ summary: 'Niemand belde mij terug.' }],
    });
    const [push] = await director.waitForNexts<{ caseUpdated: { case: { id: string } } }>(
      'live',
      1,
    );
    expect(push!.caseUpdated.case.id).toBe(caseId);
    expect(otherDirector.nexts('live')).toEqual([]);
    expect(otherDirector.raw.join('\n')).not.toContain(caseId);
  });

  it('accepts a browser session’s own documents where the setting allows them', async () => {
    const allowing = await startTestServer({
      env: { WEB_DIST_DIR: dist, TRUSTED_DOCUMENTS: 'allow' },
    });
    try {
      const answer = await post({ query: CASES }, browser('director'), allowing);
      expect(answer.status).toBe(200);
      expect(answer.body.data).toMatchObject({ cases: { totalCount: expect.any(Number) } });
      expect((await post(byId(ME), browser('director'), allowing)).body).toEqual({
        data: { me: { id: mhr.people.director!.id } },
      });
      expect(refusal(await post(byId(CASES), browser('director'), allowing)).reason).toBe(
        'PERSISTED_QUERY_NOT_FOUND',
      );
    } finally {
      await allowing.close();
    }
  });
});
