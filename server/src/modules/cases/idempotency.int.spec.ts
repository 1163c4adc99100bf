import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  arrangeOrganisation,
  publishTemplate,
  signIn,
  startTestServer,
  type ArrangedOrganisation,
  type TestServer,
} from '../../../test/harness.js';
import { withTenantTransaction } from '../../core/db/tenant-session.js';
import { IdempotencyKey } from '../idempotency/idempotency-key.entity.js';
import { CaseEvent } from './case-event.entity.js';
import { Case } from './case.entity.js';

const FILE = /* GraphQL */ `
  mutation File($input: FileComplaintInput!) {
    fileComplaint(input: $input) {
      ... on CaseChanged {
        case {
          id
          version
        }
      }
    }
  }
`;
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
      ... on CaseChanged {
        case {
          id
          version
          stages {
            stage
          }
        }
      }
      ... on ActionRefused {
        code
        reasons {
          message {
            nl
          }
        }
      }
    }
  }
`;

type Performed = {
  performAction: {
    __typename: string;
    case?: { id: string; version: number; stages: { stage: string }[] };
    code?: string;
  };
};

const MOTIVATION = 'De klacht is helder op papier gezet; horen voegt niets toe.';

/** A handler whose network drops retries an action: it is applied once, and the retry learns how it went. */
describe('idempotent retries of performAction', () => {
  let server: TestServer;
  let org: ArrangedOrganisation;
  const tokens: Record<string, string> = {};
  const as = (name: string) => ({ token: tokens[name], organisation: org.slug });

  const fileAssigned = async () => {
    const filed = await server.gql<{ fileComplaint: { case: { id: string; version: number } } }>(
      FILE,
      { input: { complainant: 'client', parts: [{ summary: 'Geen antwoord op mijn brief.' }] } },
      as('client'),
    );
    const { id } = filed.data!.fileComplaint.case;
    for (const handler of ['handler', 'handler2']) {
      const assigned = await server.gql(
        ASSIGN,
        { caseId: id, handlerId: org.people[handler]!.id },
        as('manager'),
      );
      expect(assigned.errors).toBeUndefined();
    }
    return { id, version: filed.data!.fileComplaint.case.version };
  };
  /** The case as stored, and how many keys the person has (each sees only their own keys). */
  const stored = (caseId: string, person = 'handler') =>
    withTenantTransaction(
      server.ownerOrm,
      { organisationId: org.id, userId: org.people[person]!.id },
      async (em) => ({
        version: (await em.findOneOrFail(Case, { organisationId: org.id, id: caseId })).version,
        events: await em.count(CaseEvent, { organisationId: org.id, caseId }),
        keys: await em.count(IdempotencyKey, { organisationId: org.id }),
      }),
    );

  beforeAll(async () => {
    server = await startTestServer({ poolMax: 8 });
    org = await arrangeOrganisation(server.ownerOrm, {
      client: ['client'],
      handler: ['handler'],
      handler2: ['handler'],
      manager: ['manager'],
      director: ['director'],
    });
    await publishTemplate(server.ownerOrm, org, 'awb9', org.people.director!);
    for (const name of Object.keys(org.people))
      tokens[name] = await signIn(server, org.people[name]!);
  });
  afterAll(() => server.close());

  it('answers a retry with the first result and applies the action once, even after the case moved on', async () => {
    const { id, version } = await fileAssigned();
    const acknowledge = {
      caseId: id,
      action: 'acknowledge',
      expectedVersion: version,
      payload: {},
      idempotencyKey: 'ack-3f9c2a71',
    };
    const first = await server.gql<Performed>(PERFORM, { input: acknowledge }, as('handler'));
    expect(first.data?.performAction.__typename).toBe('CaseChanged');
    const afterFirst = await stored(id);

    const retry = await server.gql<Performed>(PERFORM, { input: acknowledge }, as('handler'));
    expect(retry).toEqual(first);
    expect(await stored(id)).toEqual(afterFirst);

    const moveOn = await server.gql<Performed>(
      PERFORM,
      {
        input: {
          caseId: id,
          action: 'waive-hearing',
          expectedVersion: first.data!.performAction.case!.version,
          payload: { motivation: MOTIVATION },
        },
      },
      as('handler'),
    );
    expect(moveOn.data?.performAction.__typename).toBe('CaseChanged');
    const lateRetry = await server.gql<Performed>(PERFORM, { input: acknowledge }, as('handler'));
    expect(lateRetry).toEqual(first);
    expect(lateRetry.data!.performAction.case!.stages).toEqual([{ stage: 'horen' }]);
  });

  it('refuses the same key with another payload, action or case, and writes nothing', async () => {
    const { id, version } = await fileAssigned();
    const key = 'reuse-8d1e4b02';
    const first = await server.gql<Performed>(
      PERFORM,
      {
        input: { caseId: id, action: 'acknowledge', expectedVersion: version, idempotencyKey: key },
      },
      as('handler'),
    );
    expect(first.data?.performAction.__typename).toBe('CaseChanged');
    const before = await stored(id);
    const next = first.data!.performAction.case!.version;
    const other = await fileAssigned();
    const misuses = [
      { caseId: id, action: 'acknowledge', expectedVersion: version, payload: { extra: 1 } },
      {
        caseId: id,
        action: 'waive-hearing',
        expectedVersion: next,
        payload: { motivation: MOTIVATION },
      },
      { caseId: other.id, action: 'acknowledge', expectedVersion: other.version },
    ];
    for (const input of misuses) {
      const refused = await server.gql(
        PERFORM,
        { input: { ...input, idempotencyKey: key } },
        as('handler'),
      );
      expect(refused.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'idempotencyKey',
      });
    }
    expect(await stored(id)).toEqual(before);
    expect((await stored(other.id)).version).toBe(other.version);
  });

  it('keeps each user’s keys their own', async () => {
    const { id, version } = await fileAssigned();
    const key = 'shared-key-0001';
    const byHandler = await server.gql<Performed>(
      PERFORM,
      {
        input: { caseId: id, action: 'acknowledge', expectedVersion: version, idempotencyKey: key },
      },
      as('handler'),
    );
    expect(byHandler.data?.performAction.__typename).toBe('CaseChanged');
    // The same key from a colleague is a new request: applied on the current version.
    const byColleague = await server.gql<Performed>(
      PERFORM,
      {
        input: {
          caseId: id,
          action: 'waive-hearing',
          expectedVersion: byHandler.data!.performAction.case!.version,
          payload: { motivation: MOTIVATION },
          idempotencyKey: key,
        },
      },
      as('handler2'),
    );
    expect(byColleague.data?.performAction).toMatchObject({
      __typename: 'CaseChanged',
      case: { stages: [{ stage: 'beoordeling' }] },
    });
  });

  it('remembers a refusal as the result, and a stale version is not remembered', async () => {
    const { id, version } = await fileAssigned();
    const input = {
      caseId: id,
      action: 'acknowledge',
      expectedVersion: version,
      idempotencyKey: 'client-try-0001',
    };
    const refused = await server.gql<Performed>(PERFORM, { input }, as('client'));
    expect(refused.data?.performAction).toMatchObject({
      __typename: 'ActionRefused',
      code: 'role-not-allowed',
    });
    const keysAfterRefusal = (await stored(id, 'client')).keys;
    expect(keysAfterRefusal).toBe(1);
    expect(await server.gql<Performed>(PERFORM, { input }, as('client'))).toEqual(refused);

    const handlerKeys = (await stored(id)).keys;
    const stale = { ...input, expectedVersion: version + 5, idempotencyKey: 'stale-try-0001' };
    const conflict = await server.gql(PERFORM, { input: stale }, as('handler'));
    expect(conflict.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect((await stored(id)).keys).toBe(handlerKeys);
    // The conflict was not remembered: with the right version the same key goes through.
    const fixed = await server.gql<Performed>(
      PERFORM,
      { input: { ...stale, expectedVersion: version } },
      as('handler'),
    );
    expect(fixed.data?.performAction.__typename).toBe('CaseChanged');
  });

  it('applies simultaneous retries with one key exactly once, and answers them all alike', async () => {
    const { id, version } = await fileAssigned();
    const before = await stored(id);
    const input = {
      caseId: id,
      action: 'acknowledge',
      expectedVersion: version,
      idempotencyKey: 'burst-5a7d9e11',
    };
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => server.gql<Performed>(PERFORM, { input }, as('handler'))),
    );
    for (const answer of answers) expect(answer).toEqual(answers[0]);
    expect(answers[0]!.data?.performAction.__typename).toBe('CaseChanged');
    const after = await stored(id);
    expect(after.version).toBe(version + 1);
    expect(after.keys).toBe(before.keys + 1);
  });

  it('refuses a malformed key before looking at anything', async () => {
    const { id, version } = await fileAssigned();
    for (const idempotencyKey of [
      'short',
      'x'.repeat(129),
      'with space 123',
      'nul\u0000byte-key',
      42,
    ]) {
      const refused = await server.gql(
        PERFORM,
        { input: { caseId: id, action: 'acknowledge', expectedVersion: version, idempotencyKey } },
        as('handler'),
      );
      expect(refused.errors?.[0]?.extensions?.code, String(idempotencyKey)).toBe('BAD_USER_INPUT');
    }
    expect((await stored(id)).version).toBe(version);
  });
});

const FILE_WITH_REFERENCE = /* GraphQL */ `
  mutation File($input: FileComplaintInput!) {
    fileComplaint(input: $input) {
      __typename
      ... on CaseChanged {
        case {
          id
          reference
          version
        }
      }
    }
  }
