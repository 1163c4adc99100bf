import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  advanceTime,
  amsterdamDate,
  applyAction,
  fileCase,
  loadTemplate,
  routesToEveryStage,
  type Actor,
  type CaseState,
  type ProcedureDefinition,
  type RouteStep,
  type TemplateSlug,
} from '@klachtpad/procedures';
import {
  addMembership,
  arrangeOrganisation,
  publishTemplate,
  signIn,
  startTestServer,
  type ArrangedOrganisation,
  type TestServer,
} from '../harness.js';
import { ACT, ASSIGN, FILE, GRANT, LINK } from './operations.js';
import { withUploadedDocuments as uploadStepDocuments } from '../route-walk.js';
import { createLogger } from '../../src/core/logger.js';
import { actAs } from '../../src/request/act-as.js';
import { advanceCase } from '../../src/modules/cases/case.service.js';

/**
 * Each seed procedure walked end to end through the GraphQL API by the roles of its
 * organisation: every stage of every track is reached by the shortest route the engine finds,
 * all cases of an organisation moving through time together. After every step the test asks
 * each role what it sees of the case, and mirrors the step in the pure engine to check the API
 * lands in exactly the stage the procedure prescribes.
 */
const SEEDS: TemplateSlug[] = [
  'mo',
  'veilig-thuis',
  'kleine-ontmoeting',
  'bureau-mhr',
  'ondersteuningsteam',
];

const ACTORS: Record<string, Actor> = {
  client: { roles: ['client'], relationships: [{ kind: 'client' }] },
  handler: { roles: ['handler'], relationships: [{ kind: 'assigned-handler' }] },
  manager: { roles: ['manager'], relationships: [] },
  director: { roles: ['director'], relationships: [] },
  commission: { roles: ['commission'], relationships: [{ kind: 'referred-commission' }] },
};

const LOOK = /* GraphQL */ `
  query Look($id: ID!) {
    case(id: $id) {
      id
      version
      handlerIds
      availableActions {
        id
      }
      timeline {
        visibility
      }
    }
  }
`;

interface Look {
  id: string;
  version: number;
  handlerIds: string[] | null;
  availableActions: { id: string }[];
  timeline: { visibility: string }[];
}

interface Walked {
  stage: string;
  caseId: string;
  version: number;
  mirror: CaseState;
  steps: RouteStep[];
}

