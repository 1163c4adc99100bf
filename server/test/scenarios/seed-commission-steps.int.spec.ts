import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, amsterdamDate } from '@klachtpad/procedures';
import { CaseEvent } from '../../src/modules/cases/case-event.entity.js';
import { assignHandlerAs, countRows, fileComplaintAs } from '../casework-fixtures.js';
import { addMembership, arrangeOrganisation } from '../harness.js';
import { arrangeSeedWalk, routeTo, walkRoute } from '../route-walk.js';
import { ACT, COMPLETE_MEASURE, LINK } from './operations.js';

/**
 * The commission steps of seeds 000 (MO) and 001 (Veilig Thuis), step by step through the API by
 * the people of each organisation (ADR 0099): the external commission stays open after the
 * directeur's ruling, and after its verdict the organisation records its reaction, measures the
 * measures module tracks or none with reasons; a mediation the commission waits for suspends its
 * term, the client confirms the agreement before the commission's track closes on it, and a
 * rejected agreement resumes the term. Another organisation, and every role the step is not
 * theirs, neither see nor act.
 */

const CASE = /* GraphQL */ `
  query Case($id: ID!) {
    case(id: $id) {
      version
      closed
      stages {
        track
        stage
      }
      parts {
        id
        outcome
      }
      availableActions {
        id
      }
      deadlines {
        clock
        status
        due
      }
      measures {
        id
        description
        due
        status
        owner
      }
      timeline {
        type
        payload
      }
    }
  }
`;

interface Seen {
  version: number;
  closed: boolean;
  stages: { track: string; stage: string }[];
  parts: { id: string; outcome: string | null }[];
  availableActions: { id: string }[];
  deadlines: { clock: string; status: string; due: string }[];
  measures: {
    id: string;
    description: string;
    due: string;
    status: string;
    owner: string | null;
  }[];
  timeline: { type: string; payload: Record<string, unknown> }[];
}

const stagesOf = (seen: Seen) => seen.stages.map((s) => `${s.track}:${s.stage}`).sort();
/** The stage a track last entered, from the timeline (a closed case has no active stage). */
const lastEntered = (seen: Seen, track: string) =>
  seen.timeline.filter((e) => e.type === 'stage-entered' && e.payload.track === track).at(-1)
    ?.payload.stage;

/** One care organisation on a seed template, its commission linked, and its people signed in. */
function arrangeSeed(slug: 'mo' | 'veilig-thuis') {
  const world = arrangeSeedWalk(slug, {
    client: ['client'],
    handler: ['handler'],
    handler2: ['handler'],
    employee: ['handler'],
    manager: ['manager'],
    director: ['director'],
  });
  const { as } = world;
  beforeAll(async () => {
    const commission = await arrangeOrganisation(
      world.server.ownerOrm,
      { member: ['commission'] },
      { kind: 'commission' },
    );
    await addMembership(world.server.ownerOrm, world.org.id, commission.people.member!.id, [
      'commission',
    ]);
    await world.signInAs('commission', commission.people.member!);
    for (const { id } of world.procedure.commissions) {
      const linked = await world.server.gql(
        LINK,
        { input: { commissionId: id, commissionOrganisation: commission.slug, termDays: 1000 } },
        as('director'),
      );
      expect(linked.errors).toBeUndefined();
    }
  });

  async function look(caseId: string, name = 'director'): Promise<Seen | null> {
    const result = await world.server.gql<{ case: Seen | null }>(CASE, { id: caseId }, as(name));
    expect(result.errors).toBeUndefined();
    return result.data!.case;
  }

  async function act(name: string, caseId: string, action: string, payload: object) {
    const { version } = (await look(caseId))!;
    const result = await world.server.gql<{
      performAction: { __typename: string; code?: string };
    }>(ACT, { input: { caseId, action, expectedVersion: version, payload } }, as(name));
    expect(result.errors).toBeUndefined();
    return result.data!.performAction;
  }

  /** Only `allowed` is offered the action; everyone else is neither offered nor let through. */
  async function onlyFor(caseId: string, action: string, allowed: string, payload: object) {
    const events = await countRows(world.server, world.org, CaseEvent);
    for (const name of ['client', 'handler', 'handler2', 'employee', 'manager', 'director']) {
      if (name === allowed) continue;
      const offered = (await look(caseId, name))?.availableActions.map((a) => a.id) ?? [];
      expect(offered, `${name} is not offered ${action}`).not.toContain(action);
      // Refused by the procedure, or, for whoever may not see the case, not found.
      const { version } = (await look(caseId))!;
      const tried = await world.server.gql<{ performAction: { __typename: string } }>(
        ACT,
        { input: { caseId, action, expectedVersion: version, payload } },
        as(name),
      );
      expect(
        tried.data?.performAction.__typename ?? tried.errors?.[0]?.extensions?.code,
        name,
      ).toMatch(/^(ActionRefused|NOT_FOUND)$/);
    }
    // Another organisation does not find the case at all.
    const elsewhere = await world.server.gql<{ case: Seen | null }>(
      CASE,
      { id: caseId },
      as('director', world.other),
    );
    expect(elsewhere.data?.case ?? null).toBeNull();
    expect(await countRows(world.server, world.org, CaseEvent)).toBe(events);
    expect((await look(caseId, allowed))?.availableActions.map((a) => a.id)).toContain(action);
  }

  return { world, as, look, act, onlyFor };
}

