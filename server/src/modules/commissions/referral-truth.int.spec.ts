import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTemplate, type CaseState } from '@klachtpad/procedures';
import {
  addMembership,
  arrangeOrganisation,
  publishDefinition,
  signIn,
  startTestServer,
  type ArrangedOrganisation,
  type TestServer,
} from '../../../test/harness.js';
import { ACT, END_REFERRAL, FILE, LINK, LOOK } from '../../../test/scenarios/operations.js';
import { withTenantTransaction } from '../../core/db/tenant-session.js';
import { Case } from '../cases/case.entity.js';

const DAY_MS = 86_400_000;

interface Looked {
  id: string;
  version: number;
  stages: { track: string; stage: string }[];
  timeline: { type: string; visibility: string; payload: Record<string, unknown> }[];
  referrals: { id: string; active: boolean; endReason: string | null }[] | null;
}

/**
 * One truth for referrals: the engine's record of a referral and the referral rows never
 * disagree. A referral that staff end, or whose term runs out, ends in the engine state too, so
 * when the procedure refers the case again the commission is given it again — never a commission
 * stage that nobody can see. Told with MO, changed so the client may go to the commission again.
 */
describe('referrals, one truth in the engine and the rows', () => {
  let server: TestServer;
  let care: ArrangedOrganisation;
  let commission: ArrangedOrganisation;
  const tokens: Record<string, string> = {};
  const as = (name: string) => ({ token: tokens[name], organisation: care.slug });
  const mo = loadTemplate('mo');
  const reReferring = {
    ...mo,
    actions: mo.actions.map((action) =>
      action.id === 'file-external' ? { ...action, guards: [] } : action,
    ),
  };

  const look = async (caseId: string, name: string) =>
    (await server.gql<{ case: Looked | null }>(LOOK, { id: caseId }, as(name))).data?.case ?? null;
  const stateOf = (caseId: string) =>
    withTenantTransaction(
      server.ownerOrm,
      { organisationId: care.id },
      async (em): Promise<CaseState> =>
        (await em.findOneOrFail(Case, { organisationId: care.id, id: caseId })).state,
    );
  const signInAll = async () => {
    for (const name of Object.keys(care.people))
      tokens[name] = await signIn(server, care.people[name]!);
    tokens.member = await signIn(server, commission.people.member!);
  };

  async function fileInformally(): Promise<{ id: string; version: number }> {
    const filed = await server.gql<{ fileComplaint: { case: { id: string; version: number } } }>(
      FILE,
      {
        input: {
          entry: 'informeel',
          complainant: 'client',
          category: 'klacht',
          eventDate: new Date(server.clock.now().getTime() - DAY_MS).toISOString().slice(0, 10),
          parts: [{ summary: 'Mijn kamer is doorzocht.' }],
        },
      },
      as('client'),
    );
    expect(filed.errors).toBeUndefined();
    return filed.data!.fileComplaint.case;
  }
  async function goExternal(caseId: string, version: number) {
    const acted = await server.gql<{
      performAction: { __typename: string; case: { version: number } };
    }>(
      ACT,
      {
        input: {
          caseId,
          action: 'file-external',
          expectedVersion: version,
          payload: { internal: 'doorgaan' },
        },
      },
      as('client'),
    );
    expect(acted.data?.performAction.__typename, JSON.stringify(acted)).toBe('CaseChanged');
    return acted.data!.performAction.case.version;
  }

  beforeAll(async () => {
    server = await startTestServer({
      env: {
        SESSION_IDLE_MINUTES: String(60 * 24 * 400),
        SESSION_ABSOLUTE_HOURS: String(24 * 400),
      },
    });
    care = await arrangeOrganisation(server.ownerOrm, {
      client: ['client'],
      manager: ['manager'],
      director: ['director'],
    });
    commission = await arrangeOrganisation(
      server.ownerOrm,
      { member: ['commission'] },
      { kind: 'commission' },
    );
    await addMembership(server.ownerOrm, care.id, commission.people.member!.id, ['commission']);
    await publishDefinition(server.ownerOrm, care, reReferring, care.people.director!);
    await signInAll();
    const linked = await server.gql(
      LINK,
      {
        input: {
          commissionId: 'externe-klachtencommissie',
          commissionOrganisation: commission.slug,
          termDays: 30,
        },
      },
      as('director'),
    );
    expect(linked.errors).toBeUndefined();
  });
  afterAll(() => server.close());

  it('refers again after staff ended the referral, and the commission sees the case again', async () => {
    const { id, version } = await fileInformally();
    const referred = await goExternal(id, version);
    expect((await look(id, 'member'))?.id).toBe(id);
    const [first] = (await look(id, 'manager'))!.referrals!;

    const ended = await server.gql(
      END_REFERRAL,
      { caseId: id, referralId: first!.id },
      as('manager'),
    );
    expect(ended.errors).toBeUndefined();
    expect(await look(id, 'member')).toBeNull();
    // The engine knows: its referral ended with the row, in the same change.
    expect((await stateOf(id)).referrals.map((r) => r.active)).toEqual([false]);
    const afterEnd = (await look(id, 'client'))!;
    expect(afterEnd.version).toBeGreaterThan(referred);

    server.clock.advance(DAY_MS);
    await goExternal(id, afterEnd.version);
    expect((await look(id, 'member'))?.id).toBe(id);
    const rows = (await look(id, 'manager'))!.referrals!;
    expect(rows.map((r) => [r.active, r.endReason])).toEqual([
      [false, 'staff'],
      [true, null],
    ]);
    expect((await stateOf(id)).referrals.map((r) => r.active)).toEqual([false, true]);
  });

  it('ends an expired referral before the next step, so going again refers again', async () => {
    const { id, version } = await fileInformally();
    const referred = await goExternal(id, version);
    expect((await look(id, 'member'))?.id).toBe(id);

    server.clock.advance(31 * DAY_MS);
    await signInAll();
    // The term has run out: no access, though nothing has recorded the expiry yet.
    expect(await look(id, 'member')).toBeNull();
    expect((await stateOf(id)).referrals.map((r) => r.active)).toEqual([true]);

    // The client goes to the commission again: the old referral is ended first, then a new one made.
    await goExternal(id, referred);
    expect((await look(id, 'member'))?.id).toBe(id);
    const manager = (await look(id, 'manager'))!;
    expect(manager.referrals!.map((r) => [r.active, r.endReason])).toEqual([
      [false, 'expired'],
      [true, null],
    ]);
    expect(manager.timeline.filter((e) => e.type === 'referral-expired')).toHaveLength(1);
    expect((await stateOf(id)).referrals.map((r) => r.active)).toEqual([false, true]);
  });
});
