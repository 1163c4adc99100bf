import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileComplaintAs } from '../../../test/casework-fixtures.js';
import {
  arrangeOrganisation,
  publishTemplate,
  signIn,
  startTestServer,
  type ArrangedOrganisation,
  type TestServer,
} from '../../../test/harness.js';
import { createLogger } from '../logger.js';
import { OutboxFeed, type FeedSignal } from './outbox-feed.js';

const POST = /* GraphQL */ `
  mutation Post($input: PostMessageInput!) {
    postMessage(input: $input) {
      id
    }
  }
`;

async function until(what: string, done: () => boolean) {
  const deadline = Date.now() + 20_000;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`Still waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * The feed's follow-up (ADR 0075, 0079): a change that commits behind an older transaction still
 * running is held back, and routed once that transaction ends, even when its end notifies
 * nobody. The feed's safety-net poll is set to an hour here, so only the follow-up can do it.
 */
describe('the outbox feed', { timeout: 120_000 }, () => {
  let server: TestServer;
  let organisation: ArrangedOrganisation;
  let token: string;
  let caseId: string;
  let feed: OutboxFeed;

  beforeAll(async () => {
    server = await startTestServer();
    organisation = await arrangeOrganisation(server.ownerOrm, {
      client: ['client'],
      director: ['director'],
    });
    await publishTemplate(
      server.ownerOrm,
      organisation,
      'bureau-mhr',
      organisation.people.director!,
    );
    token = await signIn(server, organisation.people.client!);
    caseId = await fileComplaintAs(
      server,
      { token, organisation: organisation.slug },
      { parts: [{ summary: 'Niemand belde terug.' }] },
    );
    feed = new OutboxFeed({
      connectionString: server.runtimeOrm.config.getClientUrl(),
      log: createLogger('silent'),
      pollMs: 3_600_000,
    });
    await feed.start();
  });
  afterAll(async () => {
    await feed?.stop();
    await server?.close();
  });

  it('routes a change held back by a running transaction once that one ends unannounced', async () => {
    const signals: FeedSignal[] = [];
    const { unsubscribe } = feed.subscribe({
      interest: { stream: 'case', organisationId: organisation.id, caseId },
      deliver: (signal) => signals.push(signal),
    });
    // An older transaction with an id of its own that writes nothing to the outbox.
    const blocker = new pg.Client({ connectionString: server.ownerOrm.config.getClientUrl() });
    await blocker.connect();
    try {
      await blocker.query('begin');
      await blocker.query('select pg_current_xact_id()');
      const read = feed.stats.queries;
      const posted = await server.gql(
        POST,
        { input: { caseId, body: 'Achter een lopende transactie.', visibility: 'SHARED' } },
        { token, organisation: organisation.slug },
      );
      expect(posted.errors).toBeUndefined();
      // The change's notification was read, but the change lies above the horizon.
      await until('the read on the notification', () => feed.stats.queries > read);
      expect(signals).toHaveLength(0);
      await blocker.query('rollback');
      await until('the held-back change', () => signals.length > 0);
      expect(signals).toHaveLength(1);
      expect(signals[0]).toMatchObject({ stream: 'case', caseId });
    } finally {
      await blocker.end();
      unsubscribe();
    }
  });
});