describe('seed 000 (MO): the external commission after the ruling, and the reaction to its verdict', () => {
  const { world, look, act, onlyFor, as } = arrangeSeed('mo');

  // A route search and dozens of requests: minutes on a loaded machine, never a verdict.
  it(
    'files with the commission after the directeur ruled; the verdict gets the organisation’s measures, tracked to done',
    { timeout: 600_000 },
    async () => {
      const { server, org, procedure } = world;
      const route = routeTo(server, procedure, 'extern:extern-mogelijk');
      const { caseId } = await walkRoute(server, procedure, route, as, org, {
        category: route.filing.category,
        subjectIds: [org.people.employee!.id],
      });
      const ruled = (await look(caseId))!;
      // The ruling closed the internal track; the commission stays open for the client.
      expect(stagesOf(ruled)).toEqual(['extern:extern-mogelijk']);
      expect(ruled.deadlines.find((d) => d.clock === 'externe-termijn')?.status).toBe('running');
      await onlyFor(caseId, 'file-external', 'client', { internal: 'doorgaan' });
      expect(await act('client', caseId, 'file-external', { internal: 'doorgaan' })).toMatchObject({
        __typename: 'CaseChanged',
      });
      expect(stagesOf((await look(caseId))!)).toEqual(['extern:extern-ingediend']);
      // Referred: the commission sees the case now and gives its verdict.
      expect((await look(caseId, 'commission'))?.availableActions.map((a) => a.id)).toEqual([
        'commission-verdict',
      ]);
      const parts = ruled.parts;
      const verdict = {
        outcomes: parts.map((part) => ({
          part: part.id,
          outcome: 'gegrond',
          reasoning: 'De afspraken over de maaltijden zijn niet nagekomen.',
        })),
        reasoning: 'De commissie heeft beide kanten gehoord en de stukken gelezen.',
      };
      expect(await act('commission', caseId, 'commission-verdict', verdict)).toMatchObject({
        __typename: 'CaseChanged',
      });
      const judged = (await look(caseId))!;
      expect(stagesOf(judged)).toEqual(['extern:reactie-organisatie']);
      expect(judged.parts.every((part) => part.outcome === 'gegrond')).toBe(true);
      const today = amsterdamDate(server.clock.now());
      expect(judged.deadlines.find((d) => d.clock === 'reactietermijn')).toMatchObject({
        status: 'running',
      });
      // The verdict ended the referral: the commission sees nothing of the reaction.
      expect(await look(caseId, 'commission')).toBeNull();

      // The organisation's reaction is the directeur's; a reaction without measures needs reasons.
      const reaction = {
        measures: [
          {
            description: 'Maaltijdafspraken op elke afdeling op papier',
            owner: 'Leidinggevende',
            due: addDays(today, 30),
          },
        ],
        reaction: 'Wij nemen de uitspraak over en leggen de afspraken vast.',
      };
      await onlyFor(caseId, 'react-with-measures', 'director', reaction);
      expect(
        await act('director', caseId, 'react-without-measures', { reasons: 'kort' }),
      ).toMatchObject({ code: 'invalid-input' });
      expect(await act('director', caseId, 'react-with-measures', reaction)).toMatchObject({
        __typename: 'CaseChanged',
      });
      const reacted = (await look(caseId))!;
      expect(stagesOf(reacted)).toEqual([]);
      expect(lastEntered(reacted, 'extern')).toBe('extern-uitspraak');
      expect(reacted.closed).toBe(true);
      expect(reacted.deadlines.find((d) => d.clock === 'reactietermijn')?.status).toBe('stopped');
      // The measures module tracks what the organisation promised: the client sees what and by
      // when, not who; staff complete it with proof.
      const promised = reacted.measures.find(
        (m) => m.description === 'Maaltijdafspraken op elke afdeling op papier',
      )!;
      expect(promised).toMatchObject({
        due: addDays(today, 30),
        status: 'OPEN',
        owner: 'Leidinggevende',
      });
      expect((await look(caseId, 'client'))!.measures).toContainEqual({ ...promised, owner: null });
      const completed = await server.gql<{ completeMeasure: { __typename: string } }>(
        COMPLETE_MEASURE,
        { input: { caseId, measureId: promised.id, proof: 'Op elke afdeling hangt de lijst.' } },
        as('manager'),
      );
      expect(completed.data?.completeMeasure).toMatchObject({ __typename: 'Measure' });
      const done = (await look(caseId, 'client'))!.measures.find((m) => m.id === promised.id);
      expect(done?.status).toBe('DONE');
    },
  );

  it('records a reaction without measures only with its reasons', async () => {
    const { server, org } = world;
    // Straight to the commission, instead of the internal handling.
    const caseId = await fileComplaintAs(server, as('client'), {
      entry: 'extern',
      category: 'klacht',
      parts: [{ summary: 'Mijn post werd geopend.' }],
      subjectIds: [org.people.employee!.id],
    });
    const { parts } = (await look(caseId))!;
    expect(
      await act('commission', caseId, 'commission-verdict', {
        outcomes: parts.map((part) => ({ part: part.id, outcome: 'ongegrond' })),
        reasoning: 'De commissie vond geen aanwijzing dat post werd geopend.',
      }),
    ).toMatchObject({ __typename: 'CaseChanged' });
    expect(stagesOf((await look(caseId))!)).toEqual(['extern:reactie-organisatie']);
    await onlyFor(caseId, 'react-without-measures', 'director', {
      reasons: 'De commissie vond de klacht ongegrond; de werkwijze blijft zoals zij is.',
    });
    expect(await act('director', caseId, 'react-without-measures', {})).toMatchObject({
      code: 'missing-input',
    });
    expect(
      await act('director', caseId, 'react-without-measures', {
        reasons: 'De commissie vond de klacht ongegrond; de werkwijze blijft zoals zij is.',
      }),
    ).toMatchObject({ __typename: 'CaseChanged' });
    const reacted = (await look(caseId))!;
    expect(stagesOf(reacted)).toEqual([]);
    expect(lastEntered(reacted, 'extern')).toBe('extern-uitspraak');
    expect(reacted.closed).toBe(true);
    // The reasons are the reaction: no measure is recorded.
    expect(reacted.measures).toEqual([]);
    expect((await look(caseId, 'client'))!.timeline.map((e) => e.type)).toContain('action-taken');
  });
});