`;
type Filed = {
  fileComplaint: {
    __typename: string;
    case?: { id: string; reference: string; version: number };
  };
};

/** A client whose answer was lost files again: one complaint, one reference number. */
describe('idempotent retries of fileComplaint', () => {
  let server: TestServer;
  let org: ArrangedOrganisation;
  let other: ArrangedOrganisation;
  const tokens: Record<string, string> = {};
  const as = (name: string, where = org) => ({ token: tokens[name], organisation: where.slug });
  const complaint = (summary: string, idempotencyKey?: string) => ({
    input: {
      complainant: 'client',
      parts: [{ summary }],
      ...(idempotencyKey ? { idempotencyKey } : {}),
    },
  });
  /** Cases and counters as stored, read as a director of the organisation. */
  const counts = (where: ArrangedOrganisation, director = 'director') =>
    withTenantTransaction(
      server.ownerOrm,
      { organisationId: where.id, userId: where.people[director]!.id },
      async (em) => ({
        cases: await em.count(Case, { organisationId: where.id }),
        counter: (
          await em.execute<{ n: number | null }[]>(
            'select max(last_number)::int as n from case_reference_counters where organisation_id = ?',
            [where.id],
          )
        )[0]!.n,
      }),
    );

  beforeAll(async () => {
    server = await startTestServer({ poolMax: 8 });
    org = await arrangeOrganisation(server.ownerOrm, {
      client: ['client'],
      client2: ['client'],
      handler: ['handler'],
      director: ['director'],
    });
    other = await arrangeOrganisation(server.ownerOrm, {
      outsider: ['client'],
      director: ['director'],
    });
    await publishTemplate(server.ownerOrm, org, 'awb9', org.people.director!);
    await publishTemplate(server.ownerOrm, other, 'awb9', other.people.director!);
    for (const name of Object.keys(org.people))
      tokens[name] = await signIn(server, org.people[name]!);
    tokens.outsider = await signIn(server, other.people.outsider!);
  });
  afterAll(() => server.close());

  it('files once and answers the retry with the same case and reference', async () => {
    const before = await counts(org);
    const request = complaint('Mijn afspraak is drie keer verzet.', 'file-7c21d9e0');
    const first = await server.gql<Filed>(FILE_WITH_REFERENCE, request, as('client'));
    expect(first.data?.fileComplaint.__typename).toBe('CaseChanged');
    const retry = await server.gql<Filed>(FILE_WITH_REFERENCE, request, as('client'));
    expect(retry).toEqual(first);
    const after = await counts(org);
    expect(after.cases).toBe(before.cases + 1);
    expect(after.counter).toBe((before.counter ?? 0) + 1);
    // Without a key, the same text is a new complaint, as it always was.
    const again = await server.gql<Filed>(
      FILE_WITH_REFERENCE,
      complaint('Mijn afspraak is drie keer verzet.'),
      as('client'),
    );
    expect(again.data?.fileComplaint.case?.id).not.toBe(first.data?.fileComplaint.case?.id);
  });

  it('files simultaneous retries with one key exactly once', async () => {
    const before = await counts(org);
    const request = complaint('Niemand belde terug over de medicatie.', 'burst-file-0001');
    const answers = await Promise.all(
      Array.from({ length: 8 }, () =>
        server.gql<Filed>(FILE_WITH_REFERENCE, request, as('client')),
      ),
    );
    for (const answer of answers) expect(answer).toEqual(answers[0]);
    expect(answers[0]!.data?.fileComplaint.__typename).toBe('CaseChanged');
    expect((await counts(org)).cases).toBe(before.cases + 1);
  });

  it('refuses the key with another filing and files nothing', async () => {
    const key = 'reused-file-0001';
    const first = await server.gql<Filed>(
      FILE_WITH_REFERENCE,
      complaint('De maaltijden komen koud aan.', key),
      as('client'),
    );
    expect(first.data?.fileComplaint.__typename).toBe('CaseChanged');
    const before = await counts(org);
    const refused = await server.gql<Filed>(
      FILE_WITH_REFERENCE,
      complaint('Een heel andere klacht.', key),
      as('client'),
    );
    expect(refused.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'idempotencyKey',
    });
    expect(await counts(org)).toEqual(before);
    // A filing key is not a performAction key: the same key on an action is refused too.
    const perform = await server.gql(
      PERFORM,
      {
        input: {
          caseId: first.data!.fileComplaint.case!.id,
          action: 'acknowledge',
          expectedVersion: first.data!.fileComplaint.case!.version,
          idempotencyKey: key,
        },
      },
      as('client'),
    );
    expect(perform.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('keeps the key its user’s: another client, or another organisation, files their own complaint', async () => {
    const key = 'shared-file-0001';
    const request = complaint('De deur van mijn kamer sluit niet.', key);
    const mine = await server.gql<Filed>(FILE_WITH_REFERENCE, request, as('client'));
    const theirs = await server.gql<Filed>(FILE_WITH_REFERENCE, request, as('client2'));
    const elsewhere = await server.gql<Filed>(FILE_WITH_REFERENCE, request, as('outsider', other));
    const ids = [mine, theirs, elsewhere].map((answer) => answer.data?.fileComplaint.case?.id);
    expect(ids.every(Boolean)).toBe(true);
    expect(new Set(ids).size).toBe(3);
    // Neither the colleague's nor the other organisation's answer names the first client's case.
    expect(JSON.stringify([theirs, elsewhere])).not.toContain(ids[0]);
  });

  it('refuses a malformed key before filing', async () => {
    const before = await counts(org);
    for (const idempotencyKey of ['short', 'x'.repeat(129), 'with space 123']) {
      const refused = await server.gql(
        FILE_WITH_REFERENCE,
        complaint('Een klacht met een slechte sleutel.', idempotencyKey),
        as('client'),
      );
      expect(refused.errors?.[0]?.extensions?.code, idempotencyKey).toBe('BAD_USER_INPUT');
    }
    expect(await counts(org)).toEqual(before);
  });
});
