import { amsterdamDate, type Outcome } from '@klachtpad/procedures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  arrangeCases,
  grantConfidant,
  referToCommission,
  type ArrangedCase,
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
import { trendMonths } from './dashboard.service.js';

const INSIGHTS = /* GraphQL */ `
  query {
    dashboard {
      closed
      leadTimes {
        since
        closed
        medianDays
        p90Days
        withTerm
        withinTerm
        legalTermDays
      }
      receivedByCategory {
        month
        key
        label {
          nl
        }
        count
      }
      closedByOutcome {
        month
        key
        count
      }
    }
  }
`;

interface Trend {
  month: string;
  key: string;
  label?: { nl: string };
  count: number;
}
interface Insights {
  closed: number;
  leadTimes: {
    since: string;
    closed: number;
    medianDays: number | null;
    p90Days: number | null;
    withTerm: number;
    withinTerm: number;
    legalTermDays: number | null;
  };
  receivedByCategory: Trend[];
  closedByOutcome: Trend[];
}

/** The Jeugdwet template's way in that starts the six-week decision clock at receipt. */
const TO_THE_COMMITTEE = 'klachtencommissie';

const plusDays = (date: string, days: number) =>
  new Date(Date.parse(date) + days * 86_400_000).toISOString().slice(0, 10);
/** The cells of a trend that hold something, as `month key count`. */
const filled = (trend: Trend[]) =>
  trend
    .filter((cell) => cell.count > 0)
    .map((cell) => `${cell.month} ${cell.key} ${cell.count}`)
    .sort();

/**
 * A youth-care organisation (Jeugdwet: a decision within 6 weeks) with a year of complaints:
 * managers and directors read lead times against the term and monthly trends over exactly
 * these cases; clients, confidants, commission members and handlers read nothing, as if there
 * were no cases at all; another organisation's complaints are never counted.
 */
