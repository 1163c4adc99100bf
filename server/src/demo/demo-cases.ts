import {
  addDays,
  amsterdamDate,
  routesToEveryStage,
  type Actor,
  type ProcedureDefinition,
  type StageRoute,
} from '@klachtpad/procedures';
import type { RequestContext } from '../core/context.js';
import { actAs, type ServiceDeps } from '../request/act-as.js';
import {
  advanceCase,
  assignHandler,
  fileComplaint,
  performAction,
} from '../modules/cases/case.service.js';
import { listCases } from '../modules/cases/case-listing.js';
import { grantConfidant } from '../modules/confidants/confidant.service.js';
import { uploadDocument } from '../modules/documents/document.service.js';
import { withStepDocuments } from './route-documents.js';
import { recordRouteFacts } from './route-facts.js';

/** Who acts in a demo walk, by the name a route gives them. */
const ACTORS: Record<string, Actor> = {
  client: { roles: ['client'], relationships: [{ kind: 'client' }] },
  handler: { roles: ['handler'], relationships: [{ kind: 'assigned-handler' }] },
  manager: { roles: ['manager'], relationships: [] },
  director: { roles: ['director'], relationships: [] },
  commission: { roles: ['commission'], relationships: [{ kind: 'referred-commission' }] },
};

/**
 * What clients of each demo organisation complain about, two parts each (the routes are found
 * for two-part complaints): the newcomer reads real-looking cases.
 */
const COMPLAINTS: Record<string, string[][]> = {
  mo: [
    ['Mijn kamer is doorzocht terwijl ik er niet bij was.', 'Niemand heeft me uitgelegd waarom.'],
    [
      'Ik kreeg een time-out van drie dagen zonder gesprek vooraf.',
      'Mijn spullen bleven op de gang staan.',
    ],
    [
      'Mijn post is twee weken niet aan mij gegeven.',
      'De begeleider reageerde niet op mijn vraag.',
    ],
  ],
  'veilig-thuis': [
    [
      'Het verslag bevat onjuistheden over onze gezinssituatie.',
      'Onze reactie is niet toegevoegd.',
    ],
    ['Wij zijn niet gehoord voordat de melding werd doorgezet.', 'Afspraken werden afgezegd.'],
    [
      'De medewerker deelde informatie met de school zonder ons te vragen.',
      'Wij hoorden het pas achteraf.',
    ],
  ],
  'kleine-ontmoeting': [
    [
      'De groepsleiding sprak mijn kind bij anderen aan op zijn gedrag.',
      'Mijn vragen daarover bleven liggen.',
    ],
    ['Ik werd niet gebeld toen mijn dochter ziek werd.', 'De overdracht was onvolledig.'],
    [
      'Het uitje werd zonder bericht aan ouders verplaatst.',
      'Mijn kind stond voor een dichte deur.',
    ],
  ],
  'bureau-mhr': [
    ['Mijn herstelplan is zonder overleg gewijzigd.', 'Mijn ervaringsdeskundige werd vervangen.'],
    ['Het team hield zich niet aan de afspraak over bezoektijden.', 'Mijn zus werd weggestuurd.'],
    [
      'Mijn dossier is met de woningcorporatie gedeeld zonder mijn toestemming.',
      'Niemand kon zeggen wat er is gedeeld.',
    ],
  ],
  ondersteuningsteam: [
    ['De gezinscoach kwam drie afspraken niet na.', 'Afzeggingen kwamen op het laatste moment.'],
    ['Ons is niet uitgelegd waarom de ondersteuning stopt.', 'Brieven kwamen te laat.'],
    ['Ik voelde me niet serieus genomen in het gesprek over mijn zoon.', 'Het verslag klopt niet.'],
  ],
};

export interface DemoPeople {
  /**
   * The demo user id of each acting name (client, handler, manager, director, commission), and of
   * the employee every demo complaint is about (`subject`).
   */
  userIds: Record<string, string>;
  /** The organisation each name acts in (the commission member acts in the care organisation). */
  slug: string;
}

/**
 * Demo cases that stand in every stage of an organisation's procedure, each brought there through
 * the real services by the demo people, with dates in the recent past: some terms already due,
 * some closed, so a newcomer sees a living system.
 */
export async function seedDemoCases(
  deps: ServiceDeps,
  procedure: ProcedureDefinition,
  people: DemoPeople,
  today: Date,
): Promise<number> {
  const routes = [...plannedRoutes(procedure, amsterdamDate(today)).values()];
  const complaints = COMPLAINTS[people.slug] ?? [
    ['Ik ben niet tevreden over de hulp.', 'Mijn vragen bleven onbeantwoord.'],
  ];
  let index = 0;
  for (const route of routes) {
    await walkRoute(deps, procedure, people, route, complaints[index % complaints.length]!, index);
    index++;
  }
  return routes.length;
}

