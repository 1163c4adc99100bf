import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addMembership,
  arrangeOrganisation,
  publishTemplate,
  signIn,
  startTestServer,
  type ArrangedOrganisation,
  type TestServer,
} from '../../../test/harness.js';
import { withTenantTransaction } from '../../core/db/tenant-session.js';
import { createLogger } from '../../core/logger.js';
import { actAsSystem } from '../../request/act-as.js';
import { expireReferrals } from './referral-lifecycle.js';
import { AccessLogEntry } from '../access-log/access-log-entry.entity.js';
import { CaseEvent } from '../cases/case-event.entity.js';
import { Case } from '../cases/case.entity.js';
import { CaseMessage } from '../messages/message.entity.js';
import { BundleProposal } from './bundle-proposal.entity.js';
import { Referral } from './referral.entity.js';

const DAY_MS = 86_400_000;

const LINK = /* GraphQL */ `
  mutation Link($input: LinkCommissionInput!) {
    linkCommission(input: $input) {
      commissionId
      organisation {
        slug
      }
      termDays
    }
  }
`;
const LINKS = /* GraphQL */ `
  query {
    commissionLinks {
      commissionId
      label {
        nl
      }
      organisation {
        slug
      }
      termDays
    }
  }
`;
const FILE = /* GraphQL */ `
  mutation File($input: FileComplaintInput!) {
    fileComplaint(input: $input) {
      __typename
      ... on CaseChanged {
        case {
          id
          version
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
const PERFORM = /* GraphQL */ `
  mutation Perform($input: PerformActionInput!) {
    performAction(input: $input) {
      __typename
      ... on CaseChanged {
        case {
          id
          version
        }
      }
      ... on ActionRefused {
        code
      }
    }
  }
`;
const CASE = /* GraphQL */ `
  query Case($id: ID!) {
    case(id: $id) {
      id
      reference
      version
      parts {
        id
        summary
      }
      stages {
        stage
      }
      deadlines {
        clock
      }
      handlerIds
      subjectIds
      timeline {
        sequence
        type
        visibility
      }
      referrals {
        id
        commissionId
        commission {
          slug
        }
        referredAt
        endsAt
        endedAt
        endReason
        active
      }
      bundleProposals {
        kind
        itemId
        status
      }
    }
  }
