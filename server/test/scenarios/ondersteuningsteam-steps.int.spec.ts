import { amsterdamDate, formatDutch } from '@klachtpad/procedures';
import { describe, expect, it } from 'vitest';
import { withTenantTransaction } from '../../src/core/db/tenant-session.js';
import { CaseEvent } from '../../src/modules/cases/case-event.entity.js';
import { Document } from '../../src/modules/documents/document.entity.js';
import { RegisterCase } from '../../src/modules/insights/register-entry.entity.js';
import {
  assignHandlerAs,
  countRows,
  fileComplaintAs,
  performActionsAs,
} from '../casework-fixtures.js';
import {
  downloadAs,
  GENERATE_LETTER,
  letterTextAs,
  SEND_LETTER,
  type GeneratedLetter,
} from '../letter-operations.js';
import { arrangeSeedWalk, routeTo, walkRoute } from '../route-walk.js';
import { ACT } from './operations.js';

/**
 * Seed 004 (Ondersteuningsteam) through the API, the steps its text asks beyond the stages the
 * seed walk reaches: the contact person first, with no legal term until the formal complaint;
 * closing only once the letter saying what was done with the complaint was sent to the
 * complainant; the FG route for a privacy complaint recorded without internal handling, unless
 * the complainant asks for that too, and counted in the register as filed outside.
 */
const DAY_MS = 86_400_000;

const LOOK = /* GraphQL */ `
  query Look($id: ID!) {
    case(id: $id) {
      version
      closed
      stages {
        track
        stage
      }
      deadlines {
        clock
        status
        due
        explanation
      }
      availableActions {
        id
      }
      actionInputs {
        action
        inputs {
          id
          value
        }
      }
      documents {
        id
        letterKind
      }
    }
  }
`;
const REGISTER = /* GraphQL */ `
  query Register($year: Int!) {
    complaintsRegister(year: $year) {
      cases {
        count
      }
      byRoute {
        key
        count
        suppressed
      }
    }
  }
`;

interface Look {
  version: number;
  closed: boolean;
  stages: { track: string; stage: string }[];
  deadlines: { clock: string; status: string; due: string; explanation: string }[];
  availableActions: { id: string }[];
  actionInputs: { action: string; inputs: { id: string; value: unknown }[] }[];
  documents: { id: string; letterKind: string | null }[];
}

interface Acted {
  performAction: {
    __typename: string;
    case?: { version: number };
    code?: string;
    reasons?: { message: { en: string } }[];
  };
}

