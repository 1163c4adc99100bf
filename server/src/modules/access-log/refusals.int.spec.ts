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
import { withTenantTransaction } from '../../core/db/tenant-session.js';
import { AccessLogEntry } from './access-log-entry.entity.js';

const ASSIGN = /* GraphQL */ `
  mutation Assign($caseId: ID!, $handlerId: ID!) {
    assignHandler(caseId: $caseId, handlerId: $handlerId) {
      id
    }
  }
`;
const PERFORM = /* GraphQL */ `
  mutation Perform($input: PerformActionInput!) {
    performAction(input: $input) {
      __typename
    }
  }
`;
const ACCESS_LOG = /* GraphQL */ `
  query Log($caseId: ID!) {
    accessLog(caseId: $caseId) {
      action
    }
    case(id: $caseId) {
      id
    }
  }
`;

/**
 * A refusal is a refusal in the access log (NEN 7513): an action, an assignment or a query that
 * passed the case gate and was refused after it is logged `denied`, never `allowed`.
 */
describe('refusals in the access log', () => {
  let server: TestServer;
  let org: ArrangedOrganisation;
  const tokens: Record<string, string> = {};
  let caseId: string;

  /** The lines of one action on the case, oldest first, as `action:outcome`. */
  const logged = async (action: string) =>
    (
      await withTenantTransaction(server.ownerOrm, { organisationId: org.id }, (em) =>
        em.find(AccessLogEntry, { organisationId: org.id, action }, { orderBy: { id: 'asc' } }),
      )
    ).map((line) => `${line.action}:${line.outcome}`);

  beforeAll(async () => {
    server = await startTestServer();
    org = await arrangeOrganisation(server.ownerOrm, {
      client: ['client'],
      manager: ['manager'],
      director: ['director'],
    });
    await publishTemplate(server.ownerOrm, org, 'awb9', org.people.director!);
    for (const name of Object.keys(org.people))
      tokens[name] = await signIn(server, org.people[name]!);
    caseId = await fileComplaintAs(
      server,
      { token: tokens.client, organisation: org.slug },
      { parts: [{ summary: 'Niet teruggebeld.' }] },
    );
  });
  afterAll(() => server.close());

  it('logs an assignment refused after the gate as denied', async () => {
    // The manager may assign on this case, but the client is no handler.
    const result = await server.gql(
      ASSIGN,
      { caseId, handlerId: org.people.client!.id },
      { token: tokens.manager, organisation: org.slug },
    );
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await logged('assign-handler')).toEqual(['assign-handler:denied']);
  });

  it('logs an action the procedure refuses as denied', async () => {
    const read = await server.gql<{ case: { version: number } }>(
      'query($id: ID!) { case(id: $id) { version } }',
      { id: caseId },
      { token: tokens.client, organisation: org.slug },
    );
    // Informing the subject is the handler's: the client reaches the case, the action is refused.
    const result = await server.gql<{ performAction: { __typename: string } }>(
      PERFORM,
      {
        input: {
          caseId,
          action: 'inform-subject',
          expectedVersion: read.data!.case.version,
          payload: { 'informed-on': '2026-01-01' },
        },
      },
      { token: tokens.client, organisation: org.slug },
    );
    expect(result.data?.performAction.__typename).toBe('ActionRefused');
    expect(await logged('perform:inform-subject')).toEqual(['perform:inform-subject:denied']);
  });

  it('logs a refused query as denied, and keeps what the same request did read as allowed', async () => {
    // A director without a second factor reaches the case, but not its access log.
    const before = (await logged('read')).length;
    const result = await server.gql(
      ACCESS_LOG,
      { caseId },
      { token: tokens.director, organisation: org.slug },
    );
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'MFA_REQUIRED',
    });
    expect(await logged('read-access-log')).toEqual(['read-access-log:denied']);
    // The case itself was read and answered in the same response: that access stays allowed.
    expect((await logged('read')).slice(before)).toEqual(['read:allowed']);
  });
});