/** Routes filed early enough that every one of them has finished before today. */
function plannedRoutes(procedure: ProcedureDefinition, today: string) {
  const span = (routes: Map<string, StageRoute>, from: string) =>
    Math.max(
      0,
      ...[...routes.values()].map((r) => dayDifference(from, r.steps.at(-1)?.on ?? r.filedOn)),
    );
  const parts = ['Eerste onderdeel', 'Tweede onderdeel'];
  const trial = addDays(today, -365);
  const longest = span(
    routesToEveryStage(procedure, { actors: ACTORS, filedOn: trial, parts }),
    trial,
  );
  return routesToEveryStage(procedure, {
    actors: ACTORS,
    filedOn: addDays(today, -(longest + 5)),
    parts,
  });
}

function dayDifference(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
}

/** A moment in office hours of a civil day (Amsterdam), varied so cases do not share a time. */
function at(date: string, index: number): Date {
  return new Date(Date.parse(`${date}T07:00:00.000Z`) + ((index * 37) % 540) * 60_000);
}

async function walkRoute(
  deps: ServiceDeps,
  procedure: ProcedureDefinition,
  people: DemoPeople,
  route: StageRoute,
  summaries: string[],
  index: number,
) {
  const as = <T>(name: string, date: string, work: (ctx: RequestContext) => Promise<T>) => {
    const userId = people.userIds[name];
    if (!userId) throw new Error(`No demo person acts as ${name}`);
    return actAs(deps, { userId, organisationSlug: people.slug }, at(date, index), work);
  };
  const filed = await as('client', route.filedOn, (ctx) =>
    fileComplaint(ctx, {
      entry: route.filing.entry,
      complainant: route.filing.complainant,
      parts: route.filing.parts.map((part, i) => ({ summary: summaries[i] ?? part.summary })),
      category: route.filing.category,
      eventDate: route.filing.eventDate,
      lastContactDate: route.filing.lastContactDate,
      flags: Object.entries(route.filing.flags ?? {})
        .filter(([, on]) => on)
        .map(([flag]) => flag),
      subjectIds: people.userIds.subject ? [people.userIds.subject] : [],
    }),
  );
  if (filed.kind !== 'changed') throw new Error(`Demo filing refused in ${people.slug}`);
  const caseId = filed.case.id;
  let version = filed.case.version;
  await as('manager', route.filedOn, (ctx) =>
    assignHandler(ctx, { caseId, handlerId: people.userIds.handler ?? '' }),
  );
  for (const step of route.steps) {
    if (step.kind === 'wait') {
      version = (await as('manager', step.on, (ctx) => advanceCase(ctx, caseId))).version;
      continue;
    }
    if (step.facts) {
      await recordRouteFacts(
        (userId, work) =>
          actAs(deps, { userId, organisationSlug: people.slug }, at(step.on, index), work),
        caseId,
        step.facts,
        people.userIds,
      );
    }
    const result = await as(step.actor, step.on, async (ctx) =>
      performAction(ctx, {
        caseId,
        action: step.action,
        expectedVersion: version,
        // One small shared document (the report, the form, the ruling) per one required.
        payload: await withStepDocuments(procedure, step, async (input, i) => {
          const document = await uploadDocument(ctx, {
            target: { caseId, visibility: 'shared' },
            name: `${input.label.nl} ${i + 1}.txt`,
            content: Buffer.from(`${input.label.nl}: vastgelegd bij ${step.action}.\n`),
            maxBytes: deps.config.documents.maxBytes,
          });
          return document.id;
        }),
      }),
    );
    if (result.kind !== 'changed') {
      throw new Error(`Demo step ${step.action} refused in ${people.slug}: ${result.refusal.code}`);
    }
    version = result.case.version;
  }
}

/** How many of a client's open demo cases the demo confidant is given access to. */
const CONFIDANT_CASES = 2;

/**
 * The demo client gives the demo confidant access to two of their open complaints, through the
 * same service the portal uses: the confidant's "Mijn cliënten" is filled in every organisation.
 */
export async function seedConfidantCaseGrants(
  deps: ServiceDeps,
  who: { slug: string; clientId: string; confidantId: string; today: Date },
): Promise<void> {
  await actAs(
    deps,
    { userId: who.clientId, organisationSlug: who.slug },
    who.today,
    async (ctx) => {
      const { cases } = await listCases(ctx, { first: CONFIDANT_CASES, filter: { closed: false } });
      for (const kase of cases) {
        await grantConfidant(ctx, {
          caseId: kase.id,
          confidantId: who.confidantId,
          scopes: ['view', 'submit', 'receive-letters', 'attend-meetings'],
        });
      }
    },
  );
}
