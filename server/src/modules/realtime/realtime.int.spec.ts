import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  assignHandlerAs,
  fileComplaintAs,
  grantConfidant,
} from '../../../test/casework-fixtures.js';
import {
  arrangeOrganisation,
  publishTemplate,
  signIn,
  startTestServer,
  type ArrangedOrganisation,
  type TestServer,
} from '../../../test/harness.js';
import { LiveSocket } from '../../../test/live-socket.js';

const CASE_UPDATED = /* GraphQL */ `
  subscription Live($caseId: ID, $after: Cursor) {
    caseUpdated(caseId: $caseId, after: $after) {
      cursor
      case {
        id
        version
        messages {
          body
        }
      }
      events {
        type
        visibility
        payload
      }
    }
  }
`;
const NOTIFICATIONS = /* GraphQL */ `
  subscription Notified {
    notificationReceived {
      id
      kind
      caseId
    }
  }
`;
const DASHBOARD = /* GraphQL */ `
  subscription Dashboard {
    dashboardUpdated {
      open
    }
  }
`;
const POST = /* GraphQL */ `
  mutation Post($input: PostMessageInput!) {
    postMessage(input: $input) {
      id
    }
  }
`;
const REVOKE = /* GraphQL */ `
  mutation Revoke($caseId: ID!, $confidantId: ID!) {
    revokeConfidant(caseId: $caseId, confidantId: $confidantId) {
      live
    }
  }
`;

interface Update {
  caseUpdated: {
    cursor: string;
    case: { id: string; messages: { body: string }[] };
    events: { type: string; visibility: string; payload: { messageId?: string } }[];
  };
}

/** Strings seeded in what a subscriber must never receive. */
const INTERNAL_MARKER = 'MARKER-INTERNE-NOTITIE-7f3a';

/**
 * Live cases at Bureau MHR, served by two server processes on one database: what is done through
 * one reaches subscribers of the other, each as they may see it, and nothing reaches those who
 * may not see it.
 */
