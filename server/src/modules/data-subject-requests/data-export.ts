import { formatLetterDate } from '@klachtpad/procedures';
import { requireOrganisation, type RequestContext } from '../../core/context.js';
import { renderLetterPdf } from '../letters/letter-pdf.js';
import { letterLabels, type LetterContent } from '../letters/letter-content.js';
import type { Language } from '../users/user-language.js';
import { Organisation } from '../organisations/organisation.entity.js';
import { dayOf } from './data-request-clock.js';
import type { DossierDocuments } from './dossier-documents.js';
import type { DataSubjectRequest } from './data-subject-request.entity.js';

/**
 * Runs one of the dossier documents as the viewer of `ctx`, through the schema the API serves
 * (wired in app.ts: a module does not know the schema). Throws on any error, so an export is
 * whole or not given at all.
 */
export type ClientView = (
  ctx: RequestContext,
  document: string,
  variables?: Record<string, unknown>,
) => Promise<Record<string, unknown>>;

export const DATA_EXPORT_FORMAT = 'klachtpad.data-export/1';

type Json = Record<string, unknown>;

/** What the client downloads: what they may see in the portal, as the API shows it to them. */
export interface DataExport {
  format: typeof DATA_EXPORT_FORMAT;
  organisation: { name: string; slug: string };
  request: { id: string; receivedOn: string; dueOn: string; answeredAt: string | null };
  generatedAt: string;
  /** `me`, the contact preferences, confidant authorisations and AVG requests. */
  account: Json;
  /** Each case as `case(id)` shows it to the client, with `accessLog(caseId)` beside it. */
  cases: { case: Json; accessLog: Json[] }[];
  notifications: Json[];
}

interface Page {
  edges: { node: Json }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

async function allPages(
  ctx: RequestContext,
  view: ClientView,
  document: string,
  field: string,
): Promise<Json[]> {
  const nodes: Json[] = [];
  let after: string | null = null;
  for (;;) {
    const data = await view(ctx, document, { after });
    const page = data[field] as Page;
    nodes.push(...page.edges.map((edge) => edge.node));
    if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) return nodes;
    after = page.pageInfo.endCursor;
  }
}

/**
 * Composes the export of an answered access request as its client, in the client's own request:
 * the same queries and resolvers as the portal, so it holds exactly what they may see (no
 * internal note, nothing of another client or organisation) and every read is the client's own
 * line in the access log.
 */
export async function composeDataExport(
  ctx: RequestContext,
  request: DataSubjectRequest,
  view: ClientView,
  documents: DossierDocuments,
): Promise<DataExport> {
  const { organisationId } = requireOrganisation(ctx);
  const organisation = await ctx.em.findOneOrFail(Organisation, { id: organisationId });
  const account = await view(ctx, documents.account);
  const caseIds = (await allPages(ctx, view, documents.caseIds, 'cases')).map(
    (node) => node.id as string,
  );
  const cases: DataExport['cases'] = [];
  for (const id of caseIds) {
    const data = await view(ctx, documents.case, { id });
    cases.push({ case: data.case as Json, accessLog: data.accessLog as Json[] });
  }
  const notifications = await allPages(ctx, view, documents.notifications, 'notifications');
  return {
    format: DATA_EXPORT_FORMAT,
    organisation: { name: organisation.name, slug: organisation.slug },
    request: {
      id: request.id,
      receivedOn: request.receivedOn,
      dueOn: request.dueOn,
      answeredAt: request.decidedAt?.toISOString() ?? null,
    },
    generatedAt: ctx.now.toISOString(),
    account,
    cases,
    notifications,
  };
}

/** One line per value, named by its path ("parts 1 · summary: …"); empty values left out. */
function lines(value: unknown, path: string[] = []): string[] {
  if (value === null || value === undefined || value === '') return [];
  if (Array.isArray(value))
    return value.flatMap((item, index) => lines(item, [...path, String(index + 1)]));
  if (typeof value === 'object')
    return Object.entries(value as Json)
      .filter(([key]) => key !== '__typename')
      .flatMap(([key, item]) => lines(item, [...path, key]));
  return [`${path.join(' · ')}: ${String(value)}`];
}

const PDF_WORDS = {
  nl: {
    subject: 'Uw gegevens: inzage en afschrift (AVG artikel 15 en 20)',
    intro: (received: string, due: string) =>
      `Uw verzoek is ontvangen op ${received} en moest uiterlijk ${due} beantwoord zijn. Dit overzicht bevat alles wat u in Klachtpad over uzelf kunt zien, en wie uw dossiers inzag. Hetzelfde staat in het JSON-bestand, dat u kunt meenemen (AVG artikel 20).`,
    account: 'Uw account',
    complaint: (reference: string) => `Klacht ${reference}`,
    accessLog: (reference: string) => `Wie dossier ${reference} inzag`,
    notifications: 'Meldingen',
  },
  en: {
    subject: 'Your data: access and a copy (GDPR articles 15 and 20)',
    intro: (received: string, due: string) =>
      `Your request was received on ${received} and was due by ${due}. This overview holds everything you can see about yourself in Klachtpad, and who accessed your dossiers. The JSON file holds the same, to take along (GDPR article 20).`,
    account: 'Your account',
    complaint: (reference: string) => `Complaint ${reference}`,
    accessLog: (reference: string) => `Who accessed dossier ${reference}`,
    notifications: 'Notifications',
  },
} as const;

/**
 * The export as a letter to the client in their language, laid out by the letters module (one
 * PDF rendering and one embedded font for the organisation's letters and this one, so every name
 * prints): every value of the JSON, case by case.
 */
export function renderDataExportPdf(data: DataExport, language: Language): Promise<Buffer> {
  const words = PDF_WORDS[language];
  const account = data.account as { me?: { displayName?: string } };
  const day = (plain: string) => formatLetterDate(plain, language);
  const letter: LetterContent = {
    language,
    organisationName: data.organisation.name,
    addressee: account.me?.displayName ?? '',
    date: day(dayOf(new Date(data.generatedAt))),
    reference: data.request.id,
    subject: words.subject,
    labels: letterLabels(language),
    sections: [
      { paragraphs: [words.intro(day(data.request.receivedOn), day(data.request.dueOn))] },
      { heading: words.account, paragraphs: lines(data.account) },
      ...data.cases.flatMap(({ case: kase, accessLog }) => {
        const reference = String(kase.reference ?? '');
        return [
          { heading: words.complaint(reference), paragraphs: lines(kase) },
          {
            heading: words.accessLog(reference),
            paragraphs: accessLog.map((entry) =>
              [entry.occurredAt, entry.who ?? 'Klachtpad', entry.role, entry.action, entry.outcome]
                .filter(Boolean)
                .join(' · '),
            ),
          },
        ];
      }),
      { heading: words.notifications, paragraphs: lines(data.notifications) },
    ],
  };
  return renderLetterPdf(letter, new Date(data.generatedAt));
}
