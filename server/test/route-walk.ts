import type { Role } from '@klachtpad/contracts';
import {
  amsterdamDate,
  loadTemplate,
  routesToEveryStage,
  type CaseFacts,
  type Actor as EngineActor,
  type ProcedureDefinition,
  type StageRoute,
  type TemplateSlug,
} from '@klachtpad/procedures';
import { afterAll, beforeAll } from 'vitest';
import { createLogger } from '../src/core/logger.js';
import { withStepDocuments } from '../src/demo/route-documents.js';
import { recordRouteFacts } from '../src/demo/route-facts.js';
import { actAs } from '../src/request/act-as.js';
import { assignHandlerAs, fileComplaintAs, uploadDocumentAs } from './casework-fixtures.js';
import {
  arrangeOrganisation,
  LONG_SESSIONS,
  publishTemplate,
  signIn,
  startTestServer,
  type Actor,
  type ArrangedOrganisation,
  type ArrangedPerson,
  type TestServer,
} from './harness.js';
import { ACT } from './scenarios/operations.js';

/** Who acts in a route, by the name a route gives them. */
export const ROUTE_ACTORS: Record<string, EngineActor> = {
  client: { roles: ['client'], relationships: [{ kind: 'client' }] },
  handler: { roles: ['handler'], relationships: [{ kind: 'assigned-handler' }] },
  manager: { roles: ['manager'], relationships: [] },
  director: { roles: ['director'], relationships: [] },
};

/** The people of an organisation by name, each with their roles. */
export type People = Record<string, readonly Role[]>;

/** What a story on a seed template works with, filled in before its first test. */
export interface SeedWalk {
  server: TestServer;
  procedure: ProcedureDefinition;
  /** The organisation on the template, every person of it signed in. */
  org: ArrangedOrganisation;
  /** Another organisation on the same template, its director signed in: it sees nothing of org's. */
  other: ArrangedOrganisation;
  /** A person of an organisation of the story (`org` unless another is named), as the API's caller. */
  as(name: string, organisation?: ArrangedOrganisation): Actor;
  /** One more organisation on the template, every person of it signed in. */
  arrange(people: People): Promise<ArrangedOrganisation>;
  /** Signs in a person of elsewhere (a commission's member) who acts in `org` as `name`. */
  signInAs(name: string, person: ArrangedPerson): Promise<void>;
}

/**
 * Arranges a story on a seed template before its tests and closes it after them: a server whose
 * sessions outlive the weeks the story lets pass, an organisation of these people (its director
 * publishes the template) and another organisation, everyone signed in. Call it in a `describe`.
 */
export function arrangeSeedWalk(template: TemplateSlug, people: People): SeedWalk {
  const tokens = new Map<string, string>();
  const walk = {
    procedure: loadTemplate(template),
    as: (name: string, organisation = walk.org) => ({
      token: tokens.get(`${organisation.slug}:${name}`),
      organisation: organisation.slug,
    }),
    async arrange(people: People) {
      const arranged = await arrangeOrganisation(
        walk.server.ownerOrm,
        Object.fromEntries(Object.entries(people).map(([name, roles]) => [name, [...roles]])),
      );
      await publishTemplate(walk.server.ownerOrm, arranged, template, arranged.people.director!);
      for (const [name, person] of Object.entries(arranged.people))
        tokens.set(`${arranged.slug}:${name}`, await signIn(walk.server, person));
      return arranged;
    },
    async signInAs(name: string, person: ArrangedPerson) {
      tokens.set(`${walk.org.slug}:${name}`, await signIn(walk.server, person));
    },
  } as SeedWalk;
  beforeAll(async () => {
    walk.server = await startTestServer({ env: LONG_SESSIONS });
    walk.org = await walk.arrange(people);
    walk.other = await walk.arrange({ director: ['director'] });
  });
  afterAll(() => walk.server?.close());
  return walk;
}

/** The engine's shortest route from filing (today, by the test's clock) into a stage. */
export function routeTo(
  server: TestServer,
  procedure: ProcedureDefinition,
  stage: string,
): StageRoute {
  const route = routesToEveryStage(procedure, {
    actors: ROUTE_ACTORS,
    filedOn: amsterdamDate(server.clock.now()),
  }).get(stage);
  if (!route) throw new Error(`No route to ${stage}`);
  return route;
}

/**
 * Files a complaint and takes a route's actions through the API, each on its day by the test's
 * clock, as the people the route names (documents an action needs are uploaded first, and what a
 * step rests on, signed minutes or a letter, is done first by the people themselves). The
 * organisation's handler is assigned right after filing; its employee is the person complained
 * about. Returns the case and its version; a route that waits for a term is refused here: that is
 * what the worker is for.
 */
export async function walkRoute(
  server: TestServer,
  procedure: ProcedureDefinition,
  route: StageRoute,
  as: (name: string) => Actor,
  org: ArrangedOrganisation,
  filing: Record<string, unknown> = {},
): Promise<{ caseId: string; version: number }> {
  const caseId = await fileComplaintAs(server, as('client'), {
    entry: route.filing.entry,
    complainant: route.filing.complainant,
    parts: route.filing.parts.map((part) => ({ summary: part.summary })),
    eventDate: route.filing.eventDate,
    lastContactDate: route.filing.lastContactDate,
    category: route.filing.category,
    flags: Object.entries(route.filing.flags ?? {})
      .filter(([, on]) => on)
      .map(([flag]) => flag),
    ...filing,
  });
  await assignHandlerAs(server, as('manager'), caseId, org.people.handler!.id);
  let version = 1;
  for (const step of route.steps) {
    if (step.kind === 'wait') throw new Error('This route waits for a term; take another.');
    server.clock.advanceTo(new Date(`${step.on}T10:00:00.000Z`));
    if (step.facts) await recordFactsAs(server, org, caseId, step.facts);
    const payload = await withUploadedDocuments(server, procedure, as(step.actor), caseId, step);
    const result = await server.gql<{
      performAction: { __typename: string; case?: { version: number }; code?: string };
    }>(
      ACT,
      { input: { caseId, action: step.action, expectedVersion: version, payload } },
      as(step.actor),
    );
    const changed = result.data?.performAction.case;
    if (!changed) throw new Error(`${step.action} refused: ${JSON.stringify(result)}`);
    version = changed.version;
  }
  return { caseId, version };
}

/**
 * Makes the case record hold these facts, done by the organisation's people themselves through
 * the real services (the meeting held and its minutes signed, the letter sent); its employee is
 * the person complained about.
 */
export async function recordFactsAs(
  server: TestServer,
  org: ArrangedOrganisation,
  caseId: string,
  facts: CaseFacts,
): Promise<void> {
  await recordRouteFacts(
    (userId, work) =>
      actAs(
        { orm: server.runtimeOrm, config: server.config, log: createLogger('silent') },
        { userId, organisationSlug: org.slug },
        server.clock.now(),
        work,
      ),
    caseId,
    facts,
    {
      client: org.people.client?.id,
      handler: org.people.handler?.id,
      subject: org.people.employee?.id,
      manager: org.people.manager?.id,
      director: org.people.director?.id,
    },
  );
}

/**
 * A route step's payload with documents the actor uploads through the API in place of its
 * placeholder ids.
 */
export function withUploadedDocuments(
  server: TestServer,
  procedure: ProcedureDefinition,
  actor: Actor,
  caseId: string,
  step: { action: string; payload: Record<string, unknown> },
): Promise<Record<string, unknown>> {
  return withStepDocuments(procedure, step, (input, i) =>
    uploadDocumentAs(server, actor, caseId, 'shared', `${input.id}-${i}.txt`),
  );
}