describe.each(SEEDS)('the %s procedure, walked through the API', (slug) => {
  let server: TestServer;
  let org: ArrangedOrganisation;
  let other: ArrangedOrganisation;
  let commission: ArrangedOrganisation;
  let procedure: ProcedureDefinition;
  const tokens: Record<string, string> = {};
  /** Stages whose case the commission saw at some step: proof the referral checks are not vacuous. */
  const seenByCommission = new Set<string>();
  // The commission member acts in the care organisation, like everyone here.
  const as = (name: string) => ({ token: tokens[name], organisation: org.slug });

  beforeAll(async () => {
    server = await startTestServer({
      env: {
        SESSION_IDLE_MINUTES: String(60 * 24 * 800),
        SESSION_ABSOLUTE_HOURS: String(24 * 800),
      },
    });
    org = await arrangeOrganisation(server.ownerOrm, {
      client: ['client'],
      client2: ['client'],
      handler: ['handler'],
      handler2: ['handler'],
      employee: ['handler'],
      manager: ['manager'],
      director: ['director'],
      confidant: ['confidant'],
    });
    other = await arrangeOrganisation(server.ownerOrm, { director: ['director'] });
    // The commission is an organisation of its own; its member also sits in the care organisation.
    commission = await arrangeOrganisation(
      server.ownerOrm,
      { member: ['commission'] },
      { kind: 'commission' },
    );
    await addMembership(server.ownerOrm, org.id, commission.people.member!.id, ['commission']);
    await publishTemplate(server.ownerOrm, org, slug, org.people.director!);
    procedure = { ...loadTemplate(slug), version: 1 };
    for (const name of Object.keys(org.people))
      tokens[name] = await signIn(server, org.people[name]!);
    tokens.otherDirector = await signIn(server, other.people.director!);
    tokens.commission = await signIn(server, commission.people.member!);
    for (const { id } of procedure.commissions) {
      const linked = await server.gql(
        LINK,
        { input: { commissionId: id, commissionOrganisation: commission.slug, termDays: 1000 } },
        as('director'),
      );
      expect(linked.errors).toBeUndefined();
    }
  });
  afterAll(() => server?.close());

  /** What every role sees of one case now, checked against what it should see. */
  async function expectVisibility(walked: Walked) {
    const look = async (token: string | undefined, organisation: string) =>
      (
        await server.gql<{ case: Look | null }>(
          LOOK,
          { id: walked.caseId },
          { token, organisation },
        )
      ).data?.case ?? null;
    const client = await look(tokens.client, org.slug);
    expect(client?.version, `${walked.stage}: client`).toBe(walked.version);
    expect(client?.handlerIds).toBeNull();
    expect(client?.timeline.every((event) => event.visibility === 'shared')).toBe(true);
    for (const staff of ['handler', 'manager', 'director']) {
      const seen = await look(tokens[staff], org.slug);
      expect(seen?.handlerIds, `${walked.stage}: ${staff}`).toEqual([org.people.handler!.id]);
      expect(seen!.timeline.length).toBeGreaterThanOrEqual(client!.timeline.length);
    }
    // The person complained about is heard, never shown the dossier's events or its staff.
    const subject = await look(tokens.employee, org.slug);
    expect(subject).toMatchObject({ handlerIds: null, timeline: [], availableActions: [] });
    // The confidant the client granted sees what the client sees.
    const confidant = await look(tokens.confidant, org.slug);
    expect(confidant?.version, `${walked.stage}: confidant`).toBe(walked.version);
    expect(confidant?.handlerIds).toBeNull();
    expect(confidant?.timeline.length).toBe(client!.timeline.length);
    // The commission sees the case only while it is referred to it, and never its staff.
    const member = await look(tokens.commission, org.slug);
    const referred = walked.mirror.referrals.some((referral) => referral.active);
    expect(member?.id ?? null, `${walked.stage}: commission, referred ${referred}`).toBe(
      referred ? walked.caseId : null,
    );
    if (member) {
      expect(member.handlerIds).toBeNull();
      seenByCommission.add(walked.stage);
    }
    for (const outsider of ['client2', 'handler2']) {
      expect(await look(tokens[outsider], org.slug), `${walked.stage}: ${outsider}`).toBeNull();
    }
    expect(await look(tokens.otherDirector, other.slug)).toBeNull();
  }

  /**
   * The route's payload with documents the actor uploads in place of its placeholder ids: the
   * server accepts only documents of the case the actor sees.
   */
  function withUploadedDocuments(
    caseId: string,
    step: { actor: string; action: string; payload: Record<string, unknown> },
  ): Promise<Record<string, unknown>> {
    return uploadStepDocuments(server, procedure, as(step.actor), caseId, step);
  }

  it('reaches every stage, with each role seeing what it should at every step', async () => {
    const start = server.clock.now();
    const routes = routesToEveryStage(procedure, {
      actors: ACTORS,
      filedOn: amsterdamDate(start),
    });
    const stages = procedure.tracks.flatMap((t) => t.stages.map((s) => `${t.id}:${s.id}`));
    expect([...routes.keys()].sort()).toEqual(stages.sort());

    // File one case per stage, all on the same day.
    const walks: Walked[] = [];
    for (const route of routes.values()) {
      const filed = await server.gql<{
        fileComplaint: { __typename: string; case: { id: string; version: number } };
      }>(
        FILE,
        {
          input: {
            entry: route.filing.entry,
            complainant: route.filing.complainant,
            parts: route.filing.parts.map((p) => ({ summary: p.summary })),
            category: route.filing.category,
            eventDate: route.filing.eventDate,
            lastContactDate: route.filing.lastContactDate,
            flags: Object.entries(route.filing.flags ?? {})
              .filter(([, on]) => on)
              .map(([flag]) => flag),
            subjectIds: [org.people.employee!.id],
          },
        },
        as('client'),
      );
      expect(filed.data?.fileComplaint.__typename, route.stage).toBe('CaseChanged');
      const { id, version } = filed.data!.fileComplaint.case;
      const assigned = await server.gql<{ assignHandler: { version: number } }>(
        ASSIGN,
        { caseId: id, handlerId: org.people.handler!.id },
        as('manager'),
      );
      expect(assigned.errors).toBeUndefined();
      const granted = await server.gql(
        GRANT,
        { input: { caseId: id, confidantId: org.people.confidant!.id, scopes: ['view'] } },
        as('client'),
      );
      expect(granted.errors).toBeUndefined();
      const mirrored = fileCase(procedure, route.filing, server.clock.now());
      if (!mirrored.ok) throw new Error('the engine refused the filing the API accepted');
      const walked = {
        stage: route.stage,
        caseId: id,
        version,
        mirror: mirrored.state,
        steps: route.steps,
      };
      walks.push(walked);
      await expectVisibility(walked);
    }

    // Then move through time, taking each case's steps on their days.
    const days = [...new Set(walks.flatMap((w) => w.steps.map((s) => s.on)))].sort();
    for (const day of days) {
      server.clock.advanceTo(new Date(`${day}T10:00:00.000Z`));
      for (const walked of walks) {
        const step = walked.steps[0];
        if (!step || step.on !== day) continue;
        walked.steps = walked.steps.slice(1);
        if (step.kind === 'wait') {
          // Terms that run out with nobody acting: what the deadline scheduler does.
          const advanced = await actAs(
            { orm: server.runtimeOrm, config: server.config, log: createLogger('silent') },
            { userId: org.people.manager!.id, organisationSlug: org.slug },
            server.clock.now(),
            (ctx) => advanceCase(ctx, walked.caseId),
          );
          walked.mirror = advanceTime(procedure, walked.mirror, server.clock.now()).state;
          walked.version = advanced.version;
          expect(walked.version).toBe(walked.mirror.version);
          await expectVisibility(walked);
          continue;
        }
        const offered = await server.gql<{ case: Look }>(
          LOOK,
          { id: walked.caseId },
          as(step.actor),
        );
        expect(
          offered.data?.case.availableActions.map((a) => a.id),
          `${walked.stage}: ${step.actor} is offered ${step.action}`,
        ).toContain(step.action);
        const payload = await withUploadedDocuments(walked.caseId, step);
        const result = await server.gql<{
          performAction: {
            __typename: string;
            case: { version: number; stages: { track: string; stage: string }[] };
          };
        }>(
          ACT,
          {
            input: {
              caseId: walked.caseId,
              action: step.action,
              expectedVersion: walked.version,
              payload,
            },
          },
          as(step.actor),
        );
        expect(
          result.data?.performAction.__typename,
          `${walked.stage}: ${step.action} ${JSON.stringify(result)}`,
        ).toBe('CaseChanged');
        const mirrored = applyAction(
          procedure,
          walked.mirror,
          ACTORS[step.actor]!,
          step.action,
          payload,
          server.clock.now(),
        );
        if (!mirrored.ok) throw new Error(`the engine refused ${step.action} the API accepted`);
        walked.mirror = mirrored.state;
        walked.version = result.data!.performAction.case.version;
        expect(walked.version).toBe(mirrored.state.version);
        expect(
          result.data!.performAction.case.stages.map((s) => `${s.track}:${s.stage}`).sort(),
        ).toEqual(
          Object.entries(mirrored.state.tracks)
            .filter(([, t]) => t.status === 'active')
            .map(([track, t]) => `${track}:${t.stage}`)
            .sort(),
        );
        await expectVisibility(walked);
      }
    }
    for (const walked of walks) {
      const [track, stage] = walked.stage.split(':');
      expect(walked.mirror.tracks[track!]?.stage, walked.stage).toBe(stage);
    }
    expect(seenByCommission.size > 0).toBe(procedure.commissions.length > 0);
    // Dozens of cases, each looked at by ten people after every step: on a shared, loaded
    // machine this takes its time, which is no measure of anything.
  }, 240_000);
});