describe('the management dashboard: lead times and trends (ADR 0086)', () => {
  let server: TestServer;
  let org: ArrangedOrganisation;
  let other: ArrangedOrganisation;
  let empty: ArrangedOrganisation;
  let commission: ArrangedOrganisation;
  const tokens: Record<string, string> = {};
  let months: string[];
  /** Closed cases of `org` in the window: receipt, days to closing, outcomes per part. */
  let closedInWindow: { receivedOn: string; days: number; outcomes: (Outcome | undefined)[] }[];

  const insightsOf = async (who: string, organisation = org) => {
    const result = await server.gql<{ dashboard: Insights }>(
      INSIGHTS,
      {},
      { token: tokens[who], organisation: organisation.slug },
    );
    expect(result.errors, who).toBeUndefined();
    return result.data!.dashboard;
  };

  beforeAll(async () => {
    server = await startTestServer();
    org = await arrangeOrganisation(server.ownerOrm, {
      client: ['client'],
      client2: ['client'],
      confidant: ['confidant'],
      handler: ['handler'],
      manager: ['manager'],
      director: ['director'],
    });
    other = await arrangeOrganisation(server.ownerOrm, {
      client: ['client'],
      director: ['director'],
    });
    empty = await arrangeOrganisation(server.ownerOrm, {
      client: ['client'],
      director: ['director'],
    });
    commission = await arrangeOrganisation(
      server.ownerOrm,
      { member: ['commission'] },
      { kind: 'commission' },
    );
    await addMembership(server.ownerOrm, org.id, commission.people.member!.id, ['commission']);
    for (const organisation of [org, other, empty])
      await publishTemplate(
        server.ownerOrm,
        organisation,
        'jeugdwet',
        organisation.people.director!,
      );
    for (const name of Object.keys(org.people))
      tokens[name] = await signIn(server, org.people[name]!);
    tokens.member = await signIn(server, commission.people.member!);
    tokens.otherDirector = await signIn(server, other.people.director!);
    tokens.emptyDirector = await signIn(server, empty.people.director!);
    tokens.emptyClient = await signIn(server, empty.people.client!);

    months = trendMonths(amsterdamDate(server.clock.now()));
    const on = (month: number, day: string) => `${months[month]}-${day}`;
    closedInWindow = [
      { receivedOn: on(2, '03'), days: 20, outcomes: ['gegrond'] },
      { receivedOn: on(2, '03'), days: 30, outcomes: ['ongegrond'] },
      { receivedOn: on(2, '03'), days: 40, outcomes: ['gegrond', 'deels-gegrond'] },
      // Extended once to 10 weeks (the extension is on the clock): within its term.
      { receivedOn: on(4, '03'), days: 60, outcomes: ['gegrond'] },
      // Six weeks passed without an extension: late.
      { receivedOn: on(4, '03'), days: 50, outcomes: [undefined] },
    ];
    const categories = ['bejegening', 'bejegening', 'bejegening', 'hulpverlening', 'besluit'];
    const closedCases: ArrangedCase[] = closedInWindow.map((c, index) => ({
      entry: TO_THE_COMMITTEE,
      category: categories[index]!,
      receivedOn: c.receivedOn,
      closedAfterDays: c.days,
      outcomes: c.outcomes,
      ...(index === 3 ? { decisionDueAfterDays: 70 } : {}),
    }));
    const [, , , extended] = await arrangeCases(server.ownerOrm, org, [
      ...closedCases,
      // Open, received recently; one without a category (filed under an older version).
      {
        entry: TO_THE_COMMITTEE,
        category: 'hulpverlening',
        receivedOn: on(9, '03'),
        outcomes: [undefined],
      },
      {
        entry: TO_THE_COMMITTEE,
        category: null,
        receivedOn: on(9, '10'),
        outcomes: [undefined],
        clientId: org.people.client2!.id,
        handlerIds: [org.people.handler!.id],
      },
      // Received and closed before the window: counted nowhere.
      {
        entry: TO_THE_COMMITTEE,
        category: 'besluit',
        receivedOn: plusDays(`${months[0]}-01`, -60),
        closedAfterDays: 30,
        outcomes: ['ongegrond'],
      },
    ]);
    // The client's case is shared with a confidant and referred to a commission.
    await grantConfidant(server, org, extended!, org.people.confidant!.id);
    await referToCommission(server, org, extended!, commission.id);
    await arrangeCases(server.ownerOrm, other, [
      {
        entry: TO_THE_COMMITTEE,
        category: 'besluit',
        receivedOn: on(2, '03'),
        closedAfterDays: 3,
        outcomes: ['gegrond'],
      },
    ]);
  });
  afterAll(() => server.close());

  it('gives managers and directors the lead times of the year’s closed cases against the term', async () => {
    for (const who of ['director', 'manager']) {
      const { leadTimes } = await insightsOf(who);
      expect(leadTimes, who).toEqual({
        since: `${months[0]}-01`,
        closed: 5,
        // 20, 30, 40, 50, 60 days: the middle one, and 9/10 of the way (50 + 0.6 × 10).
        medianDays: 40,
        p90Days: 56,
        withTerm: 5,
        // The 50 days of a six-week term were late; 60 days within an extended term were not.
        withinTerm: 4,
        legalTermDays: 42,
      });
    }
  });

  it('counts the complaints received per month and category, every month with every category', async () => {
    const { receivedByCategory } = await insightsOf('director');
    expect(receivedByCategory).toHaveLength(12 * 5);
    expect(new Set(receivedByCategory.map((cell) => cell.month))).toEqual(new Set(months));
    expect(receivedByCategory.slice(0, 5).map((cell) => `${cell.key}:${cell.label!.nl}`)).toEqual([
      'bejegening:Bejegening',
      'hulpverlening:Inhoud van de hulp',
      'besluit:Een besluit over mij of mijn kind',
      'overig:Overig',
      'other:Overig of zonder soort',
    ]);
    expect(filled(receivedByCategory)).toEqual(
      [
        `${months[2]} bejegening 3`,
        `${months[4]} hulpverlening 1`,
        `${months[4]} besluit 1`,
        `${months[9]} hulpverlening 1`,
        `${months[9]} other 1`,
      ].sort(),
    );
  });

  it('counts the complaint parts of the cases closed per month by outcome', async () => {
    const { closedByOutcome } = await insightsOf('director');
    expect(closedByOutcome).toHaveLength(12 * 7);
    const expected = new Map<string, number>();
    for (const closed of closedInWindow) {
      const month = plusDays(closed.receivedOn, closed.days).slice(0, 7);
      for (const outcome of closed.outcomes) {
        const cell = `${month} ${outcome ?? 'undecided'}`;
        expected.set(cell, (expected.get(cell) ?? 0) + 1);
      }
    }
    expect(filled(closedByOutcome)).toEqual(
      [...expected].map(([cell, count]) => `${cell} ${count}`).sort(),
    );
  });

  it('gives clients, confidants, commission members and handlers nothing, as if there were no cases', async () => {
    const nothing = await insightsOf('emptyClient', empty);
    expect(nothing.leadTimes).toMatchObject({ closed: 0, medianDays: null, legalTermDays: null });
    expect(nothing.receivedByCategory).toEqual([]);
    expect(nothing.closedByOutcome).toEqual([]);
    for (const who of ['client', 'client2', 'confidant', 'member', 'handler']) {
      const theirs = await insightsOf(who);
      const { closed: _closed, ...insights } = theirs;
      const { closed: _none, ...none } = nothing;
      expect(insights, who).toEqual(none);
    }
    // They still count their own cases, as before (ADR 0017): the client's six closed ones.
    expect((await insightsOf('client')).closed).toBe(6);
  });

  it('never counts another organisation’s cases', async () => {
    const theirs = await insightsOf('otherDirector', other);
    expect(theirs.leadTimes).toMatchObject({ closed: 1, medianDays: 3, withinTerm: 1 });
    expect(filled(theirs.receivedByCategory)).toEqual([`${months[2]} besluit 1`]);
    const none = await insightsOf('emptyDirector', empty);
    expect(none.leadTimes).toMatchObject({ closed: 0, medianDays: null, p90Days: null });
    expect(none.leadTimes.legalTermDays).toBe(42);
    expect(filled(none.receivedByCategory)).toEqual([]);
    expect(filled(none.closedByOutcome)).toEqual([]);
    const notMember = await server.gql(
      INSIGHTS,
      {},
      { token: tokens.otherDirector, organisation: org.slug },
    );
    expect(notMember.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
