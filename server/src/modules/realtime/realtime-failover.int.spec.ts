import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { assignHandlerAs, fileComplaintAs } from '../../../test/casework-fixtures.js';
import { freePort } from '../../../test/free-port.js';
import {
  arrangeOrganisation,
  LONG_SESSIONS,
  publishTemplate,
  signIn,
  startTestServer,
  TEST_MFA_KEY,
  type ArrangedOrganisation,
  type TestServer,
} from '../../../test/harness.js';
import { LiveSocket } from '../../../test/live-socket.js';
import { start, waitUntilReady, type Running } from '../../../test/processes.js';

const CASE_UPDATED = /* GraphQL */ `
  subscription Live($after: Cursor) {
    caseUpdated(after: $after) {
      cursor
      case {
        id
      }
      events {
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

interface Update {
  caseUpdated: {
    cursor: string;
    case: { id: string };
    events: { payload: { messageId?: string } }[];
  };
}

const CASES = 4;
const MESSAGES = 60;
/** The subscriber has this many updates when its process is killed. */
const KILL_AFTER = 12;

/**
 * Two server processes on one database: a subscriber on process A while messages are posted
 * through process B; A is killed (SIGKILL, nothing runs on its way out) in the middle; the
 * subscriber resumes on B with the last cursor it got. Every message reaches it exactly once,
 * and in each case's order.
 */
describe('a server process killed while events flow', { timeout: 900_000 }, () => {
  let a: Running;
  let aUrl: string;
  let b: TestServer;
  let org: ArrangedOrganisation;
  const tokens: Record<string, string> = {};
  const cases: string[] = [];
  const sockets: LiveSocket[] = [];
  const as = (name: string) => ({ token: tokens[name], organisation: org.slug });

  beforeAll(async () => {
    const database = inject('database');
    b = await startTestServer({ env: LONG_SESSIONS });
    const port = await freePort();
    aUrl = `http://127.0.0.1:${port}`;
    a = start({
      ...LONG_SESSIONS,
      DATABASE_URL: database.runtimeUrl,
      MIGRATION_DATABASE_URL: database.migrationUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      SEED_DEMO: 'never',
      // Test files share the database; this process must run no other file's jobs.
      WORKER_MODE: 'off',
      MFA_ENCRYPTION_KEY: TEST_MFA_KEY,
    });
    org = await arrangeOrganisation(b.ownerOrm, {
      client: ['client'],
      handler: ['handler'],
      manager: ['manager'],
      director: ['director'],
    });
    await publishTemplate(b.ownerOrm, org, 'bureau-mhr', org.people.director!);
    for (const name of Object.keys(org.people)) tokens[name] = await signIn(b, org.people[name]!);
    for (let i = 0; i < CASES; i += 1) {
      const caseId = await fileComplaintAs(b, as('client'), {
        parts: [{ summary: `Klacht ${i}.` }],
      });
      await assignHandlerAs(b, as('manager'), caseId, org.people.handler!.id);
      cases.push(caseId);
    }
    await waitUntilReady(aUrl, a);
  }, 900_000);
  afterAll(async () => {
    for (const socket of sockets) socket.ws.terminate();
    if (a && a.child.exitCode === null && a.child.signalCode === null) {
      a.child.kill('SIGKILL');
      await a.exited;
    }
    await b?.close();
  });

  it('loses nothing and repeats nothing when the subscriber resumes on the other process', async () => {
    const first = await LiveSocket.open(aUrl, as('handler'));
    sockets.push(first);
    first.subscribe('live', CASE_UPDATED, {});
    // Let the subscription join A's feed before anything happens.
    await new Promise((resolve) => setTimeout(resolve, 500));

    const posted: { caseId: string; messageId: string }[] = [];
    const flow = (async () => {
      for (let i = 0; i < MESSAGES; i += 1) {
        const caseId = cases[i % CASES]!;
        // Each message a moment after the last on B's clock, as in real use.
        b.clock.advance(1000);
        const result = await b.gql<{ postMessage: { id: string } }>(
          POST,
          { input: { caseId, body: `Bericht ${i}.`, visibility: 'SHARED' } },
          as('client'),
        );
        expect(result.errors).toBeUndefined();
        posted.push({ caseId, messageId: result.data!.postMessage.id });
      }
    })();

    await first.waitForNexts('live', KILL_AFTER, 300_000);
    a.child.kill('SIGKILL');
    await first.closed;
    await a.exited;
    const beforeKill = first.nexts<Update>('live');
    // The flow was still going: the kill fell in its middle.
    expect(posted.length).toBeLessThan(MESSAGES);
    const last = beforeKill.at(-1)!.caseUpdated.cursor;

    const resumed = await LiveSocket.open(b.url, as('handler'));
    sockets.push(resumed);
    resumed.subscribe('live', CASE_UPDATED, { after: last });
    await flow;
    const messageIdsOf = (updates: Update[]) =>
      updates.flatMap((update) =>
        update.caseUpdated.events.map((event) => ({
          caseId: update.caseUpdated.case.id,
          messageId: event.payload.messageId!,
        })),
      );
    const deadline = Date.now() + 300_000;
    while (
      messageIdsOf([...beforeKill, ...resumed.nexts<Update>('live')]).length < MESSAGES &&
      Date.now() < deadline
    )
      await new Promise((resolve) => setTimeout(resolve, 100));
    // A moment for a duplicate, had there been one, to arrive.
    await new Promise((resolve) => setTimeout(resolve, 1500));

    const received = messageIdsOf([...beforeKill, ...resumed.nexts<Update>('live')]);
    // Exactly once each: nothing lost, nothing twice.
    expect(received.map((r) => r.messageId).sort()).toEqual(posted.map((p) => p.messageId).sort());
    // In each case's order.
    for (const caseId of cases) {
      expect(received.filter((r) => r.caseId === caseId).map((r) => r.messageId)).toEqual(
        posted.filter((p) => p.caseId === caseId).map((p) => p.messageId),
      );
    }
    const cursors = [...beforeKill, ...resumed.nexts<Update>('live')].map(
      (u) => u.caseUpdated.cursor,
    );
    expect(new Set(cursors).size).toBe(cursors.length);
    expect(resumed.frames.some((f) => f.type === 'error')).toBe(false);
    await resumed.close();
  });
});
