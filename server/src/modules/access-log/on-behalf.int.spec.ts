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

const ACCESS_LOG = /* GraphQL */ `
  query Log($caseId: ID!, $from: DateTime) {
    accessLog(caseId: $caseId, from: $from) {
      action
      outcome
      who
      onBehalfOf
      bySystem
    }
  }
`;
type Log = {
  accessLog: { action: string; outcome: string; who: string | null; onBehalfOf: string | null }[];
};

/** Issue 8 §8: each line of a dossier's access log says on whose behalf the person acted. */
describe('the access log names on whose behalf', () => {
  let server: TestServer;
  let org: ArrangedOrganisation;
  let other: ArrangedOrganisation;
  const tokens: Record<string, string> = {};
  const as = (name: string, where = org) => ({ token: tokens[name], organisation: where.slug });
  let registered: string;
  let ownFiling: string;

  beforeAll(async () => {
    server = await startTestServer();
    org = await arrangeOrganisation(server.ownerOrm, {
      client: ['client'],
      handler: ['handler'],
      director: ['director'],
    });
    other = await arrangeOrganisation(server.ownerOrm, { director: ['director'] });
    await publishTemplate(server.ownerOrm, org, 'awb9', org.people.director!);
    for (const name of Object.keys(org.people))
      tokens[name] = await signIn(server, org.people[name]!);
    tokens.otherDirector = await signIn(server, other.people.director!);
    // The director takes down a complaint the client phoned in: done for the client.
    registered = await fileComplaintAs(server, as('director'), {
      clientId: org.people.client!.id,
      channel: 'phone',
      parts: [{ summary: 'Telefonisch gemeld: de maaltijd kwam niet.' }],
    });
    ownFiling = await fileComplaintAs(server, as('client'), {
      parts: [{ summary: 'Zelf ingediend in het portaal.' }],
    });
  });
  afterAll(() => server.close());

  it('shows the client that staff filed for them, and their own filing as their own', async () => {
    const forClient = await server.gql<Log>(ACCESS_LOG, { caseId: registered }, as('client'));
    expect(forClient.errors).toBeUndefined();
    expect(forClient.data!.accessLog).toContainEqual(
      expect.objectContaining({
        action: 'file',
        outcome: 'allowed',
        who: 'director',
        onBehalfOf: 'client',
      }),
    );
    const own = await server.gql<Log>(ACCESS_LOG, { caseId: ownFiling }, as('client'));
    expect(own.data!.accessLog).toContainEqual(
      expect.objectContaining({ action: 'file', who: 'client', onBehalfOf: null }),
    );
    // A period after everything that happened holds nothing.
    const later = await server.gql<Log>(
      ACCESS_LOG,
      { caseId: registered, from: new Date(server.clock.now().getTime() + 86_400_000) },
      as('client'),
    );
    expect(later.data!.accessLog).toEqual([]);
  });

  it('shows nothing to a handler not on the case or to another organisation', async () => {
    for (const [name, where] of [
      ['handler', org],
      ['otherDirector', other],
    ] as const) {
      const refused = await server.gql<Log>(ACCESS_LOG, { caseId: registered }, as(name, where));
      expect(refused.data?.accessLog ?? null, name).toBeNull();
      expect(refused.errors?.[0]?.extensions?.code, name).toBe('NOT_FOUND');
    }
  });
});
