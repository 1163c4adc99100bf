import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ORGANISATION_ACCESS_LOG,
  type OrganisationAccessLogAnswer,
  type OrganisationAccessLogLine,
} from '../../../test/access-log-operations.js';
import {
  fileComplaintAs,
  grantConfidant,
  referToCommission,
} from '../../../test/casework-fixtures.js';
import {
  addMembership,
  arrangeOrganisation,
  enrolSecondFactor,
  LONG_SESSIONS,
  publishTemplate,
  signIn,
  startTestServer,
  withOwnerClient,
  type Actor,
  type ArrangedOrganisation,
  type TestServer,
} from '../../../test/harness.js';
import { withTenantTransaction } from '../../core/db/tenant-session.js';
import { AccessLogEntry } from './access-log-entry.entity.js';
import { verifyAccessLog } from './access-log-chain.js';

const READ = /* GraphQL */ `
  query Read($id: ID!) {
    case(id: $id) {
      id
      reference
    }
  }
`;
const CASE_LOG = /* GraphQL */ `
  query Log($caseId: ID!) {
    accessLog(caseId: $caseId) {
      action
      who
      onBehalfOf
      actorOrganisation
      bySystem
    }
  }
`;

const DAY_MS = 86_400_000;

/**
 * Issue 13 item 6 and issue 8 §8 (ADR 0087): a director reads the organisation's whole access log
 * after two-step verification — who, from which organisation, for whom, what, which case, when,
 * allowed or not — narrowed by case, person and period and paged; nobody else reads it, and a
 * director never reads the lines of a case they are the subject of.
 */
