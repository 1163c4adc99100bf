import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { arrangeCases, type ArrangedCase } from '../../../test/casework-fixtures.js';
import {
  arrangeOrganisation,
  publishTemplate,
  signIn,
  startTestServer,
  type ArrangedOrganisation,
  type TestServer,
} from '../../../test/harness.js';

const REGISTER = /* GraphQL */ `
  query Register($year: Int!) {
    complaintsRegister(year: $year) {
      year
      firstYear
      cases {
        count
        suppressed
      }
      parts {
        count
        suppressed
      }
      byCategory {
        key
        count
        suppressed
        label {
          nl
        }
      }
      byOutcome {
        key
        count
        suppressed
      }
      byLeadTime {
        key
        count
        suppressed
      }
      byRoute {
        key
        count
        suppressed
      }
    }
  }
`;

interface Group {
  key: string;
  count: number | null;
  suppressed: boolean;
}
interface Register {
  complaintsRegister: {
    year: number;
    firstYear: number;
    cases: { count: number | null; suppressed: boolean };
    parts: { count: number | null; suppressed: boolean };
    byCategory: (Group & { label: { nl: string } })[];
    byOutcome: Group[];
    byLeadTime: Group[];
    byRoute: Group[];
  };
}

const shown = (groups: Group[]) =>
  Object.fromEntries(groups.map((g) => [g.key, g.suppressed ? null : g.count]));

