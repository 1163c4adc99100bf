import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  assignHandlerAs,
  fileComplaintAs,
  grantConfidant,
  referToCommission,
} from '../../../test/casework-fixtures.js';
import {
  addMembership,
  arrangeOrganisation,
  publishTemplate,
  signIn,
  startTestServer,
  type ArrangedOrganisation,
  type TestServer,
} from '../../../test/harness.js';
import { LiveSocket, waitUntil } from '../../../test/live-socket.js';
import { SET_DIRECTOR_POSITION } from '../../../test/routing-operations.js';
import { withTenantTransaction } from '../../core/db/tenant-session.js';
import { Case } from '../cases/case.entity.js';

/**
 * What the batch resolves itself (ADR 0079): the case row and the change's own entries. The web
 * client asks less (cursor and case id), the bench this.
 */
const CASE_UPDATED = /* GraphQL */ `
  subscription Live($caseId: ID) {
    caseUpdated(caseId: $caseId) {
      cursor
      case {
        id
        version
        handlerIds
      }
      events {
        type
        visibility
        payload
      }
    }
  }
`;
/**
 * Only fields the batch reads off its shared rows: one execution serves everyone who may see
 * the same entries of a change.
 */
const SHARED_UPDATE = /* GraphQL */ `
  subscription Shared($caseId: ID) {
    caseUpdated(caseId: $caseId) {
      cursor
      case {
        id
        version
      }
      events {
        type
        visibility
        payload
      }
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
const REFERRALS = /* GraphQL */ `
  query Referrals($id: ID!) {
    case(id: $id) {
      referrals {
        id
        active
      }
    }
  }
`;
const END = /* GraphQL */ `
  mutation End($caseId: ID!, $referralId: ID!) {
    endReferral(caseId: $caseId, referralId: $referralId) {
      active
    }
  }
`;

interface Update {
  caseUpdated: {
    cursor: string;
    case: { id: string; version: number; handlerIds: string[] | null };
    events: { type: string; visibility: string; payload: { messageId?: string } }[];
  };
}

/** Whether the viewer may add to the case: what a director's position decides (ADR 0098). */
const READ_ONLY_UPDATE = /* GraphQL */ `
  subscription ReadOnly($caseId: ID) {
    caseUpdated(caseId: $caseId) {
      cursor
      case {
        id
        readOnly
      }
      events {
        payload
      }
    }
  }
