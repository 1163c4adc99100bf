import { amsterdamDate } from '@klachtpad/procedures';
import { canSeeCaseItem } from '../../core/authz/ability.js';
import { requireOrganisation, type RequestContext } from '../../core/context.js';
import { badInput, conflict, notFound } from '../../core/errors.js';
import { parseInput } from '../../core/validation/parse-input.js';
import { recordAccess, recordRefusal } from '../access-log/access-log.service.js';
import { loadVisibleCase, throughGate } from '../case-access/case-gate.js';
import { appendTimeline } from '../cases/case-timeline.js';
import { clientOf, type Case } from '../cases/case.entity.js';
import { advanceCase } from '../cases/case.service.js';
import { ConfidantGrant } from '../confidants/confidant-grant.entity.js';
import { Document, type LetterRecipient } from '../documents/document.entity.js';
import { addDocument } from '../documents/document.service.js';
import { Organisation } from '../organisations/organisation.entity.js';
import { procedureVersion } from '../procedures/procedure.service.js';
import { User } from '../users/user.entity.js';
import { composeLetter, type LetterRefusalCode } from './letter-content.js';
import { renderLetterPdf } from './letter-pdf.js';
import { GenerateLetterSchema, type GenerateLetterData } from './letter.inputs.js';

export type LetterResult =
  | { kind: 'generated'; document: Document }
  | { kind: 'refused'; code: LetterRefusalCode; message: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Drafts a letter to the client from the case as it stands, as an internal PDF document: staff
 * read it, then `sendLetter` shares it. Only staff who may read the internal part of the case
 * generate letters; a letter the case cannot support yet (no outcome, no extension, no decision)
 * is refused as data.
 */
export async function generateLetter(ctx: RequestContext, input: unknown): Promise<LetterResult> {
  const data = parseInput(GenerateLetterSchema, input);
  const { kase } = await loadVisibleCase(ctx, data.caseId, 'work', 'generate-letter', {
    lock: true,
  });
  const { definition } = await procedureVersion(
    ctx.em,
    kase.organisationId,
    kase.procedureVersionId,
  );
  const to = letterAddressee(kase, data);
  const organisation = await ctx.em.findOneOrFail(Organisation, { id: kase.organisationId });
  const addressee = await ctx.em.findOneOrFail(User, { id: to.id ?? kase.clientId });
  const composed = composeLetter({
    kind: data.kind,
    definition,
    state: kase.state,
    reference: kase.reference,
    organisationName: organisation.name,
    addresseeName: addressee.displayName,
    to: to.party,
    language: addressee.language ?? 'nl',
    today: amsterdamDate(ctx.now),
  });
  if (!composed.ok) {
    recordRefusal();
    return { kind: 'refused', code: composed.code, message: composed.message };
  }
  const content = await renderLetterPdf(composed.content, ctx.now);
  const document = await addDocument(ctx, kase, {
    kind: 'letter',
    letterKind: data.kind,
    letterTo: to,
    ...(composed.announces ? { letterExtension: composed.announces } : {}),
    name: composed.fileName,
    mediaType: 'application/pdf',
    content,
    audience: { visibility: 'internal', bundled: false, addresseeId: null },
  });
  return { kind: 'generated', document };
}

/**
 * Whom a letter goes to: the client, or a person the complaint is about (only the extension
 * notice: the other letters answer the complaint to its author). Anyone else is unknown.
 */
function letterAddressee(
  kase: Case,
  data: GenerateLetterData,
): { party: LetterRecipient; id: string | null } {
  if (!data.subjectId) return { party: 'client', id: null };
  if (!kase.subjectIds.includes(data.subjectId.toLowerCase()))
    throw badInput('Deze persoon is geen beklaagde in deze zaak.', { field: 'subjectId' });
  if (data.kind !== 'extension')
    throw badInput('Alleen de verlengingsbrief gaat ook naar de beklaagde.', {
      field: 'subjectId',
    });
  return { party: 'subject', id: data.subjectId.toLowerCase() };
}

/**
 * Sends a drafted letter: it becomes shared (the client, and confidants with a live grant, see and
 * download it) and the timeline says so. Sending twice is a CONFLICT.
 */
export async function sendLetter(ctx: RequestContext, documentId: string): Promise<Document> {
  const { organisationId } = requireOrganisation(ctx);
  const document = UUID.test(documentId)
    ? await ctx.em.findOne(Document, { organisationId, id: documentId })
    : null;
  if (!document) {
    recordAccess(ctx, { action: 'send-letter', outcome: 'denied' });
    throw notFound('Brief');
  }
  const { kase } = await throughGate('Brief', () =>
    loadVisibleCase(ctx, document.caseId, 'work', 'send-letter', {
      lock: true,
      also: (loaded, _viewer, ability) => canSeeCaseItem(ability, loaded, document),
    }),
  );
  if (document.kind !== 'letter') throw badInput('Alleen een brief kan worden verzonden.');
  if (document.sentAt) throw conflict('Deze brief is al verzonden.');
  // A letter to a subject is addressed to them (and staff); the client side never sees it.
  const audience =
    document.letterTo === 'subject' && document.letterToId
      ? { visibility: 'subject' as const, addresseeId: document.letterToId }
      : { visibility: 'shared' as const, addresseeId: null };
  Object.assign(document, audience, { sentAt: ctx.now });
  kase.updatedAt = ctx.now;
  await appendTimeline(ctx, kase, [
    {
      type: 'letter-sent',
      ...audience,
      payload: {
        documentId: document.id,
        name: document.name,
        letterKind: document.letterKind,
        recipients:
          audience.visibility === 'subject'
            ? { subjectId: audience.addresseeId }
            : await letterRecipients(ctx, kase),
      },
    },
  ]);
  await ctx.em.flush();
  // The extension this letter announces takes effect now that its notice went out in time.
  if (document.letterKind === 'extension') await advanceCase(ctx, kase.id);
  return document;
}

/**
 * Who a sent letter goes to: the client, and a copy to each confidant whose live grant includes
 * `receive-letters`. This is the hook for delivery: the notifications module (e-mail respecting
 * safe-contact rules, in-app) reads these from the `letter-sent` event; until then they are
 * recorded on it.
 */
export async function letterRecipients(
  ctx: RequestContext,
  kase: Case,
): Promise<{ clientId: string; confidantIds: string[] }> {
  const grants = await ctx.em.find(ConfidantGrant, {
    organisationId: kase.organisationId,
    caseId: kase.id,
    revokedAt: null,
    scopes: { $contains: ['receive-letters'] },
  });
  return { clientId: clientOf(kase), confidantIds: grants.map((grant) => grant.confidantId) };
}