describe('seed 001 (Veilig Thuis): the commission waits for mediation, the client confirms the agreement', () => {
  const { world, look, act, onlyFor, as } = arrangeSeed('veilig-thuis');
  const mediated = {
    'held-on': '',
    report: 'Partijen spraken af dat het verslag wordt aangevuld.',
    result: 'opgelost',
  };

  async function waitingForMediation() {
    const { server, org } = world;
    const caseId = await fileComplaintAs(server, as('client'), {
      entry: 'commissie',
      parts: [{ summary: 'Het verslag over ons gezin klopt niet.' }],
      subjectIds: [org.people.employee!.id],
    });
    await assignHandlerAs(server, as('manager'), caseId, org.people.handler!.id);
    const filed = (await look(caseId))!;
    const due = filed.deadlines.find((d) => d.clock === 'commissie-termijn')!.due;
    expect(
      await act('commission', caseId, 'assess-mediation', {
        possible: 'ja',
        motivation: 'Partijen staan open voor een gesprek met de klachtbemiddelaar.',
      }),
    ).toMatchObject({ __typename: 'CaseChanged' });
    const waiting = (await look(caseId))!;
    expect(stagesOf(waiting)).toEqual([
      'extern:commissie-wacht-op-bemiddeling',
      'intern:bemiddeling',
    ]);
    // The commission's own term stands still while it waits.
    expect(waiting.deadlines.find((d) => d.clock === 'commissie-termijn')?.status).toBe(
      'suspended',
    );
    server.clock.advance(10 * 86_400_000);
    const today = amsterdamDate(server.clock.now());
    expect(
      await act('handler', caseId, 'record-mediation', { ...mediated, 'held-on': today }),
    ).toMatchObject({ __typename: 'CaseChanged' });
    return { caseId, due };
  }

  it('closes the commission’s track only when the client confirms the agreement', async () => {
    const { caseId } = await waitingForMediation();
    const agreed = (await look(caseId))!;
    // The agreement waits for the client; the commission's track does not close on it yet.
    expect(stagesOf(agreed)).toEqual([
      'extern:commissie-wacht-op-bemiddeling',
      'intern:akkoord-bevestigen',
    ]);
    expect(agreed.closed).toBe(false);
    expect((await look(caseId, 'commission'))?.availableActions.map((a) => a.id)).not.toContain(
      'confirm-agreement',
    );
    expect((await act('commission', caseId, 'confirm-agreement', {})).__typename).toBe(
      'ActionRefused',
    );
    await onlyFor(caseId, 'confirm-agreement', 'client', {});
    expect(await act('client', caseId, 'confirm-agreement', {})).toMatchObject({
      __typename: 'CaseChanged',
    });
    const confirmed = (await look(caseId))!;
    expect(confirmed.closed).toBe(true);
    expect(confirmed.parts.every((part) => part.outcome === 'opgelost-door-bemiddeling')).toBe(
      true,
    );
    expect(confirmed.deadlines.find((d) => d.clock === 'commissie-termijn')?.status).toBe(
      'stopped',
    );
    // The referral ended with it: the commission no longer sees the case.
    expect(await look(caseId, 'commission')).toBeNull();
  });

  it('resumes the commission’s term, later by the days it waited, when the client rejects the agreement', async () => {
    const { caseId, due } = await waitingForMediation();
    expect(
      await act('client', caseId, 'reject-agreement', {
        why: 'De afspraken gaan niet over het verslag, en daar gaat mijn klacht over.',
      }),
    ).toMatchObject({ __typename: 'CaseChanged' });
    expect(stagesOf((await look(caseId))!)).toEqual([
      'extern:commissie-wacht-op-bemiddeling',
      'intern:bemiddeling-mislukt',
    ]);
    await onlyFor(caseId, 'resume-after-mediation', 'commission', {});
    world.server.clock.advance(86_400_000);
    expect(await act('commission', caseId, 'resume-after-mediation', {})).toMatchObject({
      __typename: 'CaseChanged',
    });
    const resumed = (await look(caseId))!;
    expect(stagesOf(resumed)).toEqual(['extern:commissie-behandeling']);
    // Suspended from the assessment to the resumption: eleven days later than it was.
    expect(resumed.deadlines.find((d) => d.clock === 'commissie-termijn')).toMatchObject({
      status: 'running',
      due: addDays(due, 11),
    });
  });
});