describe('the organisation’s access log for its directors', () => {
  let server: TestServer;
  let org: ArrangedOrganisation;
  let other: ArrangedOrganisation;
  let commission: ArrangedOrganisation;
  const tokens: Record<string, string> = {};
  const as = (name: string, where: ArrangedOrganisation = org): Actor => ({
    token: tokens[name],
    organisation: where.slug,
  });
  /** The case the story happens on, one the recused director is the subject of. */
  let caseA: { id: string; reference: string };
  let caseB: { id: string; reference: string };
  /** The moment the second day starts: everything before it is the filing day. */
  let secondDay: Date;

  const log = (who: Actor, filter: Record<string, unknown> = {}, first = 200, after?: string) =>
    server.gql<OrganisationAccessLogAnswer>(
      ORGANISATION_ACCESS_LOG,
      { filter, first, ...(after ? { after } : {}) },
      who,
    );
  const lines = async (who: Actor, filter: Record<string, unknown> = {}) => {
    const answer = await log(who, filter);
    expect(answer.errors, JSON.stringify(answer.errors)).toBeUndefined();
    return answer.data!.organisationAccessLog.edges.map((edge) => edge.node);
  };
  const reference = async (id: string) =>
    (await server.gql<{ case: { reference: string } }>(READ, { id }, as('director'))).data!.case
      .reference;

  beforeAll(async () => {
    server = await startTestServer({ env: LONG_SESSIONS });
    org = await arrangeOrganisation(server.ownerOrm, {
      client: ['client'],
      confidant: ['confidant'],
      handler: ['handler'],
      manager: ['manager'],
      director: ['director'],
      unverified: ['director'],
      recused: ['director'],
    });
    other = await arrangeOrganisation(server.ownerOrm, { director: ['director'] });
    commission = await arrangeOrganisation(
      server.ownerOrm,
      { member: ['commission'] },
      { kind: 'commission' },
    );
    await addMembership(server.ownerOrm, org.id, commission.people.member!.id, ['commission']);
    await publishTemplate(server.ownerOrm, org, 'awb9', org.people.director!);
    for (const name of Object.keys(org.people))
      tokens[name] = await signIn(server, org.people[name]!);
    tokens.otherDirector = await signIn(server, other.people.director!);
    tokens.member = await signIn(server, commission.people.member!);
    for (const name of ['director', 'recused'])
      tokens[name] = await enrolSecondFactor(server, tokens[name]!);
    tokens.otherDirector = await enrolSecondFactor(server, tokens.otherDirector!);

    // The filing day: the director takes down the client's complaint by phone, and the client
    // files one about the other director themselves.
    const a = await fileComplaintAs(server, as('director'), {
      clientId: org.people.client!.id,
      channel: 'phone',
      parts: [{ summary: 'Telefonisch gemeld: niemand belde terug.' }],
    });
    const b = await fileComplaintAs(server, as('client'), {
      parts: [{ summary: 'Over de directeur zelf.' }],
      subjectIds: [org.people.recused!.id],
    });
    caseA = { id: a, reference: await reference(a) };
    caseB = { id: b, reference: await reference(b) };

    // The next day: the confidant reads for the client, the commission its referred case, and a
    // handler who is not on the case is refused.
    server.clock.advance(DAY_MS);
    secondDay = server.clock.now();
    await grantConfidant(server, org, caseA.id, org.people.confidant!.id);
    await referToCommission(server, org, caseA.id, commission.id);
    for (const name of ['confidant', 'member', 'handler'])
      await server.gql(READ, { id: caseA.id }, as(name));
  });
  afterAll(() => server.close());

  it('shows a verified director every line: who, from where, for whom, what, which case, allowed or not', async () => {
    const all = await lines(as('director'));
    const about = (who: string) =>
      all.filter((line) => line.who === who && line.caseId === caseA.id);
    expect(about('confidant')).toContainEqual(
      expect.objectContaining({
        action: 'read',
        outcome: 'allowed',
        actorId: org.people.confidant!.id,
        onBehalfOf: 'client',
        actorOrganisation: `Organisation ${org.slug}`,
        role: 'confidant',
        caseReference: caseA.reference,
      }),
    );
    // A commission member acts from the commission organisation, not from the care organisation.
    expect(about('member')).toContainEqual(
      expect.objectContaining({
        action: 'read',
        outcome: 'allowed',
        actorOrganisation: `Organisation ${commission.slug}`,
        role: 'commission',
        onBehalfOf: null,
      }),
    );
    expect(about('handler')).toContainEqual(
      expect.objectContaining({
        action: 'read',
        outcome: 'denied',
        caseReference: caseA.reference,
      }),
    );
    expect(about('director')).toContainEqual(
      expect.objectContaining({ action: 'file', outcome: 'allowed', onBehalfOf: 'client' }),
    );
    // Newest first: by moment, then by line within one moment.
    for (let i = 1; i < all.length; i++) {
      const [newer, older] = [all[i - 1]!, all[i]!];
      expect(Date.parse(newer.occurredAt)).toBeGreaterThanOrEqual(Date.parse(older.occurredAt));
      if (newer.occurredAt === older.occurredAt)
        expect(BigInt(newer.id)).toBeGreaterThan(BigInt(older.id));
    }
  });

  it('narrows by case (id or reference), by person and by period, each alone and together', async () => {
    const byId = await lines(as('director'), { caseId: caseA.id });
    expect(byId.length).toBeGreaterThan(3);
    expect(byId.every((line) => line.caseId === caseA.id)).toBe(true);
    const byReference = await lines(as('director'), {
      caseReference: caseA.reference.toLowerCase(),
      to: secondDay.toISOString(),
    });
    expect(byReference.length).toBeGreaterThan(0);
    expect(byReference.every((line) => line.caseId === caseA.id)).toBe(true);

    const confidant = await lines(as('director'), { actorId: org.people.confidant!.id });
    expect(confidant.length).toBeGreaterThan(0);
    expect(confidant.every((line) => line.actorId === org.people.confidant!.id)).toBe(true);

    const filingDay = await lines(as('director'), { to: secondDay.toISOString() });
    expect(filingDay.map((line) => line.action)).toContain('file');
    expect(filingDay.some((line) => line.who === 'confidant')).toBe(false);
    const since = await lines(as('director'), { from: secondDay.toISOString() });
    expect(since.map((line) => line.action)).not.toContain('file');
    expect(since.some((line) => line.who === 'member')).toBe(true);

    const together = await lines(as('director'), {
      caseId: caseA.id,
      actorId: org.people.handler!.id,
      from: secondDay.toISOString(),
    });
    expect(together.map((line) => `${line.action}:${line.outcome}`)).toEqual(['read:denied']);
    // A period that ends before it starts is refused, not answered empty.
    const backwards = await log(as('director'), {
      from: secondDay.toISOString(),
      to: new Date(secondDay.getTime() - DAY_MS).toISOString(),
    });
    expect(backwards.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('pages by keyset: every line once, in order, however small the pages', async () => {
    // The filing day's lines do not change while the story reads them.
    const filter = { to: secondDay.toISOString() };
    const whole = (await lines(as('director'), filter)).map((line) => line.id);
    expect(whole.length).toBeGreaterThan(3);
    for (const size of [1, 3]) {
      const paged: string[] = [];
      let after: string | undefined;
      for (let page = 0; page < 50; page++) {
        const answer = await log(as('director'), filter, size, after);
        expect(answer.errors).toBeUndefined();
        const { edges, pageInfo } = answer.data!.organisationAccessLog;
        expect(edges.length).toBeLessThanOrEqual(size);
        paged.push(...edges.map((edge) => edge.node.id));
        if (!pageInfo.hasNextPage) break;
        after = pageInfo.endCursor!;
      }
      expect(paged, `pages of ${size}`).toEqual(whole);
    }
    const forged = await log(as('director'), filter, 2, 'bm90IGEgY3Vyc29y');
    expect(forged.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('leaves out the case a director is the subject of, answering as for a case that is not there', async () => {
    expect((await lines(as('director'), { caseId: caseB.id })).length).toBeGreaterThan(0);
    const recused = await lines(as('recused'));
    expect(recused.length).toBeGreaterThan(0);
    expect(recused.some((line) => line.caseId === caseB.id)).toBe(false);
    const theirCase = await log(as('recused'), { caseId: caseB.id });
    const noCase = await log(as('recused'), { caseId: randomUUID() });
    const byReference = await log(as('recused'), { caseReference: caseB.reference });
    for (const answer of [theirCase, noCase, byReference]) {
      expect(answer.errors).toBeUndefined();
      expect(answer.data!.organisationAccessLog).toEqual({
        edges: [],
        pageInfo: { hasNextPage: false, endCursor: null },
      });
    }
  });

  it('refuses everyone else, and a director whose session has not passed a second factor', async () => {
    const refusals: [string, Actor, string | undefined][] = [
      ['manager', as('manager'), undefined],
      ['handler', as('handler'), undefined],
      ['client', as('client'), undefined],
      ['confidant', as('confidant'), undefined],
      ['commission member', as('member'), undefined],
      ['commission member at home', as('member', commission), undefined],
      ['another organisation’s director', as('otherDirector'), undefined],
      ['director without a second factor', as('unverified'), 'MFA_REQUIRED'],
    ];
    for (const [who, actor, reason] of refusals) {
      const answer = await log(actor);
      expect(answer.data?.organisationAccessLog ?? null, who).toBeNull();
      expect(answer.errors?.[0]?.extensions?.code, who).toBe('FORBIDDEN');
      // Only a director is told that a second factor would open it.
      if (reason) expect(answer.errors?.[0]?.extensions?.reason, who).toBe(reason);
      else expect(answer.errors?.[0]?.extensions?.reason, who).not.toBe('MFA_REQUIRED');
    }
    // Each refusal inside the organisation is itself a line, denied.
    const denied = await withTenantTransaction(server.ownerOrm, { organisationId: org.id }, (em) =>
      em.find(AccessLogEntry, {
        organisationId: org.id,
        action: 'read-access-log',
        outcome: 'denied',
      }),
    );
    for (const name of ['manager', 'handler', 'client', 'confidant', 'unverified'])
      expect(
        denied.map((line) => line.userId),
        name,
      ).toContain(org.people[name]!.id);
  });

  it('shows another organisation’s director only their own organisation’s lines', async () => {
    const theirs = await lines(as('otherDirector', other));
    const ours = new Set([caseA.id, caseB.id]);
    expect(theirs.some((line) => line.caseId !== null && ours.has(line.caseId))).toBe(false);
    expect(theirs.some((line) => ['client', 'confidant', 'member'].includes(line.who ?? ''))).toBe(
      false,
    );
    const ourCase = await log(as('otherDirector', other), { caseId: caseA.id });
    expect(ourCase.data!.organisationAccessLog.edges).toEqual([]);
  });

  it('shows the client, too, who read from the commission and who acted for them', async () => {
    const answer = await server.gql<{ accessLog: OrganisationAccessLogLine[] }>(
      CASE_LOG,
      { caseId: caseA.id },
      as('client'),
    );
    expect(answer.errors).toBeUndefined();
    expect(answer.data!.accessLog).toContainEqual(
      expect.objectContaining({
        who: 'member',
        actorOrganisation: `Organisation ${commission.slug}`,
      }),
    );
    expect(answer.data!.accessLog).toContainEqual(
      expect.objectContaining({
        who: 'director',
        onBehalfOf: 'client',
        actorOrganisation: `Organisation ${org.slug}`,
      }),
    );
  });

  it('keeps the chain whole with the acting organisation sealed into the line', async () => {
    await server.sealAccessLog();
    const member = await withTenantTransaction(server.ownerOrm, { organisationId: org.id }, (em) =>
      em.find(AccessLogEntry, { organisationId: org.id, userId: commission.people.member!.id }),
    );
    expect(member.filter((line) => line.caseId === caseA.id)).toContainEqual(
      expect.objectContaining({ actorOrganisationId: commission.id, hash: expect.any(String) }),
    );
    const verified = await withOwnerClient((client) => verifyAccessLog(client, org.id));
    expect(verified).toMatchObject({ ok: true });
    expect(verified.checked).toBeGreaterThan(10);
  });
});