`;

const INTERNAL_MARKER = 'MARKER-INTERN-BATCH-41c9';
const GROUP_MARKER = 'MARKER-INTERN-GROEP-7f30';
const AFTER_REVOKE = 'MARKER-NA-INTREKKING-88d2';
const AFTER_REFERRAL = 'MARKER-NA-VERWIJZING-0b7e';

/**
 * `caseUpdated` fan-out decided per feed batch (ADR 0079): the statements a change costs do not
 * depend on how many subscribers it reaches, and each subscriber still gets only what they may
 * see, and nothing more once they lost the case.
 */
describe('caseUpdated fan-out per batch', { timeout: 240_000 }, () => {
  let server: TestServer;
  let mhr: ArrangedOrganisation;
  let commission: ArrangedOrganisation;
  const tokens: Record<string, string> = {};
  let caseId: string;
  const sockets: LiveSocket[] = [];

  const as = (name: string, organisation = mhr.slug) => ({ token: tokens[name], organisation });
  const person = (name: string) => mhr.people[name]!.id;
  const live = async (name: string, organisation = mhr.slug) => {
    const socket = await LiveSocket.open(server.url, { token: tokens[name], organisation });
    sockets.push(socket);
    return socket;
  };
  /**
   * Subscribes each socket and waits until the server has that many more `caseUpdated`
   * subscriptions on its feed: every change committed from then on reaches them.
   */
  const subscribe = async (
    listening: LiveSocket[],
    id: string,
    document: string,
    variables: Record<string, unknown>,
  ) => {
    const joined = server.app.liveFanout.joined + listening.length;
    for (const socket of listening) socket.subscribe(id, document, variables);
    await waitUntil(
      () => server.app.liveFanout.joined >= joined,
      `${listening.length} subscriptions joined the feed`,
    );
  };
  /** Opens `count` sockets of one person, each subscribed to the case, ready for changes. */
  const subscribers = async (name: string, count: number, document = CASE_UPDATED) => {
    const opened: LiveSocket[] = [];
    for (let i = 0; i < count; i += 20) {
      const group = await Promise.all(
        Array.from({ length: Math.min(20, count - i) }, () => live(name)),
      );
      await subscribe(group, 'u', document, { caseId });
      opened.push(...group);
    }
    return opened;
  };
  const post = async (name: string, body: string, visibility = 'SHARED', onCase = caseId) => {
    server.clock.advance(1000);
    const result = await server.gql<{ postMessage: { id: string } }>(
      POST,
      { input: { caseId: onCase, body, visibility } },
      as(name),
    );
    expect(result.errors).toBeUndefined();
    return result.data!.postMessage.id;
  };
  /** The runtime role's statements for one change, from the request to the last frame. */
  const statementsForOneChange = async (listening: LiveSocket[], body: string) => {
    const before = listening.map((socket) => socket.nexts('u').length);
    const { queries, result: messageId } = await server.countQueries(async () => {
      const id = await post('client', body);
      await Promise.all(
        listening.map((socket, index) => socket.waitForNexts('u', before[index]! + 1)),
      );
      return id;
    });
    for (const socket of listening) {
      const update = socket.nexts<Update>('u').at(-1)!.caseUpdated;
      expect(update.events.map((event) => event.payload.messageId)).toEqual([messageId]);
    }
    return queries;
  };

  beforeAll(async () => {
    server = await startTestServer({
      env: {
        // The periodic session check would add statements of its own while a change is counted.
        WS_SESSION_RECHECK_MS: '600000',
        WS_MAX_SOCKETS_PER_USER: '250',
      },
    });
    commission = await arrangeOrganisation(
      server.ownerOrm,
      { member: ['commission'] },
      { kind: 'commission' },
    );
    mhr = await arrangeOrganisation(server.ownerOrm, {
      client: ['client'],
      confidant: ['confidant'],
      handler: ['handler'],
      handler2: ['handler'],
      manager: ['manager'],
      director: ['director'],
      directeur: ['director'],
      bestuurder: ['director'],
    });
    await publishTemplate(server.ownerOrm, mhr, 'bureau-mhr', mhr.people.director!);
    await addMembership(server.ownerOrm, mhr.id, commission.people.member!.id, ['commission']);
    for (const name of Object.keys(mhr.people))
      tokens[name] = await signIn(server, mhr.people[name]!);
    tokens.member = await signIn(server, commission.people.member!);
    caseId = await fileComplaintAs(server, as('client'), {
      parts: [{ summary: 'Mijn dossier werd zonder toestemming gedeeld.' }],
    });
    await assignHandlerAs(server, as('manager'), caseId, person('handler'));
    await grantConfidant(server, mhr, caseId, person('confidant'));
    await referToCommission(server, mhr, caseId, commission.id);
  });
  afterAll(async () => {
    for (const socket of sockets) socket.ws.terminate();
    await server?.close();
  });

  it('costs as many statements per change for 200 subscribers as for one', async () => {
    const one = await subscribers('manager', 1);
    // The first change after subscribing pays for nothing the later ones do not (the posting
    // session's touch, say): it is not counted.
    await statementsForOneChange(one, 'Warming up.');
    const forOne = await statementsForOneChange(one, 'Counted for one subscriber.');
    const many = [
      ...one,
      ...(await subscribers('manager', 139)),
      ...(await subscribers('director', 30)),
      ...(await subscribers('client', 30)),
    ];
    expect(many).toHaveLength(200);
    await statementsForOneChange(many, 'Warming up two hundred.');
    const forMany = await statementsForOneChange(many, 'Counted for two hundred subscribers.');
    expect(forOne).toBeGreaterThan(0);
    expect(forMany).toBe(forOne);
    for (const socket of many) await socket.close();
  });

  it('executes a document once per group of equal payloads, and each group gets its own', async () => {
    const managers = await subscribers('manager', 20, SHARED_UPDATE);
    const directors = await subscribers('director', 5, SHARED_UPDATE);
    const clients = await subscribers('client', 5, SHARED_UPDATE);
    const [confidant] = await subscribers('confidant', 1, SHARED_UPDATE);
    // Keyed per viewer: the client side reads no handler ids, staff do.
    const [viewerKeyed] = await subscribers('client', 1);
    const [staffKeyed] = await subscribers('manager', 1);
    const staff = [...managers, ...directors];
    const clientSide = [...clients, confidant!, viewerKeyed!];
    const everyone = [...staff, ...clientSide, staffKeyed!];
    const { liveFanout } = server.app;

    const beforeNote = liveFanout.executions;
    const noteId = await post('handler', GROUP_MARKER, 'INTERNAL');
    for (const socket of [...staff, staffKeyed!]) {
      const [note] = await socket.waitForNexts<Update>('u', 1);
      expect(note!.caseUpdated.events).toMatchObject([
        { visibility: 'internal', payload: { messageId: noteId } },
      ]);
    }
    // Staff alike on the shared document, plus the manager's viewer-keyed one; the client side
    // sees nothing of an internal note, so nothing is executed for it.
    expect(liveFanout.executions - beforeNote).toBe(2);

    const beforeShared = liveFanout.executions;
    const messageId = await post('client', 'Voor iedereen, één keer uitgerekend.');
    await Promise.all([...staff, staffKeyed!].map((socket) => socket.waitForNexts('u', 2)));
    await Promise.all(clientSide.map((socket) => socket.waitForNexts('u', 1)));
    // One for the shared document (everyone sees the same entry), one per viewer of the other.
    expect(liveFanout.executions - beforeShared).toBe(3);
    const frames = new Set(
      [...staff, ...clients, confidant!].map((socket) =>
        JSON.stringify(socket.nexts<Update>('u').at(-1)),
      ),
    );
    expect(frames.size).toBe(1);
    const [shared] = [...frames].map((frame) => JSON.parse(frame) as Update);
    expect(shared!.caseUpdated.events.map((event) => event.payload.messageId)).toEqual([messageId]);
    expect(staffKeyed!.nexts<Update>('u').at(-1)!.caseUpdated.case.handlerIds).toEqual([
      person('handler'),
    ]);
    expect(viewerKeyed!.nexts<Update>('u').at(-1)!.caseUpdated.case.handlerIds).toBeNull();

    // Pushes of one subscription arrive in commit order: once a later change arrived, anything
    // of the note would have arrived before it.
    const sentinelId = await post('client', 'Een later bericht, voor iedereen.');
    await Promise.all(clientSide.map((socket) => socket.waitForNexts('u', 2)));
    // The frame scan: not the note, nor anything that points at it.
    for (const socket of clientSide) {
      expect(
        socket.nexts<Update>('u').map((update) => update.caseUpdated.events[0]!.payload.messageId),
      ).toEqual([messageId, sentinelId]);
      expect(socket.raw.join('\n')).not.toContain(GROUP_MARKER);
      expect(socket.raw.join('\n')).not.toContain(noteId);
      expect(socket.raw.join('\n')).not.toContain('internal');
    }
    for (const socket of everyone) await socket.close();
  });

  it('gives each subscriber the entries they may see, from the shared rows', async () => {
    // A case of handler2's own, on which a later change proves their list heard nothing earlier.
    const ownCaseId = await fileComplaintAs(server, as('client'), {
      parts: [{ summary: 'Een tweede klacht, bij de andere behandelaar.' }],
    });
    await assignHandlerAs(server, as('manager'), ownCaseId, person('handler2'));
    const [client] = await subscribers('client', 1);
    const [manager] = await subscribers('manager', 1);
    const handler2 = await live('handler2');
    // A handler not on the case hears nothing of it on the list.
    await subscribe([handler2], 'all', CASE_UPDATED, {});
    await post('handler', INTERNAL_MARKER, 'INTERNAL');
    await post('client', 'Voor iedereen op de zaak.');
    const seen = await manager!.waitForNexts<Update>('u', 2);
    expect(seen.map((update) => update.caseUpdated.events[0]!.visibility)).toEqual([
      'internal',
      'shared',
    ]);
    expect(seen[0]!.caseUpdated.case.handlerIds).toEqual([person('handler')]);
    const [only] = await client!.waitForNexts<Update>('u', 1);
    expect(only!.caseUpdated.events.map((event) => event.visibility)).toEqual(['shared']);
    // The client side reads no handler ids: the in-memory field resolver asks the kept ability.
    expect(only!.caseUpdated.case.handlerIds).toBeNull();
    // Later changes, which must arrive, after anything of the earlier ones would have.
    const sentinelId = await post('client', 'Later, voor iedereen op de zaak.');
    const ownId = await post(
      'client',
      'Op de zaak van de andere behandelaar.',
      'SHARED',
      ownCaseId,
    );
    const told = await client!.waitForNexts<Update>('u', 2);
    expect(told.map((update) => update.caseUpdated.events[0]!.payload.messageId)).toEqual([
      only!.caseUpdated.events[0]!.payload.messageId,
      sentinelId,
    ]);
    expect(client!.raw.join('\n')).not.toContain(INTERNAL_MARKER);
    const [heard] = await handler2.waitForNexts<Update>('all', 1);
    expect(heard!.caseUpdated.case.id).toBe(ownCaseId);
    expect(heard!.caseUpdated.events.map((event) => event.payload.messageId)).toEqual([ownId]);
    expect(handler2.nexts('all')).toHaveLength(1);
    expect(handler2.raw.join('\n')).not.toContain(INTERNAL_MARKER);
    expect(handler2.raw.join('\n')).not.toContain(caseId);
  });

  it('stops at once for a confidant whose grant was revoked, and closes the socket', async () => {
    const confidant = await live('confidant');
    await subscribe([confidant], 'u', CASE_UPDATED, { caseId });
    await post('client', 'Nog met vertrouwenspersoon.');
    await confidant.waitForNexts('u', 1);
    server.clock.advance(60_000);
    const revoked = await server.gql(
      REVOKE,
      { caseId, confidantId: person('confidant') },
      as('client'),
    );
    expect(revoked.errors).toBeUndefined();
    await post('client', AFTER_REVOKE);
    expect((await confidant.closed).code).toBe(4403);
    expect(confidant.raw.join('\n')).not.toContain(AFTER_REVOKE);
  });

  it('stops at once for a commission member whose referral ended, and closes the socket', async () => {
    const member = await live('member');
    await subscribe([member], 'u', CASE_UPDATED, { caseId });
    const referrals = await server.gql<{ case: { referrals: { id: string; active: boolean }[] } }>(
      REFERRALS,
      { id: caseId },
      as('manager'),
    );
    const referral = referrals.data!.case.referrals.find((r) => r.active)!;
    const ended = await server.gql(END, { caseId, referralId: referral.id }, as('manager'));
    expect(ended.errors).toBeUndefined();
    await post('client', AFTER_REFERRAL);
    expect((await member.closed).code).toBe(4403);
    expect(member.raw.join('\n')).not.toContain(AFTER_REFERRAL);
  });

  it('rebuilds a director’s live ability when their position changes, not only at reconnect', async () => {
    // A case the bestuur has (the stories walk there through the API; here the row says so).
    const forwarded = await fileComplaintAs(server, as('client'), {
      parts: [{ summary: 'Mijn klacht ligt nu bij het bestuur.' }],
    });
    await withTenantTransaction(server.ownerOrm, { organisationId: mhr.id }, async (em) => {
      const kase = await em.findOneOrFail(Case, { organisationId: mhr.id, id: forwarded });
      kase.withBestuur = true;
    });
    const directeur = await live('directeur');
    directeur.subscribe('d', READ_ONLY_UPDATE, { caseId: forwarded });
    type ReadOnlyPush = {
      caseUpdated: { case: { readOnly: boolean }; events: { payload: { messageId?: string } }[] };
    };
    const postOn = async (body: string) => {
      server.clock.advance(1000);
      const posted = await server.gql<{ postMessage: { id: string } }>(
        POST,
        { input: { caseId: forwarded, body, visibility: 'SHARED' } },
        as('client'),
      );
      expect(posted.errors).toBeUndefined();
      return posted.data!.postMessage.id;
    };
    const pushOf = (messageId: string) =>
      directeur
        .nexts<ReadOnlyPush>('d')
        .find((push) => push.caseUpdated.events.some((e) => e.payload.messageId === messageId));
    /** Posts on the case and answers what the push of that very message said. */
    const readOnlyPushed = async (body: string) => {
      const messageId = await postOn(body);
      await directeur.waitFor(() => pushOf(messageId) !== undefined, `the push of ${messageId}`);
      return pushOf(messageId)!.caseUpdated.case.readOnly;
    };
    // Until the subscription has joined the feed a change passes it by: post until one arrives.
    for (let attempt = 0; directeur.nexts('d').length === 0; attempt += 1) {
      if (attempt === 30) throw new Error('the subscription never received a change');
      await postOn(`Bericht ${attempt}.`);
      await directeur.waitForNexts('d', 1, 3_000).catch(() => undefined);
    }
    // Without a position the director is the bestuur too: they may write on it.
    expect(await readOnlyPushed('Nog een bericht.')).toBe(false);

    // Made the directie, on the same socket: the next push reads only.
    const set = await server.gql(
      SET_DIRECTOR_POSITION,
      { input: { userId: person('directeur'), position: 'DIRECTIE' } },
      as('bestuurder'),
    );
    expect(set.errors).toBeUndefined();
    expect(await readOnlyPushed('Na de wijziging van positie.')).toBe(true);
    // And back: both again.
    const cleared = await server.gql(
      SET_DIRECTOR_POSITION,
      { input: { userId: person('directeur'), position: null } },
      as('bestuurder'),
    );
    expect(cleared.errors).toBeUndefined();
    expect(await readOnlyPushed('Weer directie en bestuur.')).toBe(false);
  });

  it('closes the sockets of a session that signed out before the next change', async () => {
    const extra = await signIn(server, mhr.people.manager!);
    const socket = await LiveSocket.open(server.url, { token: extra, organisation: mhr.slug });
    sockets.push(socket);
    await subscribe([socket], 'u', CASE_UPDATED, { caseId });
    const out = await server.gql('mutation { signOut }', {}, { token: extra });
    expect(out.errors).toBeUndefined();
    const marker = 'MARKER-NA-AFMELDEN-5e1a';
    await post('client', marker);
    expect((await socket.closed).code).toBe(4403);
    expect(socket.raw.join('\n')).not.toContain(marker);
  });
});