describe('realtime subscriptions', { timeout: 120_000 }, () => {
  let a: TestServer;
  let b: TestServer;
  let mhr: ArrangedOrganisation;
  let other: ArrangedOrganisation;
  const tokens: Record<string, string> = {};
  let caseId: string;
  let secondCaseId: string;
  let otherCaseId: string;
  const sockets: LiveSocket[] = [];

  const as = (name: string) => ({ token: tokens[name], organisation: mhr.slug });
  const person = (name: string) => mhr.people[name]!.id;
  const live = async (server: TestServer, name: string, org = mhr.slug) => {
    const socket = await LiveSocket.open(server.url, { token: tokens[name], organisation: org });
    sockets.push(socket);
    return socket;
  };
  const post = async (server: TestServer, name: string, input: Record<string, unknown>) => {
    // One clock for both processes (b was given a's): each message a moment after the last.
    a.clock.advance(1000);
    const result = await server.gql<{ postMessage: { id: string } }>(
      POST,
      { input: { caseId, ...input } },
      as(name),
    );
    expect(result.errors).toBeUndefined();
    return result.data!.postMessage.id;
  };
  const env = {
    WS_SESSION_RECHECK_MS: '1000',
    WS_INIT_TIMEOUT_MS: '500',
    WS_MAX_SUBSCRIPTIONS: '3',
  };

  beforeAll(async () => {
    a = await startTestServer({ env });
    b = await startTestServer({ env, clock: a.clock });
    mhr = await arrangeOrganisation(a.ownerOrm, {
      client: ['client'],
      client2: ['client'],
      confidant: ['confidant'],
      handler: ['handler'],
      handler2: ['handler'],
      employee: ['handler'],
      manager: ['manager'],
      director: ['director'],
    });
    other = await arrangeOrganisation(a.ownerOrm, { director: ['director'], client: ['client'] });
    await publishTemplate(a.ownerOrm, mhr, 'bureau-mhr', mhr.people.director!);
    await publishTemplate(a.ownerOrm, other, 'bureau-mhr', other.people.director!);
    for (const name of Object.keys(mhr.people)) tokens[name] = await signIn(a, mhr.people[name]!);
    tokens.otherDirector = await signIn(a, other.people.director!);
    tokens.otherClient = await signIn(a, other.people.client!);
    caseId = await fileComplaintAs(a, as('client'), {
      parts: [{ summary: 'De begeleider sprak mij denigrerend aan.' }],
      subjectIds: [person('employee')],
    });
    await assignHandlerAs(a, as('manager'), caseId, person('handler'));
    await grantConfidant(a, mhr, caseId, person('confidant'));
    secondCaseId = await fileComplaintAs(a, as('client2'), {
      parts: [{ summary: 'Mijn afspraak werd steeds verzet.' }],
    });
    otherCaseId = await fileComplaintAs(
      a,
      { token: tokens.otherClient, organisation: other.slug },
      { parts: [{ summary: 'Een klacht elders.' }] },
    );
  });
  afterAll(async () => {
    for (const socket of sockets) socket.ws.terminate();
    await a?.close();
    await b?.close();
  });

  it('delivers a change made through one process to subscribers of the other, each as they may see it', async () => {
    const handler = await live(b, 'handler');
    const confidant = await live(b, 'confidant');
    const handler2 = await live(b, 'handler2');
    const employee = await live(b, 'employee');
    const client2 = await live(b, 'client2');
    const otherDirector = await live(b, 'otherDirector', other.slug);
    handler.subscribe('h', CASE_UPDATED, { caseId });
    confidant.subscribe('c', CASE_UPDATED, { caseId });
    for (const socket of [handler2, employee, client2, otherDirector])
      socket.subscribe('all', CASE_UPDATED, {});
    // A case one may subscribe to is refused alike when it is not there and when it is not theirs.
    handler2.subscribe('refused', CASE_UPDATED, { caseId });
    const refused = await handler2.waitFor((f) => f.id === 'refused', 'refusal');
    expect(refused.payload).toMatchObject({ errors: [{ extensions: { code: 'NOT_FOUND' } }] });
    await handler2.waitFor((f) => f.id === 'refused' && f.type === 'complete', 'its end');
    // Let the subscriptions join the feed before anything happens.
    await new Promise((resolve) => setTimeout(resolve, 300));

    await post(a, 'handler', { body: INTERNAL_MARKER, visibility: 'INTERNAL' });
    await post(a, 'client', { body: 'Wanneer hoor ik iets?', visibility: 'SHARED' });
    // Barriers: a change each of the others may see, after the two above; their streams are in
    // order, so anything of the two would have come before.
    await post(a, 'handler', {
      body: 'Wilt u uw kant vertellen?',
      visibility: 'SUBJECT',
      addresseeId: person('employee'),
    });
    await assignHandlerAs(a, as('manager'), secondCaseId, person('handler2'));
    await a.gql(
      POST,
      { input: { caseId: secondCaseId, body: 'Hoe staat het ervoor?', visibility: 'SHARED' } },
      as('client2'),
    );
    await a.gql(
      POST,
      { input: { caseId: otherCaseId, body: 'Elders.', visibility: 'SHARED' } },
      { token: tokens.otherClient, organisation: other.slug },
    );

    const seenByHandler = await handler.waitForNexts<Update>('h', 3);
    expect(seenByHandler.map((u) => u.caseUpdated.events.map((e) => e.visibility))).toEqual([
      ['internal'],
      ['shared'],
      ['subject'],
    ]);
    expect(seenByHandler[0]!.caseUpdated.case.messages.map((m) => m.body)).toContain(
      INTERNAL_MARKER,
    );
    const seenByConfidant = await confidant.waitForNexts<Update>('c', 1);
    expect(seenByConfidant[0]!.caseUpdated.events.map((e) => e.visibility)).toEqual(['shared']);

    const subjectSaw = await employee.waitForNexts<Update>('all', 1);
    expect(subjectSaw[0]!.caseUpdated.events.map((e) => e.visibility)).toEqual(['subject']);
    const handler2Saw = await handler2.waitFor(
      (f) => f.id === 'all' && JSON.stringify(f).includes(secondCaseId),
      'the barrier on the second case',
    );
    expect(handler2Saw.type).toBe('next');
    await client2.waitFor((f) => JSON.stringify(f).includes('Hoe staat het ervoor?'), 'barrier');
    await otherDirector.waitFor((f) => JSON.stringify(f).includes(otherCaseId), 'barrier');

    // Nothing of the first case reached an unassigned handler, another client or another
    // organisation; the confidant and the subject never got the internal note or its existence.
    for (const socket of [handler2, client2, otherDirector])
      expect(socket.raw.join('\n')).not.toContain(caseId);
    for (const socket of [confidant, employee, handler2, client2, otherDirector])
      expect(socket.raw.join('\n')).not.toContain(INTERNAL_MARKER);
    for (const socket of [confidant, employee, client2])
      expect(socket.raw.join('\n')).not.toContain('"internal"');
    expect(confidant.nexts('c')).toHaveLength(1);
    expect(employee.nexts('all')).toHaveLength(1);
    for (const socket of [handler, confidant, handler2, employee, client2, otherDirector])
      await socket.close();
  });

  it('resumes after a cursor on the other process: what was missed, in order, once, then live', async () => {
    const first = await live(b, 'client');
    first.subscribe('s', CASE_UPDATED, { caseId });
    await new Promise((resolve) => setTimeout(resolve, 300));
    await post(a, 'client', { body: 'Eerste.', visibility: 'SHARED' });
    const [seen] = await first.waitForNexts<Update>('s', 1);
    await first.close();

    const missed: string[] = [];
    for (const body of ['Tweede.', 'Derde.', 'Vierde.'])
      missed.push(await post(b, 'client', { body, visibility: 'SHARED' }));
    const resumed = await live(a, 'client');
    resumed.subscribe('s', CASE_UPDATED, { caseId, after: seen!.caseUpdated.cursor });
    await resumed.waitForNexts('s', 3);
    const later = await post(b, 'client', { body: 'Vijfde.', visibility: 'SHARED' });
    const all = await resumed.waitForNexts<Update>('s', 4);
    // What each update records, in order: the three missed messages, then the live one.
    expect(all.map((u) => u.caseUpdated.events.map((e) => e.payload.messageId))).toEqual(
      [...missed, later].map((id) => [id]),
    );
    const cursors = all.map((u) => u.caseUpdated.cursor);
    expect(new Set(cursors).size).toBe(4);
    await resumed.close();
  });

  it('catches up after its listening connection dropped', async () => {
    const socket = await live(a, 'handler');
    socket.subscribe('h', CASE_UPDATED, { caseId });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const reconnects = a.app.feed.stats.reconnects;
    a.app.feed.simulateConnectionLoss();
    const whileDown = await post(b, 'client', {
      body: 'Terwijl de verbinding weg was.',
      visibility: 'SHARED',
    });
    const [update] = await socket.waitForNexts<Update>('h', 1);
    expect(update!.caseUpdated.events[0]!.payload.messageId).toBe(whileDown);
    expect(a.app.feed.stats.reconnects).toBeGreaterThan(reconnects);
    await socket.close();
  });

  it('tells each person of their own notifications only', async () => {
    const handler2 = await live(b, 'handler2');
    const handler = await live(b, 'handler');
    handler2.subscribe('n', NOTIFICATIONS);
    handler.subscribe('n', NOTIFICATIONS);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const third = await fileComplaintAs(a, as('client2'), {
      parts: [{ summary: 'Een derde klacht.' }],
    });
    await assignHandlerAs(a, as('manager'), third, person('handler2'));
    const [received] = await handler2.waitForNexts<{
      notificationReceived: { caseId: string; kind: string };
    }>('n', 1);
    expect(received!.notificationReceived.caseId).toBe(third);
    expect(handler.raw.join('\n')).not.toContain(third);
    await handler.close();
    await handler2.close();
  });

  it('pushes the dashboard now and when its counts change', async () => {
    const manager = await live(a, 'manager');
    manager.subscribe('d', DASHBOARD);
    const [initial] = await manager.waitForNexts<{ dashboardUpdated: { open: number } }>('d', 1);
    await fileComplaintAs(b, as('client'), { parts: [{ summary: 'Nog een klacht.' }] });
    const pushes = await manager.waitForNexts<{ dashboardUpdated: { open: number } }>('d', 2);
    expect(pushes[1]!.dashboardUpdated.open).toBe(initial!.dashboardUpdated.open + 1);
    await manager.close();
  });

  it('stops at once for a confidant whose grant was revoked, and closes their socket', async () => {
    const confidant = await live(b, 'confidant');
    confidant.subscribe('c', CASE_UPDATED, { caseId });
    await new Promise((resolve) => setTimeout(resolve, 300));
    a.clock.advance(60_000);
    const revoked = await a.gql(REVOKE, { caseId, confidantId: person('confidant') }, as('client'));
    expect(revoked.errors).toBeUndefined();
    await post(a, 'client', { body: 'Na de intrekking.', visibility: 'SHARED' });
    const closed = await confidant.closed;
    expect(closed.code).toBe(4403);
    expect(confidant.raw.join('\n')).not.toContain('Na de intrekking.');
  });

  it('closes the sockets of a session that signed out', async () => {
    const name = 'director';
    const extra = await signIn(a, mhr.people[name]!);
    const socket = await LiveSocket.open(b.url, { token: extra, organisation: mhr.slug });
    sockets.push(socket);
    socket.subscribe('d', DASHBOARD);
    await socket.waitForNexts('d', 1);
    const out = await a.gql('mutation { signOut }', {}, { token: extra });
    expect(out.errors).toBeUndefined();
    expect((await socket.closed).code).toBe(4403);
  });

  it('answers protocol abuse with its close code or error and stays healthy', async () => {
    const silent = await LiveSocket.open(a.url, { init: false });
    expect((await silent.closed).code).toBe(4408);

    const twice = await live(a, 'handler');
    twice.send({ type: 'connection_init', payload: {} });
    expect((await twice.closed).code).toBe(4429);

    const early = await LiveSocket.open(a.url, { init: false });
    early.subscribe('x', DASHBOARD);
    expect((await early.closed).code).toBe(4401);

    const badToken = await LiveSocket.open(a.url, { init: false });
    badToken.send({
      type: 'connection_init',
      payload: { authorization: 'Bearer not-a-token', organisation: mhr.slug },
    });
    expect((await badToken.closed).code).toBe(4401);

    const foreignOrganisation = await LiveSocket.open(a.url, { init: false });
    foreignOrganisation.send({
      type: 'connection_init',
      payload: { authorization: `Bearer ${tokens.handler}`, organisation: other.slug },
    });
    expect((await foreignOrganisation.closed).code).toBe(4403);

    await expect(
      LiveSocket.open(a.url, { token: tokens.handler, origin: 'https://evil.example' }),
    ).rejects.toThrow(/403/);

    const duplicate = await live(a, 'handler');
    duplicate.subscribe('same', DASHBOARD);
    duplicate.subscribe('same', DASHBOARD);
    expect((await duplicate.closed).code).toBe(4409);

    const abuse = await live(a, 'handler');
    abuse.subscribe('introspect', 'subscription { __schema { types { name } } }');
    abuse.subscribe(
      'large',
      `subscription { caseUpdated { cursor ${Array.from({ length: 3000 }, () => 'cursor').join(' ')} } }`,
    );
    abuse.subscribe('query', '{ me { id } }');
    for (const id of ['introspect', 'large', 'query']) {
      const frame = await abuse.waitFor((f) => f.id === id, id);
      expect(frame.type).toBe('error');
    }
    for (const id of ['s1', 's2', 's3', 's4']) abuse.subscribe(id, DASHBOARD);
    const tooMany = await abuse.waitFor((f) => f.id === 's4' && f.type === 'error', 'limit');
    // The limit is told, not where it lies (ADR 0064).
    expect(JSON.stringify(tooMany.payload)).toContain('TOO_MANY_SUBSCRIPTIONS');
    expect(JSON.stringify(tooMany.payload)).not.toMatch(/\d/);

    // Everyone else is still served.
    const healthy = await live(a, 'manager');
    healthy.subscribe('d', DASHBOARD);
    await healthy.waitForNexts('d', 1);
    await healthy.close();
    await abuse.close();
  });

  it('leaves no socket or feed subscriber behind once clients are gone', async () => {
    for (const socket of sockets) socket.ws.terminate();
    for (const server of [a, b]) {
      const deadline = Date.now() + 30_000;
      while (
        (server.app.sockets() > 0 || server.app.feed.subscriberCount > 0) &&
        Date.now() < deadline
      )
        await new Promise((resolve) => setTimeout(resolve, 100));
      expect(server.app.sockets()).toBe(0);
      expect(server.app.feed.subscriberCount).toBe(0);
    }
  });
});