`;
const LIST = /* GraphQL */ `
  query {
    cases(first: 50) {
      totalCount
      edges {
        node {
          id
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
const PROPOSE = /* GraphQL */ `
  mutation Propose($caseId: ID!, $items: [BundleItemInput!]!) {
    proposeBundleItems(caseId: $caseId, items: $items) {
      kind
      itemId
      status
    }
  }
`;
const DECIDE = /* GraphQL */ `
  mutation Decide($caseId: ID!, $decisions: [BundleDecisionInput!]!) {
    decideBundleItems(caseId: $caseId, decisions: $decisions) {
      kind
      itemId
      status
    }
  }
`;
const POST_MESSAGE = /* GraphQL */ `
  mutation Post($input: PostMessageInput!) {
    postMessage(input: $input) {
      id
    }
  }
`;
const ITEMS = /* GraphQL */ `
  query Items($id: ID!) {
    case(id: $id) {
      messages {
        id
      }
      documents {
        id
      }
    }
  }
`;
const EXTEND = /* GraphQL */ `
  mutation Extend($caseId: ID!, $referralId: ID!, $days: Int!) {
    extendReferral(caseId: $caseId, referralId: $referralId, days: $days) {
      endsAt
      active
    }
  }
`;
const END = /* GraphQL */ `
  mutation End($caseId: ID!, $referralId: ID!) {
    endReferral(caseId: $caseId, referralId: $referralId) {
      endedAt
      endReason
      active
    }
  }
`;

interface CaseSeen {
  id: string;
  reference: string;
  version: number;
  parts: { id: string; summary: string }[];
  stages: { stage: string }[];
  deadlines: { clock: string }[];
  handlerIds: string[] | null;
  subjectIds: string[] | null;
  timeline: { sequence: number; type: string; visibility: string }[];
  referrals:
    | {
        id: string;
        commissionId: string;
        commission: { slug: string };
        referredAt: string;
        endsAt: string;
        endedAt: string | null;
        endReason: string | null;
        active: boolean;
      }[]
    | null;
  bundleProposals: { kind: string; itemId: string; status: string }[] | null;
}

/**
 * An external commission serving two care organisations (MO and Veilig Thuis), told from each
 * side: it sees only what was referred to it, only what the client approved, only while the
 * referral runs, and in one organisation at a time.
 */
describe('commission referrals and the bundle through GraphQL', () => {
  let server: TestServer;
  let commission: ArrangedOrganisation;
  let otherCommission: ArrangedOrganisation;
  let mo: ArrangedOrganisation;
  let vt: ArrangedOrganisation;
  let unlinked: ArrangedOrganisation;
  const tokens: Record<string, string> = {};
  let referredCase: string;
  let internalCase: string;
  let vtCase: string;
  let vtCaseToEnd: string;

  const as = (name: string, organisation: ArrangedOrganisation) => ({
    token: tokens[name],
    organisation: organisation.slug,
  });
  const recently = () =>
    new Date(server.clock.now().getTime() - 5 * DAY_MS).toISOString().slice(0, 10);

  async function file(
    organisation: ArrangedOrganisation,
    client: string,
    entry: string,
    summary: string,
  ) {
    return server.gql<{
      fileComplaint: { __typename: string; case?: { id: string }; code?: string };
    }>(
      FILE,
      {
        input: {
          entry,
          complainant: 'client',
          parts: [{ summary }],
          eventDate: recently(),
          // The MO procedure asks what kind of report it is; Veilig Thuis does not.
          ...(organisation === vt ? {} : { category: 'klacht' }),
        },
      },
      as(client, organisation),
    );
  }

  async function fileReferred(
    organisation: ArrangedOrganisation,
    client: string,
    entry: string,
    summary: string,
  ) {
    const result = await file(organisation, client, entry, summary);
    expect(result.errors).toBeUndefined();
    expect(result.data?.fileComplaint.__typename).toBe('CaseChanged');
    return result.data!.fileComplaint.case!.id;
  }

  async function seen(caseId: string, name: string, organisation: ArrangedOrganisation) {
    const result = await server.gql<{ case: CaseSeen | null }>(
      CASE,
      { id: caseId },
      as(name, organisation),
    );
    expect(result.errors).toBeUndefined();
    return result.data!.case;
  }

  async function listed(name: string, organisation: ArrangedOrganisation) {
    const result = await server.gql<{
      cases: { totalCount: number; edges: { node: { id: string } }[] };
    }>(LIST, {}, as(name, organisation));
    expect(result.errors).toBeUndefined();
    return {
      totalCount: result.data!.cases.totalCount,
      ids: result.data!.cases.edges.map((e) => e.node.id),
    };
  }

  /** A staff upload of a small text file, as the documents endpoint takes it. */
  async function uploadDocument(caseId: string, visibility: string, name: string) {
    const response = await fetch(
      `${server.url}/documents?${new URLSearchParams({ caseId, visibility })}`,
      {
        method: 'POST',
        headers: {
          authorization: `Bearer ${tokens.handler}`,
          'x-organisation': mo.slug,
          'content-type': 'application/octet-stream',
          'x-filename': encodeURIComponent(name),
        },
        body: Buffer.from(`Inhoud van ${name}.`),
      },
    );
    expect(response.status).toBe(201);
    return ((await response.json()) as { id: string }).id;
  }

  /** The engine state of a case, as stored. */
  async function caseState(organisation: ArrangedOrganisation, caseId: string) {
    return withTenantTransaction(
      server.ownerOrm,
      { organisationId: organisation.id },
      async (em) =>
        (await em.findOneOrFail(Case, { organisationId: organisation.id, id: caseId })).state,
    );
  }

  async function deniedReads(organisation: ArrangedOrganisation, caseId: string, userId: string) {
    return withTenantTransaction(server.ownerOrm, { organisationId: organisation.id }, (em) =>
      em.count(AccessLogEntry, { caseId, userId, outcome: 'denied' }),
    );
  }

  beforeAll(async () => {
    server = await startTestServer();
    commission = await arrangeOrganisation(
      server.ownerOrm,
      { member: ['commission'] },
      { kind: 'commission' },
    );
    otherCommission = await arrangeOrganisation(
      server.ownerOrm,
      { outsider: ['commission'] },
      { kind: 'commission' },
    );
    mo = await arrangeOrganisation(server.ownerOrm, {
      client: ['client'],
      client2: ['client'],
      handler: ['handler'],
      manager: ['manager'],
      director: ['director'],
      confidant: ['confidant'],
      onlooker: ['confidant'],
    });
    vt = await arrangeOrganisation(server.ownerOrm, {
      client: ['client'],
      manager: ['manager'],
      director: ['director'],
    });
    unlinked = await arrangeOrganisation(server.ownerOrm, {
      client: ['client'],
      director: ['director'],
    });
    await publishTemplate(server.ownerOrm, mo, 'mo', mo.people.director!);
    await publishTemplate(server.ownerOrm, vt, 'veilig-thuis', vt.people.director!);
    await publishTemplate(server.ownerOrm, unlinked, 'mo', unlinked.people.director!);
    // The commission serves MO and Veilig Thuis; the other commission serves MO too, but nothing
    // is ever referred to it.
    for (const organisation of [mo, vt])
      await addMembership(server.ownerOrm, organisation.id, commission.people.member!.id, [
        'commission',
      ]);
    await addMembership(server.ownerOrm, mo.id, otherCommission.people.outsider!.id, [
      'commission',
    ]);
    tokens.member = await signIn(server, commission.people.member!);
    tokens.outsider = await signIn(server, otherCommission.people.outsider!);
    for (const [prefix, organisation] of [
      ['mo', mo],
      ['vt', vt],
      ['unlinked', unlinked],
    ] as const)
      for (const [name, person] of Object.entries(organisation.people))
        tokens[`${prefix}.${name}`] = await signIn(server, person);
    // `as` reads tokens by name; within one organisation the prefix is implied.
    Object.assign(tokens, {
      client: tokens['mo.client'],
      client2: tokens['mo.client2'],
      handler: tokens['mo.handler'],
      manager: tokens['mo.manager'],
      director: tokens['mo.director'],
      confidant: tokens['mo.confidant'],
      onlooker: tokens['mo.onlooker'],
      vtClient: tokens['vt.client'],
      vtManager: tokens['vt.manager'],
      vtDirector: tokens['vt.director'],
      unlinkedClient: tokens['unlinked.client'],
      unlinkedDirector: tokens['unlinked.director'],
    });
  });
  afterAll(() => server.close());

  it('lets only the director link the procedure’s commission to a commission organisation', async () => {
    const before = await server.gql<{ commissionLinks: unknown[] }>(LINKS, {}, as('director', mo));
    expect(before.data?.commissionLinks).toEqual([
      {
        commissionId: 'externe-klachtencommissie',
        label: { nl: 'Externe klachtencommissie' },
        organisation: null,
        termDays: null,
      },
    ]);
    const input = {
      commissionId: 'externe-klachtencommissie',
      commissionOrganisation: commission.slug,
      termDays: 30,
    };
    const byManager = await server.gql(LINK, { input }, as('manager', mo));
    expect(byManager.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const byCommission = await server.gql(LINKS, {}, as('member', mo));
    expect(byCommission.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const toCareOrganisation = await server.gql(
      LINK,
      { input: { ...input, commissionOrganisation: vt.slug } },
      as('director', mo),
    );
    expect(toCareOrganisation.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'commissionOrganisation',
    });
    const unknownCommission = await server.gql(
      LINK,
      { input: { ...input, commissionId: 'geschillencommissie' } },
      as('director', mo),
    );
    expect(unknownCommission.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'commissionId',
    });
    const linked = await server.gql(LINK, { input }, as('director', mo));
    expect(linked.errors).toBeUndefined();
    expect(linked.data).toEqual({
      linkCommission: {
        commissionId: 'externe-klachtencommissie',
        organisation: { slug: commission.slug },
        termDays: 30,
      },
    });
    const inVt = await server.gql(LINK, { input }, as('vtDirector', vt));
    expect(inVt.errors).toBeUndefined();
    const after = await server.gql<{ commissionLinks: { organisation: { slug: string } }[] }>(
      LINKS,
      {},
      as('director', mo),
    );
    expect(after.data?.commissionLinks[0]?.organisation.slug).toBe(commission.slug);
  });

  it('refuses to refer to a commission that is not linked, and writes nothing', async () => {
    const counts = () =>
      withTenantTransaction(server.ownerOrm, { organisationId: unlinked.id }, async (em) => ({
        cases: await em.count(Case, {}),
        events: await em.count(CaseEvent, {}),
        referrals: await em.count(Referral, {}),
      }));
    const filedStraightToCommission = await file(
      unlinked,
      'unlinkedClient',
      'extern',
      'Ik wil direct naar de commissie.',
    );
    expect(filedStraightToCommission.errors).toBeUndefined();
    expect(filedStraightToCommission.data?.fileComplaint).toMatchObject({
      __typename: 'ActionRefused',
      code: 'commission-not-linked',
    });
    expect(await counts()).toEqual({ cases: 0, events: 0, referrals: 0 });

    // Later in the procedure: the client takes a running complaint to the commission.
    const running = await fileReferred(unlinked, 'unlinkedClient', 'officieel', 'Eerst intern.');
    const before = await counts();
    const kase = await seen(running, 'unlinkedClient', unlinked);
    const refused = await server.gql<{ performAction: { __typename: string; code: string } }>(
      PERFORM,
      {
        input: {
          caseId: running,
          action: 'file-external',
          expectedVersion: kase!.version,
          payload: { internal: 'doorgaan' },
        },
      },
      as('unlinkedClient', unlinked),
    );
    expect(refused.data?.performAction).toEqual({
      __typename: 'ActionRefused',
      code: 'commission-not-linked',
    });
    expect(await counts()).toEqual(before);
    expect((await seen(running, 'unlinkedClient', unlinked))?.version).toBe(kase!.version);
  });

  it('shows a commission member only the case referred to it, with its header and not its internals', async () => {
    referredCase = await fileReferred(mo, 'client', 'extern', 'De opvang zette mij op straat.');
    internalCase = await fileReferred(mo, 'client2', 'officieel', 'Mijn kamer werd doorzocht.');

    expect(await listed('member', mo)).toEqual({ totalCount: 1, ids: [referredCase] });
    expect(await seen(internalCase, 'member', mo)).toBeNull();
    expect(await deniedReads(mo, internalCase, commission.people.member!.id)).toBe(1);

    const asMember = await seen(referredCase, 'member', mo);
    expect(asMember).toMatchObject({
      id: referredCase,
      parts: [{ id: 'p1', summary: 'De opvang zette mij op straat.' }],
      stages: [{ stage: 'extern-ingediend' }],
      handlerIds: null,
      subjectIds: null,
      bundleProposals: null,
    });
    expect(asMember!.reference).toMatch(/^[A-Z0-9]+-\d{4}-\d{4}$/);
    // Only the bundle: the referral itself, nothing of what the client filed until approved.
    expect(asMember!.timeline.map((e) => e.type)).toEqual(['referred']);
    expect(asMember!.referrals).toHaveLength(1);
    const referral = asMember!.referrals![0]!;
    expect(referral).toMatchObject({
      commissionId: 'externe-klachtencommissie',
      commission: { slug: commission.slug },
      endedAt: null,
      active: true,
    });
    expect(Date.parse(referral.endsAt) - Date.parse(referral.referredAt)).toBe(30 * DAY_MS);

    const asManager = await seen(referredCase, 'manager', mo);
    expect(asManager!.referrals).toEqual(asMember!.referrals);
    expect(asManager!.timeline.map((e) => e.type)).toContain('case-filed');
    expect((await seen(referredCase, 'client', mo))!.referrals).toBeNull();
  });

  it('shows a member of a commission that serves the organisation nothing it was not referred', async () => {
    expect(await listed('outsider', mo)).toEqual({ totalCount: 0, ids: [] });
    expect(await seen(referredCase, 'outsider', mo)).toBeNull();
    expect(await deniedReads(mo, referredCase, otherCommission.people.outsider!.id)).toBe(1);
    // Its own organisation holds no cases of MO either.
    expect(await seen(referredCase, 'outsider', otherCommission)).toBeNull();
  });

  it('shows each served organisation’s referred cases only while that organisation is active', async () => {
    vtCase = await fileReferred(vt, 'vtClient', 'commissie', 'Het onderzoek was eenzijdig.');
    vtCaseToEnd = await fileReferred(vt, 'vtClient', 'commissie', 'Niemand belde terug.');

    const inVt = await listed('member', vt);
    expect(inVt.totalCount).toBe(2);
    expect(inVt.ids.sort()).toEqual([vtCase, vtCaseToEnd].sort());
    expect(await seen(referredCase, 'member', vt)).toBeNull();

    const inMo = await listed('member', mo);
    expect(inMo.ids).toEqual([referredCase]);
    expect(await seen(vtCase, 'member', mo)).toBeNull();
    // The commission's own organisation is not a window onto the cases it serves.
    expect(await listed('member', commission)).toEqual({ totalCount: 0, ids: [] });
  });

  it('shares with the commission only the shared items the client approved', async () => {
    const timeline = (await seen(referredCase, 'manager', mo))!.timeline;
    const filed = timeline.find((e) => e.type === 'case-filed')!;
    const stage = timeline.find((e) => e.type === 'stage-entered')!;
    const referred = timeline.find((e) => e.type === 'referred')!;
    await server.gql(
      ASSIGN,
      { caseId: referredCase, handlerId: mo.people.handler!.id },
      as('manager', mo),
    );
    const internal = (await seen(referredCase, 'manager', mo))!.timeline.find(
      (e) => e.type === 'handler-assigned',
    )!;
    expect(internal.visibility).toBe('internal');

    const item = (event: { sequence: number }) => ({ kind: 'event', id: String(event.sequence) });
    const internalRefused = await server.gql(
      PROPOSE,
      { caseId: referredCase, items: [item(internal)] },
      as('handler', mo),
    );
    expect(internalRefused.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'items.0.id',
    });
    const alreadyBundled = await server.gql(
      PROPOSE,
      { caseId: referredCase, items: [item(referred)] },
      as('handler', mo),
    );
    expect(alreadyBundled.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const ofAnotherCase = await server.gql(
      PROPOSE,
      { caseId: internalCase, items: [{ kind: 'event', id: '999' }] },
      as('manager', mo),
    );
    expect(ofAnotherCase.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    for (const name of ['member', 'client'])
      expect(
        (await server.gql(PROPOSE, { caseId: referredCase, items: [item(filed)] }, as(name, mo)))
          .errors?.[0]?.extensions?.code,
      ).toBe('NOT_FOUND');

    const proposed = await server.gql(
      PROPOSE,
      { caseId: referredCase, items: [item(filed), item(stage)] },
      as('handler', mo),
    );
    expect(proposed.errors).toBeUndefined();
    expect(proposed.data).toEqual({
      proposeBundleItems: [
        { kind: 'event', itemId: String(filed.sequence), status: 'proposed' },
        { kind: 'event', itemId: String(stage.sequence), status: 'proposed' },
      ],
    });
    // Proposed is not shared: the commission still sees only the referral.
    expect((await seen(referredCase, 'member', mo))!.timeline.map((e) => e.type)).toEqual([
      'referred',
    ]);

    const decisions = [
      { ...item(filed), approve: true },
      { ...item(stage), approve: false },
    ];
    const byOtherClient = await server.gql(
      DECIDE,
      { caseId: referredCase, decisions },
      as('client2', mo),
    );
    expect(byOtherClient.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(await deniedReads(mo, referredCase, mo.people.client2!.id)).toBe(1);
    const byCommission = await server.gql(
      DECIDE,
      { caseId: referredCase, decisions },
      as('member', mo),
    );
    expect(byCommission.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');

    const decided = await server.gql(DECIDE, { caseId: referredCase, decisions }, as('client', mo));
    expect(decided.errors).toBeUndefined();
    expect(decided.data).toEqual({
      decideBundleItems: [
        { kind: 'event', itemId: String(filed.sequence), status: 'approved' },
        { kind: 'event', itemId: String(stage.sequence), status: 'declined' },
      ],
    });
    const asMember = await seen(referredCase, 'member', mo);
    expect(asMember!.timeline.map((e) => e.type)).toEqual(['case-filed', 'referred']);
    expect((await seen(referredCase, 'client', mo))!.bundleProposals).toEqual(
      decided.data!.decideBundleItems,
    );
    const again = await server.gql(DECIDE, { caseId: referredCase, decisions }, as('client', mo));
    expect(again.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('lets a confidant decide for the client only with a grant to submit', async () => {
    const caseId = await fileReferred(mo, 'client', 'extern', 'Mijn post werd geopend.');
    const grant = async (confidant: string, scopes: string[]) => {
      const granted = await server.gql(
        /* GraphQL */ `
          mutation Grant($input: GrantConfidantInput!) {
            grantConfidant(input: $input) {
              live
            }
          }
        `,
        { input: { caseId, confidantId: mo.people[confidant]!.id, scopes } },
        as('client', mo),
      );
      expect(granted.errors).toBeUndefined();
    };
    await grant('confidant', ['view', 'submit']);
    await grant('onlooker', ['view']);
    const filed = (await seen(caseId, 'manager', mo))!.timeline.find(
      (e) => e.type === 'case-filed',
    )!;
    const item = { kind: 'event', id: String(filed.sequence) };
    expect(
      (await server.gql(PROPOSE, { caseId, items: [item] }, as('manager', mo))).errors,
    ).toBeUndefined();
    // A confidant sees what the client sees, including what is proposed.
    expect((await seen(caseId, 'onlooker', mo))!.bundleProposals).toEqual([
      { kind: 'event', itemId: item.id, status: 'proposed' },
    ]);

    const decisions = [{ ...item, approve: true }];
    const onlyViewing = await server.gql(DECIDE, { caseId, decisions }, as('onlooker', mo));
    expect(onlyViewing.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const forClient = await server.gql(DECIDE, { caseId, decisions }, as('confidant', mo));
    expect(forClient.errors).toBeUndefined();
    const decision = await withTenantTransaction(server.ownerOrm, { organisationId: mo.id }, (em) =>
      em.findOneOrFail(BundleProposal, { caseId }),
    );
    expect(decision).toMatchObject({
      status: 'approved',
      decidedBy: mo.people.confidant!.id,
      decidedOnBehalfOf: mo.people.client!.id,
    });
    expect((await seen(caseId, 'member', mo))!.timeline.map((e) => e.type)).toEqual([
      'case-filed',
      'referred',
    ]);
  });

  it('shares approved messages and documents with the commission, and never an internal note', async () => {
    const caseId = await fileReferred(mo, 'client', 'extern', 'Mijn spullen zijn weggegooid.');
    await server.gql(ASSIGN, { caseId, handlerId: mo.people.handler!.id }, as('manager', mo));
    const post = async (body: string, visibility: string) => {
      const posted = await server.gql<{ postMessage: { id: string } }>(
        POST_MESSAGE,
        { input: { caseId, body, visibility } },
        as('handler', mo),
      );
      expect(posted.errors).toBeUndefined();
      return posted.data!.postMessage.id;
    };
    const sharedMessage = await post('We hebben uw klacht doorgestuurd.', 'SHARED');
    const otherMessage = await post('Wij nemen contact op.', 'SHARED');
    const note = await post('Intern: cliënt eerder gewaarschuwd.', 'INTERNAL');
    const sharedDocument = await uploadDocument(caseId, 'shared', 'verslag.txt');
    const internalDocument = await uploadDocument(caseId, 'internal', 'notitie.txt');

    const asMember = async () => {
      const result = await server.gql<{
        case: { messages: { id: string }[]; documents: { id: string }[] } | null;
      }>(ITEMS, { id: caseId }, as('member', mo));
      expect(result.errors).toBeUndefined();
      return result.data!.case;
    };
    expect(await asMember()).toEqual({ messages: [], documents: [] });

    for (const [kind, id] of [
      ['message', note],
      ['document', internalDocument],
    ] as const) {
      const refused = await server.gql(
        PROPOSE,
        { caseId, items: [{ kind, id }] },
        as('handler', mo),
      );
      expect(refused.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'items.0.id',
      });
    }
    // An item of another kind, or of another case, is unknown.
    const wrongKind = await server.gql(
      PROPOSE,
      { caseId, items: [{ kind: 'document', id: sharedMessage }] },
      as('handler', mo),
    );
    expect(wrongKind.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const otherCase = await server.gql(
      PROPOSE,
      { caseId: referredCase, items: [{ kind: 'message', id: sharedMessage }] },
      as('manager', mo),
    );
    expect(otherCase.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');

    const items = [
      { kind: 'message', id: sharedMessage },
      { kind: 'message', id: otherMessage },
      { kind: 'document', id: sharedDocument.toUpperCase() },
    ];
    const proposed = await server.gql(PROPOSE, { caseId, items }, as('handler', mo));
    expect(proposed.errors).toBeUndefined();
    expect(await asMember()).toEqual({ messages: [], documents: [] });

    const decided = await server.gql(
      DECIDE,
      {
        caseId,
        decisions: [
          { kind: 'message', id: sharedMessage, approve: true },
          { kind: 'message', id: otherMessage, approve: false },
          { kind: 'document', id: sharedDocument, approve: true },
        ],
      },
      as('client', mo),
    );
    expect(decided.errors).toBeUndefined();
    expect(await asMember()).toEqual({
      messages: [{ id: sharedMessage }],
      documents: [{ id: sharedDocument }],
    });
    // The note stayed inside the organisation, whatever was proposed around it.
    const stored = await withTenantTransaction(server.ownerOrm, { organisationId: mo.id }, (em) =>
      em.find(CaseMessage, { caseId, bundled: true }),
    );
    expect(stored.map((m) => m.id)).toEqual([sharedMessage]);
    // Once the referral is gone, so is the bundle.
    const referral = (await seen(caseId, 'manager', mo))!.referrals![0]!;
    const ended = await server.gql(END, { caseId, referralId: referral.id }, as('manager', mo));
    expect(ended.errors).toBeUndefined();
    expect(await asMember()).toBeNull();
  });

  it('ends the commission’s access when the procedure ends the referral', async () => {
    const before = (await seen(referredCase, 'member', mo))!;
    const verdict = await server.gql<{ performAction: { __typename: string } }>(
      PERFORM,
      {
        input: {
          caseId: referredCase,
          action: 'commission-verdict',
          expectedVersion: before.version,
          payload: {
            outcomes: [{ part: 'p1', outcome: 'gegrond' }],
            reasoning: 'De commissie acht de klacht gegrond: er was geen opzegtermijn.',
          },
        },
      },
      as('member', mo),
    );
    expect(verdict.errors).toBeUndefined();
    expect(verdict.data?.performAction.__typename).toBe('CaseChanged');

    const deniedBefore = await deniedReads(mo, referredCase, commission.people.member!.id);
    expect(await seen(referredCase, 'member', mo)).toBeNull();
    expect((await listed('member', mo)).ids).not.toContain(referredCase);
    const actAgain = await server.gql(
      PERFORM,
      {
        input: {
          caseId: referredCase,
          action: 'commission-verdict',
          expectedVersion: before.version + 1,
          payload: {},
        },
      },
      as('member', mo),
    );
    expect(actAgain.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(await deniedReads(mo, referredCase, commission.people.member!.id)).toBe(
      deniedBefore + 2,
    );

    const asManager = (await seen(referredCase, 'manager', mo))!;
    expect(asManager.referrals).toMatchObject([{ endReason: 'procedure', active: false }]);
    expect(asManager.timeline.map((e) => e.type)).toContain('referral-ended');
  });

  it('lets staff extend or end a referral, and nobody else', async () => {
    const referralOf = async (caseId: string) =>
      (await seen(caseId, 'vtManager', vt))!.referrals![0]!;
    const toExtend = await referralOf(vtCase);
    const byClient = await server.gql(
      EXTEND,
      { caseId: vtCase, referralId: toExtend.id, days: 10 },
      as('vtClient', vt),
    );
    expect(byClient.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const byMember = await server.gql(
      EXTEND,
      { caseId: vtCase, referralId: toExtend.id, days: 10 },
      as('member', vt),
    );
    expect(byMember.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const extended = await server.gql<{ extendReferral: { endsAt: string; active: boolean } }>(
      EXTEND,
      { caseId: vtCase, referralId: toExtend.id, days: 10 },
      as('vtManager', vt),
    );
    expect(extended.errors).toBeUndefined();
    expect(Date.parse(extended.data!.extendReferral.endsAt)).toBe(
      Date.parse(toExtend.endsAt) + 10 * DAY_MS,
    );

    const toEnd = await referralOf(vtCaseToEnd);
    const ended = await server.gql(
      END,
      { caseId: vtCaseToEnd, referralId: toEnd.id },
      as('vtDirector', vt),
    );
    expect(ended.errors).toBeUndefined();
    expect(ended.data).toMatchObject({ endReferral: { endReason: 'staff', active: false } });
    expect(await seen(vtCaseToEnd, 'member', vt)).toBeNull();
    const endedTwice = await server.gql(
      EXTEND,
      { caseId: vtCaseToEnd, referralId: toEnd.id, days: 10 },
      as('vtDirector', vt),
    );
    expect(endedTwice.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'referralId',
    });
    expect((await listed('member', vt)).ids).toEqual([vtCase]);
  });

  it('stops access once the referral’s term has passed, and the expiry job records it once', async () => {
    // Sessions expire with the days the clock moves on; the people sign in again.
    const signInAgain = async () => {
      tokens.member = await signIn(server, commission.people.member!);
      tokens.vtManager = await signIn(server, vt.people.manager!);
    };
    // Thirty days' term plus ten days' extension: still referred after 31 days.
    server.clock.advance(31 * DAY_MS);
    await signInAgain();
    expect((await seen(vtCase, 'member', vt))?.id).toBe(vtCase);

    server.clock.advance(10 * DAY_MS);
    await signInAgain();
    const deniedBefore = await deniedReads(vt, vtCase, commission.people.member!.id);
    expect(await seen(vtCase, 'member', vt)).toBeNull();
    expect(await listed('member', vt)).toEqual({ totalCount: 0, ids: [] });
    expect(await deniedReads(vt, vtCase, commission.people.member!.id)).toBe(deniedBefore + 1);
    // Asking changed nothing: building the member's ability writes no row.
    const before = (await seen(vtCase, 'vtManager', vt))!;
    expect(before.referrals).toMatchObject([{ endReason: null, endedAt: null, active: false }]);
    expect(before.timeline.filter((e) => e.type === 'referral-expired')).toHaveLength(0);

    // The scheduled job records the end: on the row, on the timeline and in the engine state.
    // (Run for this organisation only: other test files share the database.)
    const deps = { orm: server.runtimeOrm, config: server.config, log: createLogger('silent') };
    const expire = () =>
      actAsSystem(deps, { id: vt.id, slug: vt.slug }, server.clock.now(), expireReferrals);
    expect(await expire()).toBeGreaterThanOrEqual(1);
    const asManager = (await seen(vtCase, 'vtManager', vt))!;
    expect(asManager.referrals).toMatchObject([{ endReason: 'expired', active: false }]);
    expect(asManager.referrals![0]!.endedAt).toBe(asManager.referrals![0]!.endsAt);
    expect(asManager.timeline.filter((e) => e.type === 'referral-expired')).toHaveLength(1);
    const state = await caseState(vt, vtCase);
    expect(state.referrals.every((referral) => !referral.active)).toBe(true);
    // Run again, it finds nothing left to do.
    expect(await expire()).toBe(0);
    expect(
      (await seen(vtCase, 'vtManager', vt))!.timeline.filter((e) => e.type === 'referral-expired'),
    ).toHaveLength(1);
  });
});