describe('Ondersteuningsteam (seed 004): the steps its text asks, through the API', () => {
  const walk = arrangeSeedWalk('ondersteuningsteam', {
    client: ['client'],
    client2: ['client'],
    handler: ['handler'],
    employee: ['handler'],
    manager: ['manager'],
    director: ['director'],
  });
  const { as } = walk;

  const look = async (caseId: string, actor: string, organisation = walk.org) =>
    (await walk.server.gql<{ case: Look | null }>(LOOK, { id: caseId }, as(actor, organisation)))
      .data?.case ?? null;
  const act = (
    actor: string,
    caseId: string,
    version: number,
    action: string,
    payload: Record<string, unknown>,
  ) =>
    walk.server.gql<Acted>(
      ACT,
      { input: { caseId, action, expectedVersion: version, payload } },
      as(actor),
    );
  const today = () => amsterdamDate(walk.server.clock.now());
  const running = (kase: Look) => kase.deadlines.filter((d) => d.status === 'running');
  const stagesOf = (kase: Look) => kase.stages.map((s) => `${s.track}:${s.stage}`);
  const fileAs = (actor: string, input: Record<string, unknown>, organisation = walk.org) =>
    fileComplaintAs(walk.server, as(actor, organisation), {
      complainant: 'ouder',
      lastContactDate: today(),
      category: 'afspraken',
      parts: [{ summary: 'De procesbegeleider belt niet terug.' }],
      ...input,
    });

  /** Nobody outside the case sees it: another client, another organisation's directie. */
  async function expectUnseenByOutsiders(caseId: string) {
    expect(await look(caseId, 'client2')).toBeNull();
    expect(await look(caseId, 'director', walk.other)).toBeNull();
  }

  it('talks it over with the contact person first: no legal term runs until the formal complaint', async () => {
    const caseId = await fileAs('client', { entry: 'contactpersoon' });
    await assignHandlerAs(walk.server, as('manager'), caseId, walk.org.people.handler!.id);
    const informal = (await look(caseId, 'client'))!;
    expect(stagesOf(informal)).toEqual(['intern:contactpersoon']);
    expect(running(informal)).toEqual([]);
    expect(informal.availableActions.map((a) => a.id)).toContain('file-with-complaints-handler');
    expect((await look(caseId, 'handler'))!.availableActions.map((a) => a.id)).toContain(
      'resolve-with-contact-person',
    );
    await expectUnseenByOutsiders(caseId);

    // Ten days on they do not sort it out; the formal complaint needs its text, and writes
    // nothing without it.
    walk.server.clock.advance(10 * DAY_MS);
    const events = await countRows(walk.server, walk.org, CaseEvent);
    const empty = await act('client', caseId, informal.version, 'file-with-complaints-handler', {
      complaint: '',
    });
    expect(empty.data!.performAction).toMatchObject({
      __typename: 'ActionRefused',
      code: 'missing-input',
    });
    // Filing formally is the complainant's own act.
    const byStaff = await act('handler', caseId, informal.version, 'file-with-complaints-handler', {
      complaint: 'Ik wil een formele klacht indienen.',
    });
    expect(byStaff.data!.performAction.__typename).toBe('ActionRefused');
    expect(await countRows(walk.server, walk.org, CaseEvent)).toBe(events);

    const filed = await performActionsAs(walk.server, caseId, informal.version, [
      [
        as('client'),
        'file-with-complaints-handler',
        { complaint: 'Ik wil een formele klacht indienen.' },
      ],
    ]);
    const formal = (await look(caseId, 'client'))!;
    expect(formal.version).toBe(filed);
    expect(stagesOf(formal)).toEqual(['intern:ingediend']);
    // The six weeks of Awb 9:11 count from the formal complaint, not from the first talk.
    const [term] = running(formal);
    expect(term!.clock).toBe('beslistermijn');
    expect(term!.explanation).toContain(formatDutch(today()));
    await expectUnseenByOutsiders(caseId);
  });

  // A walk of several steps and two PDFs: minutes on a loaded machine, never a verdict.
  it(
    'closes only once the letter saying what was done with the complaint went to the complainant',
    { timeout: 300_000 },
    async () => {
      const { caseId, version } = await walkRoute(
        walk.server,
        walk.procedure,
        routeTo(walk.server, walk.procedure, 'intern:klager-informeren'),
        as,
        walk.org,
        { subjectIds: [walk.org.people.employee!.id] },
      );
      const staffView = (await look(caseId, 'handler'))!;
      const whatWasDone = staffView.actionInputs
        .find((entry) => entry.action === 'decide')!
        .inputs.find((input) => input.id === 'what-was-done')!.value as string;
      expect(whatWasDone.length).toBeGreaterThan(0);

      // Without the letter the case does not close, and nothing is written.
      const events = await countRows(walk.server, walk.org, CaseEvent);
      const early = await act('handler', caseId, version, 'close-after-informing', {});
      expect(early.data!.performAction).toMatchObject({ __typename: 'ActionRefused' });
      expect(early.data!.performAction.reasons!.map((r) => r.message.en)).toEqual([
        'First send the complainant the letter saying what was done with the complaint.',
      ]);
      expect(await countRows(walk.server, walk.org, CaseEvent)).toBe(events);

      // The letter, drafted: it says what was done under the procedure's own words.
      const drafted = await walk.server.gql<GeneratedLetter>(
        GENERATE_LETTER,
        { input: { caseId, kind: 'OUTCOME' } },
        as('handler'),
      );
      const letter = drafted.data!.generateLetter.document!;
      expect(letter.letterKind).toBe('outcome');
      const text = await letterTextAs(walk.server, as('handler'), letter.id);
      expect(text).toContain('Wat er met de klacht is gedaan');
      expect(text).toContain(whatWasDone.replace(/\s+/g, ' '));
      // A draft does not count: the client cannot see it yet, and closing is still refused.
      expect((await look(caseId, 'client'))!.documents.map((d) => d.id)).not.toContain(letter.id);
      expect((await downloadAs(walk.server, as('client'), letter.id)).status).toBe(404);
      const drafts = await act('handler', caseId, version, 'close-after-informing', {});
      expect(drafts.data!.performAction.__typename).toBe('ActionRefused');

      // Another organisation cannot send it; the handler can.
      const documents = await countRows(walk.server, walk.org, Document);
      const foreign = await walk.server.gql(
        SEND_LETTER,
        { documentId: letter.id },
        as('director', walk.other),
      );
      expect(foreign.errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');
      expect(await countRows(walk.server, walk.org, Document)).toBe(documents);
      const sent = await walk.server.gql(SEND_LETTER, { documentId: letter.id }, as('handler'));
      expect(sent.errors).toBeUndefined();
      expect(await letterTextAs(walk.server, as('client'), letter.id)).toContain(
        'Wat er met de klacht is gedaan',
      );
      // The person complained about does not get the complainant's letter.
      expect((await downloadAs(walk.server, as('employee'), letter.id)).status).toBe(404);
      expect((await downloadAs(walk.server, as('director', walk.other), letter.id)).status).toBe(
        404,
      );

      const closing = (await look(caseId, 'handler'))!;
      const closed = await performActionsAs(walk.server, caseId, closing.version, [
        [as('handler'), 'close-after-informing', {}],
      ]);
      const done = (await look(caseId, 'client'))!;
      expect(done).toMatchObject({ version: closed });
      expect(stagesOf(done)).toEqual([]);
      await expectUnseenByOutsiders(caseId);
    },
  );

  it('records the FG route for a privacy complaint without internal handling, unless the complainant asks for it too', async () => {
    const caseId = await fileAs('client', { entry: 'fg', category: 'persoonsgegevens' });
    const recorded = (await look(caseId, 'manager'))!;
    expect(stagesOf(recorded)).toEqual(['fg:fg-gemeld']);
    expect(running(recorded)).toEqual([]);
    // The projectleider records what the FG did; the complainant may still ask for handling here.
    expect(recorded.availableActions.map((a) => a.id)).toContain('record-dpo-outcome');
    const client = (await look(caseId, 'client'))!;
    expect(client.availableActions.map((a) => a.id)).toContain('also-internal');
    await expectUnseenByOutsiders(caseId);
    // Asking for it is the complainant's own act.
    const byManager = await act('manager', caseId, recorded.version, 'also-internal', {});
    expect(byManager.data!.performAction.__typename).toBe('ActionRefused');

    walk.server.clock.advance(3 * DAY_MS);
    await performActionsAs(walk.server, caseId, client.version, [
      [as('client'), 'also-internal', {}],
    ]);
    const both = (await look(caseId, 'manager'))!;
    expect(stagesOf(both)).toContain('intern:ingediend');
    const [term] = running(both);
    expect(term!.clock).toBe('beslistermijn');
    expect(term!.explanation).toContain(formatDutch(today()));
  });

  it('counts a complaint taken to the FG as filed outside the organisation in the register', async () => {
    const register = await walk.arrange({
      client: ['client'],
      manager: ['manager'],
      director: ['director'],
    });
    const year = Number(today().slice(0, 4));
    const fg: string[] = [];
    for (let i = 0; i < 5; i++)
      fg.push(await fileAs('client', { entry: 'fg', category: 'persoonsgegevens' }, register));
    for (let i = 0; i < 6; i++)
      await fileAs('client', { entry: i % 2 ? 'contactpersoon' : 'klachtenformulier' }, register);

    const read = await walk.server.gql<{
      complaintsRegister: {
        cases: { count: number | null };
        byRoute: { key: string; count: number | null; suppressed: boolean }[];
      };
    }>(REGISTER, { year }, as('manager', register));
    expect(read.errors).toBeUndefined();
    const counted = read.data!.complaintsRegister;
    expect(counted.cases.count).toBe(11);
    // Inside: the six that went to the contact person or the form, not the five at the FG (which
    // the register hides with the empty "referred later", so neither can be worked out alone).
    expect(counted.byRoute.find((group) => group.key === 'internal')).toMatchObject({
      count: 6,
      suppressed: false,
    });
    const routes = await withTenantTransaction(
      walk.server.ownerOrm,
      { organisationId: register.id },
      (em) => em.find(RegisterCase, { organisationId: register.id, caseId: { $in: fg } }),
    );
    expect(routes.map((row) => row.route)).toEqual(Array(5).fill('external-direct'));
    // A client does not read the register; another organisation's is its own.
    const byClient = await walk.server.gql(REGISTER, { year }, as('client', register));
    expect(byClient.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    const elsewhere = await walk.server.gql<{
      complaintsRegister: { cases: { count: number | null } };
    }>(REGISTER, { year }, as('director', walk.other));
    expect(elsewhere.data!.complaintsRegister.cases.count).toBeNull();
  });
});