/** The register of a shelter for one year: what a manager may read, and what stays hidden. */
describe('the anonymised complaints register', () => {
  let server: TestServer;
  let mo: ArrangedOrganisation;
  let other: ArrangedOrganisation;
  const tokens: Record<string, string> = {};

  const times = (count: number, arranged: ArrangedCase): ArrangedCase[] =>
    Array.from({ length: count }, () => arranged);
  const readRegister = (who: string, year = 2025, organisation = mo) =>
    server.gql<Register>(
      REGISTER,
      { year },
      { token: tokens[who], organisation: organisation.slug },
    );

  beforeAll(async () => {
    server = await startTestServer();
    const people = {
      client: ['client'],
      handler: ['handler'],
      manager: ['manager'],
      director: ['director'],
    } as const;
    mo = await arrangeOrganisation(server.ownerOrm, {
      client: [...people.client],
      handler: [...people.handler],
      manager: [...people.manager],
      director: [...people.director],
    });
    other = await arrangeOrganisation(server.ownerOrm, {
      client: ['client'],
      director: ['director'],
    });
    await publishTemplate(server.ownerOrm, mo, 'mo', mo.people.director!);
    await publishTemplate(server.ownerOrm, other, 'mo', other.people.director!);
    for (const name of Object.keys(mo.people))
      tokens[name] = await signIn(server, mo.people[name]!);
    tokens.otherDirector = await signIn(server, other.people.director!);

    await arrangeCases(server.ownerOrm, mo, [
      // klacht: 8, of which 6 closed within 6 weeks, 2 within 10
      ...times(6, {
        category: 'klacht',
        receivedOn: '2025-02-03',
        closedAfterDays: 30,
        outcomes: ['gegrond'],
        entry: 'extern',
      }),
      ...times(2, {
        category: 'klacht',
        receivedOn: '2025-03-03',
        closedAfterDays: 60,
        outcomes: ['ongegrond'],
      }),
      // ongenoegen: 6, of which 4 closed within 6 weeks (two parts each), 2 open
      ...times(4, {
        category: 'ongenoegen',
        receivedOn: '2025-04-01',
        closedAfterDays: 10,
        outcomes: ['gegrond', 'ongegrond'],
        referredLater: 'externe-klachtencommissie',
      }),
      ...times(2, { category: 'ongenoegen', receivedOn: '2025-11-20', outcomes: [undefined] }),
      // advies: 2, one within 10 weeks, one that took longer
      {
        category: 'advies',
        receivedOn: '2025-05-05',
        closedAfterDays: 50,
        outcomes: ['ongegrond'],
        referredLater: 'externe-klachtencommissie',
      },
      {
        category: 'advies',
        receivedOn: '2025-05-06',
        closedAfterDays: 120,
        outcomes: ['deels-gegrond'],
      },
      // without a category (an older version of the procedure): 5, three still open
      ...times(2, {
        category: null,
        receivedOn: '2025-06-02',
        closedAfterDays: 43,
        outcomes: ['ongegrond'],
      }),
      ...times(3, { category: null, receivedOn: '2025-12-01', outcomes: [undefined] }),
      // Another year: never in the 2025 register.
      ...times(7, {
        category: 'advies',
        receivedOn: '2024-06-01',
        closedAfterDays: 5,
        outcomes: ['ingetrokken'],
      }),
    ]);
    // Another organisation, same year, same categories: never in this register.
    await arrangeCases(server.ownerOrm, other, [
      ...times(15, {
        category: 'advies',
        receivedOn: '2025-03-01',
        closedAfterDays: 200,
        outcomes: ['ingetrokken'],
      }),
      ...times(15, {
        category: 'klacht',
        receivedOn: '2025-03-01',
        closedAfterDays: 20,
        outcomes: ['ingetrokken'],
      }),
    ]);
  });
  afterAll(() => server.close());

  it('counts by category, outcome and lead time, hiding every group under five and what would give it away', async () => {
    const result = await readRegister('manager');
    expect(result.errors).toBeUndefined();
    const register = result.data!.complaintsRegister;
    expect(register.year).toBe(2025);
    expect(register.cases).toEqual({ count: 21, suppressed: false });
    expect(register.parts).toEqual({ count: 25, suppressed: false });
    // advies (2) is under five; `other` (5, the next smallest) goes with it.
    expect(shown(register.byCategory)).toEqual({
      klacht: 8,
      ongenoegen: 6,
      advies: null,
      other: null,
    });
    expect(register.byCategory.find((g) => g.key === 'klacht')?.label.nl).toBe('Klacht');
    // gegrond 6+4, ongegrond 2+4+1+2, undecided 5, deels-gegrond 1; the rest nobody.
    expect(shown(register.byOutcome)).toEqual({
      gegrond: 10,
      'deels-gegrond': null,
      ongegrond: 9,
      'niet-ontvankelijk': null,
      'opgelost-door-bemiddeling': null,
      ingetrokken: null,
      undecided: null,
    });
    // within 6 weeks 6+4, 6–10 weeks 2+1+2, longer 1, open 2+3.
    expect(shown(register.byLeadTime)).toEqual({
      'within-6-weeks': 10,
      '6-to-10-weeks': null,
      longer: null,
      open: 5,
    });
    // Filed straight with the external commission 6, referred there later 4+1, the rest inside.
    expect(shown(register.byRoute)).toEqual({
      internal: 10,
      'external-direct': 6,
      'external-later': 5,
    });
  });

  it('never shows a count under five, nor lets one be worked out from the totals', async () => {
    const register = (await readRegister('director')).data!.complaintsRegister;
    const dimensions = [
      { groups: register.byCategory, total: register.cases.count! },
      { groups: register.byLeadTime, total: register.cases.count! },
      { groups: register.byOutcome, total: register.parts.count! },
    ];
    for (const { groups, total } of dimensions) {
      for (const group of groups) {
        if (!group.suppressed) expect(group.count).toBeGreaterThanOrEqual(5);
        else expect(group.count).toBeNull();
      }
      const hidden = groups.filter((g) => g.suppressed);
      const remainder = total - groups.reduce((sum, g) => sum + (g.count ?? 0), 0);
      if (hidden.length > 0) {
        expect(hidden.length).toBeGreaterThanOrEqual(2);
        expect(remainder).toBeGreaterThanOrEqual(5);
      }
    }
  });

  it('counts only its own organisation, even to the database itself', async () => {
    const theirs = await readRegister('otherDirector', 2025, other);
    expect(theirs.data!.complaintsRegister.cases.count).toBe(30);
    // Two groups of 15 and two of nobody: the nobodies need a third group hidden with them.
    expect(shown(theirs.data!.complaintsRegister.byCategory)).toEqual({
      klacht: 15,
      ongenoegen: null,
      advies: null,
      other: null,
    });
    expect(theirs.data!.complaintsRegister.parts.count).toBe(30);
    // The views run with the caller's rights: row-level security of `cases` applies to them.
    const runtime = new pg.Client({ connectionString: inject('database').runtimeUrl });
    await runtime.connect();
    try {
      const countAs = async (organisationId: string) => {
        await runtime.query('begin');
        try {
          await runtime.query("select set_config('app.organisation_id', $1, true)", [
            organisationId,
          ]);
          const views = [
            'complaint_register_cases',
            'complaint_register_parts',
            'case_stage_entries',
          ];
          const counts: Record<string, number> = {};
          for (const view of views) {
            const result = await runtime.query<{ count: number }>(
              `select count(*)::integer as count from ${view}`,
            );
            counts[view] = result.rows[0]!.count;
          }
          return counts;
        } finally {
          await runtime.query('rollback');
        }
      };
      expect(await countAs(mo.id)).toEqual({
        complaint_register_cases: 28,
        complaint_register_parts: 32,
        case_stage_entries: 5,
      });
      expect(await countAs(other.id)).toEqual({
        complaint_register_cases: 30,
        complaint_register_parts: 30,
        case_stage_entries: 0,
      });
      expect(await countAs('')).toEqual({
        complaint_register_cases: 0,
        complaint_register_parts: 0,
        case_stage_entries: 0,
      });
    } finally {
      await runtime.end();
    }
  });

  it('shows only the total when a year has one kind of complaint, and nothing in an empty year', async () => {
    const register = (await readRegister('manager', 2024)).data!.complaintsRegister;
    expect(register.cases).toEqual({ count: 7, suppressed: false });
    // Showing advies: 7 would tell that nobody complained otherwise; it stays hidden with them.
    expect(shown(register.byCategory)).toEqual({
      klacht: null,
      ongenoegen: null,
      advies: null,
      other: null,
    });
    // The organisation joined this year; its older complaints were brought in, from 2024.
    expect(register.firstYear).toBe(2024);
    const empty = (await readRegister('manager', 2019)).data!.complaintsRegister;
    expect(empty.firstYear).toBe(2024);
    expect(empty.cases).toEqual({ count: null, suppressed: true });
    expect(
      [...empty.byCategory, ...empty.byOutcome, ...empty.byLeadTime].every((g) => g.suppressed),
    ).toBe(true);
  });

  it('is refused to handlers and clients, and to nobody’s advantage with a strange year', async () => {
    for (const who of ['handler', 'client']) {
      const refused = await readRegister(who);
      expect(refused.errors?.[0]?.extensions?.code, who).toBe('FORBIDDEN');
      expect(refused.data).toBeNull();
    }
    const badYear = await readRegister('manager', 20250);
    expect(badYear.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const notMember = await server.gql(
      REGISTER,
      { year: 2025 },
      { token: tokens.otherDirector, organisation: mo.slug },
    );
    expect(notMember.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
