import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  arrangeOrganisation,
  publishTemplate,
  signIn,
  startTestServer,
  type ArrangedOrganisation,
  type TestServer,
} from '../../../test/harness.js';
import { performActionsAs } from '../../../test/casework-fixtures.js';

const FILE = /* GraphQL */ `
  mutation File($input: FileComplaintInput!) {
    fileComplaint(input: $input) {
      ... on CaseChanged {
        case {
          id
          version
          parts {
            id
            subjectIds
          }
        }
      }
    }
  }
`;
const VIEW = /* GraphQL */ `
  query View($id: ID!) {
    case(id: $id) {
      parts {
        id
        summary
        outcome
        subjectIds
      }
      actionInputs {
        entry
        action
        inputs {
          id
          kind
          value
        }
      }
      timeline {
        type
        payload
      }
    }
  }
`;

interface View {
  parts: { id: string; summary: string; outcome: string | null; subjectIds: string[] | null }[];
  actionInputs: { entry: number; action: string; inputs: { id: string; value: unknown }[] }[];
  timeline: { type: string; payload: { entry?: number } }[];
}

/**
 * Issue 8 §3 and §4: the person complained about sees the parts about them and what they need to
 * hear both sides, no more; everyone reads back what was typed into an action as far as the
 * procedure lets them.
 */
describe('the subject’s view per part, and what people typed read back per reader', () => {
  let server: TestServer;
  let zorg: ArrangedOrganisation;
  let other: ArrangedOrganisation;
  const tokens: Record<string, string> = {};
  let caseId: string;
  let parts: { id: string; subjectIds: string[] | null }[];

  const as = (name: string, organisation = zorg) => ({
    token: tokens[name],
    organisation: organisation.slug,
  });

  async function view(name: string, organisation = zorg) {
    return server.gql<{ case: View }>(VIEW, { id: caseId }, as(name, organisation));
  }

  beforeAll(async () => {
    server = await startTestServer();
    zorg = await arrangeOrganisation(server.ownerOrm, {
      client: ['client'],
      jansen: ['handler'],
      pietersen: ['handler'],
      bystander: ['handler'],
      manager: ['manager'],
      director: ['director'],
    });
    other = await arrangeOrganisation(server.ownerOrm, { director: ['director'] });
    await publishTemplate(server.ownerOrm, zorg, 'wkkgz', zorg.people.director!);
    for (const name of Object.keys(zorg.people))
      tokens[name] = await signIn(server, zorg.people[name]!);
    tokens.otherDirector = await signIn(server, other.people.director!);

    const { jansen, pietersen } = zorg.people;
    const filed = await server.gql<{
      fileComplaint: { case: { id: string; version: number; parts: typeof parts } };
    }>(
      FILE,
      {
        input: {
          complainant: 'client',
          subjectIds: [jansen!.id, pietersen!.id],
          parts: [
            { summary: 'Jansen schreeuwde tegen mij bij het ontbijt.', subjectIds: [jansen!.id] },
            {
              summary: 'Pietersen las mijn dagboek voor aan de groep.',
              subjectIds: [pietersen!.id],
            },
            { summary: 'Het eten is altijd koud.' },
          ],
        },
      },
      as('client'),
    );
    expect(filed.errors).toBeUndefined();
    caseId = filed.data!.fileComplaint.case.id;
    parts = filed.data!.fileComplaint.case.parts;
    await performActionsAs(server, caseId, filed.data!.fileComplaint.case.version, [
      [as('manager'), 'start-handling', {}],
      [
        as('director'),
        'record-decision',
        {
          outcomes: [
            { part: parts[0]!.id, outcome: 'gegrond', reasoning: 'Collega’s bevestigen het.' },
            { part: parts[1]!.id, outcome: 'ongegrond', reasoning: 'Het dagboek lag open.' },
            { part: parts[2]!.id, outcome: 'deels-gegrond' },
          ],
          reasoning: 'Vertrouwelijk voor de cliënt: wij hebben het hele team gesproken.',
          measures: [
            {
              description: 'Gesprek over toon aan tafel',
              owner: 'Teamleider Oost',
              due: '2099-01-31',
              parts: [parts[0]!.id],
            },
            {
              description: 'Privacyregels opnieuw uitleggen',
              owner: 'Teamleider West',
              due: '2099-02-28',
              parts: [parts[1]!.id],
            },
          ],
        },
      ],
    ]);
  });
  afterAll(() => server.close());

  it('records whom each part is about, for staff only', async () => {
    const { jansen, pietersen } = zorg.people;
    // The client who filed reads the parts, not whom staff see them to be about.
    expect(parts.map((part) => part.subjectIds)).toEqual([null, null, null]);
    const manager = await view('manager');
    expect(manager.errors).toBeUndefined();
    expect(manager.data!.case.parts.map((part) => part.subjectIds)).toEqual([
      [jansen!.id],
      [pietersen!.id],
      [],
    ]);
    const client = await view('client');
    expect(client.data!.case.parts).toHaveLength(3);
    expect(client.data!.case.parts.every((part) => part.subjectIds === null)).toBe(true);
  });

  it('shows the person complained about only the part about them, with its outcome', async () => {
    const jansen = await view('jansen');
    expect(jansen.errors).toBeUndefined();
    expect(jansen.data!.case.parts).toEqual([
      {
        id: parts[0]!.id,
        summary: 'Jansen schreeuwde tegen mij bij het ontbijt.',
        outcome: 'gegrond',
        subjectIds: null,
      },
    ]);
    const everything = JSON.stringify(jansen.data);
    for (const secret of ['dagboek', 'Het eten is altijd koud', 'Vertrouwelijk', 'Teamleider'])
      expect(everything).not.toContain(secret);

    const pietersen = await view('pietersen');
    expect(pietersen.data!.case.parts.map((part) => part.id)).toEqual([parts[1]!.id]);
    expect(JSON.stringify(pietersen.data)).not.toContain('schreeuwde');
  });

  it('reads back the decision’s inputs as each reader may: staff all, the client without owners, a subject only their part', async () => {
    const inputsOf = (result: { data?: { case: View } | null }) => {
      const entry = result.data!.case.actionInputs.find((e) => e.action === 'record-decision')!;
      // The entry belongs to the action's own timeline event.
      const event = result.data!.case.timeline.find(
        (e) => e.type === 'action-taken' && e.payload.entry === entry.entry,
      );
      return { inputs: Object.fromEntries(entry.inputs.map((i) => [i.id, i.value])), event };
    };

    const staff = inputsOf(await view('manager'));
    expect(staff.event).toBeDefined();
    expect(staff.inputs.reasoning).toBe(
      'Vertrouwelijk voor de cliënt: wij hebben het hele team gesproken.',
    );
    expect(JSON.stringify(staff.inputs.measures)).toContain('Teamleider Oost');

    const client = inputsOf(await view('client'));
    expect(client.inputs.reasoning).toBe(
      'Vertrouwelijk voor de cliënt: wij hebben het hele team gesproken.',
    );
    expect(client.inputs.outcomes).toHaveLength(3);
    expect(JSON.stringify(client.inputs.measures)).toContain('Privacyregels opnieuw uitleggen');
    expect(JSON.stringify(client.inputs.measures)).not.toContain('Teamleider');

    const jansen = (await view('jansen')).data!.case.actionInputs;
    const decision = jansen.find((e) => e.action === 'record-decision')!;
    const values = Object.fromEntries(decision.inputs.map((i) => [i.id, i.value]));
    // Not the reasoning (the client's), only the outcome and the measure of their own part.
    expect(Object.keys(values).sort()).toEqual(['measures', 'outcomes']);
    expect(values.outcomes).toEqual([
      { part: parts[0]!.id, outcome: 'gegrond', reasoning: 'Collega’s bevestigen het.' },
    ]);
    expect(JSON.stringify(values.measures)).toContain('Gesprek over toon aan tafel');
    expect(JSON.stringify(values.measures)).not.toContain('Privacyregels');
    expect(JSON.stringify(values.measures)).not.toContain('Teamleider');
  });

  it('lets the subject’s search find their case by its reference, not by words of another part', async () => {
    const SEARCH = /* GraphQL */ `
      query Search($search: String!) {
        cases(first: 20, filter: { search: $search }) {
          edges {
            node {
              id
            }
          }
        }
      }
    `;
    const search = async (name: string, words: string) => {
      const result = await server.gql<{ cases: { edges: { node: { id: string } }[] } }>(
        SEARCH,
        { search: words },
        as(name),
      );
      expect(result.errors).toBeUndefined();
      return result.data!.cases.edges.map((edge) => edge.node.id);
    };
    // Staff find it by any part; the subject of part 1 not by part 2's words, nor by their own
    // (a hit tells nothing new, but the rule is one: a subject's cases match by reference).
    expect(await search('manager', 'dagboek')).toContain(caseId);
    expect(await search('jansen', 'dagboek')).not.toContain(caseId);
    expect(await search('jansen', 'eten is altijd koud')).not.toContain(caseId);
    const reference = (
      await server.gql<{ case: { reference: string } }>(
        /* GraphQL */ `
          query Reference($id: ID!) {
            case(id: $id) {
              reference
            }
          }
        `,
        { id: caseId },
        as('jansen'),
      )
    ).data!.case.reference;
    expect(await search('jansen', reference.toLowerCase())).toContain(caseId);
  });

  it('shows nothing to a handler who is not on the case, or to another organisation', async () => {
    for (const [name, organisation] of [
      ['bystander', zorg],
      ['otherDirector', other],
    ] as const) {
      // `case(id)` answers "not there" and "not yours" alike: no case.
      const result = await view(name, organisation);
      expect(result.errors).toBeUndefined();
      expect(result.data!.case).toBeNull();
    }
  });

  it('makes every part about everyone the complaint names when no part names anyone', async () => {
    const { jansen, pietersen } = zorg.people;
    const filed = await server.gql<{ fileComplaint: { case: { id: string } } }>(
      FILE,
      {
        input: {
          complainant: 'client',
          subjectIds: [jansen!.id, pietersen!.id],
          parts: [{ summary: 'Zij lieten mij buiten staan.' }, { summary: 'En lachten erom.' }],
        },
      },
      as('client'),
    );
    expect(filed.errors).toBeUndefined();
    const id = filed.data!.fileComplaint.case.id;
    for (const name of ['jansen', 'pietersen']) {
      const seen = await server.gql<{ case: View }>(VIEW, { id }, as(name));
      expect(seen.data!.case.parts.map((p) => p.summary)).toEqual([
        'Zij lieten mij buiten staan.',
        'En lachten erom.',
      ]);
    }
  });

  it('refuses a part about someone the complaint is not about, and files nothing', async () => {
    const LIST = /* GraphQL */ `
      query {
        cases(first: 50) {
          totalCount
        }
      }
    `;
    const before = await server.gql<{ cases: { totalCount: number } }>(LIST, {}, as('client'));
    const refused = await server.gql(
      FILE,
      {
        input: {
          complainant: 'client',
          subjectIds: [zorg.people.jansen!.id],
          parts: [{ summary: 'Over iemand anders.', subjectIds: [zorg.people.bystander!.id] }],
        },
      },
      as('client'),
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(refused.errors?.[0]?.extensions?.field).toBe('parts.0.subjectIds');
    const after = await server.gql<{ cases: { totalCount: number } }>(LIST, {}, as('client'));
    expect(after.data!.cases.totalCount).toBe(before.data!.cases.totalCount);
  });
});
