import { createHash, randomUUID } from 'node:crypto';
import {
  asCase,
  canSeeCaseItem,
  caseItemFilter,
  type AbilityViewer,
  type AppAbility,
  type ItemAudience,
} from '../../core/authz/ability.js';
import { requestAbility } from '../../core/authz/request-ability.js';
import { requireOrganisation, type RequestContext } from '../../core/context.js';
import { AppError, badInput, forbidden, notFound } from '../../core/errors.js';
import { recordAccess } from '../access-log/access-log.service.js';
import { loadVisibleCase, throughGate } from '../case-access/case-gate.js';
import { defineCaseItemLoader } from '../case-access/case-items.js';
import { appendTimeline } from '../cases/case-timeline.js';
import type { CaseActionInputs } from '../cases/case-transition.js';
import type { Case } from '../cases/case.entity.js';
import {
  detectMediaType,
  sanitiseName,
  type AllowedMediaType,
  type ContentRefusal,
} from './document-content.js';
import {
  queueScanOfUpload,
  refuseDownloadUnlessServable,
  unservableInput,
} from './document-scan.js';
import { defaultStorage, storageOf } from './document-storage.js';
import {
  Document,
  type DocumentKind,
  type LetterKind,
  type LetterRecipient,
} from './document.entity.js';
import { DocumentIdsSchema, UploadTargetSchema } from './document.inputs.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An upload refused for its content; nothing is stored. */
export function contentRefused(reason: ContentRefusal, message: string): AppError {
  return badInput(message, { reason });
}

/** What `POST /documents` received: the target from the query, the name header and the bytes. */
export interface UploadRequest {
  target: unknown;
  /** The name the client gave (already decoded from its header), if any. */
  name: string | undefined;
  content: Buffer;
  maxBytes: number;
}

/**
 * Adds an uploaded document to a case. The content decides the type; the viewer must see the case
 * and may add only a document they would see themselves (so the client side adds shared ones,
 * staff shared or internal ones, a referred commission adds to its bundle, and a subject adds
 * none). Nothing is written when anything is refused.
 */
export async function uploadDocument(
  ctx: RequestContext,
  upload: UploadRequest,
): Promise<Document> {
  requireOrganisation(ctx);
  const parsed = UploadTargetSchema.safeParse(upload.target);
  if (!parsed.success) {
    throw badInput(parsed.error.issues.map((issue) => issue.message).join(' '), {
      fields: parsed.error.issues.map((issue) => issue.path.join('.')),
    });
  }
  const mediaType = await checkContent(upload.content, upload.maxBytes);
  const { kase, ability, viewer } = await loadVisibleCase(
    ctx,
    parsed.data.caseId,
    'contribute',
    'upload-document',
    { lock: true },
  );
  const audience: ItemAudience = {
    visibility: parsed.data.visibility,
    // What a referred commission adds is part of the bundle it sees.
    bundled: kase.commissionIds.some((id) => viewer.commissionIds.includes(id)),
    addresseeId: null,
  };
  if (!canSeeCaseItem(ability, kase, audience)) {
    throw forbidden(
      parsed.data.visibility === 'internal'
        ? 'Alleen medewerkers voegen interne documenten toe.'
        : 'U kunt aan deze zaak geen documenten toevoegen.',
    );
  }
  requireConfidantMayAdd(kase, viewer, ability);
  return addDocument(ctx, kase, {
    kind: 'upload',
    name: sanitiseName(upload.name ?? '', mediaType),
    mediaType,
    content: upload.content,
    audience,
  });
}

async function checkContent(content: Buffer, maxBytes: number): Promise<AllowedMediaType> {
  if (content.length === 0) throw contentRefused('EMPTY', 'Het bestand is leeg.');
  if (content.length > maxBytes) {
    throw contentRefused('TOO_LARGE', 'Het bestand is te groot.');
  }
  const mediaType = await detectMediaType(content);
  if (!mediaType) {
    throw contentRefused(
      'UNSUPPORTED_TYPE',
      'Dit soort bestand wordt niet aangenomen: alleen PDF, PNG, JPEG, platte tekst en DOCX.',
    );
  }
  return mediaType;
}

/** A confidant adds documents only with a grant to draft or submit on the client's behalf. */
function requireConfidantMayAdd(kase: Case, viewer: AbilityViewer, ability: AppAbility) {
  if (kase.clientId === viewer.userId || !kase.confidantIds.includes(viewer.userId)) return;
  if (ability.can('work', asCase(kase))) return;
  const scopes = viewer.caseGrants[kase.id] ?? [];
  if (!scopes.some((scope) => scope === 'draft' || scope === 'submit')) {
    throw forbidden('Uw machtiging staat het toevoegen van documenten niet toe.');
  }
}

/** A new document of a case, from an upload or a generated letter. */
export interface NewDocument {
  kind: DocumentKind;
  letterKind?: LetterKind;
  /** For a letter: whom it goes to (a subject by id). */
  letterTo?: { party: LetterRecipient; id: string | null };
  /** For an extension letter: the extension it announces. */
  letterExtension?: string;
  name: string;
  mediaType: AllowedMediaType;
  content: Buffer;
  audience: ItemAudience;
}

/**
 * Stores a document of a case the caller has loaded (locked) and authorised, and records it on the
 * timeline with the document's own audience, in the request's transaction.
 */
export async function addDocument(
  ctx: RequestContext,
  kase: Case,
  input: NewDocument,
): Promise<Document> {
  const { viewer } = requireOrganisation(ctx);
  const document = Object.assign(new Document(), {
    organisationId: kase.organisationId,
    id: randomUUID(),
    caseId: kase.id,
    kind: input.kind,
    letterKind: input.letterKind ?? null,
    letterTo: input.letterTo?.party ?? null,
    letterToId: input.letterTo?.id ?? null,
    letterExtension: input.letterExtension ?? null,
    name: input.name,
    mediaType: input.mediaType,
    sizeBytes: input.content.length,
    sha256: createHash('sha256').update(input.content).digest('hex'),
    visibility: input.audience.visibility,
    bundled: input.audience.bundled,
    addresseeId: input.audience.addresseeId,
    createdById: viewer.userId,
    createdAt: ctx.now,
  });
  await defaultStorage().put(ctx, document, input.content);
  // What Klachtpad made itself (a letter) needs no scan; what a person sent does.
  if (input.kind === 'upload') await queueScanOfUpload(ctx, document);
  ctx.em.persist(document);
  await appendTimeline(ctx, kase, [
    {
      type: input.kind === 'letter' ? 'letter-drafted' : 'document-added',
      ...input.audience,
      payload: {
        documentId: document.id,
        name: document.name,
        mediaType: document.mediaType,
        sizeBytes: document.sizeBytes,
        ...(input.letterKind ? { letterKind: input.letterKind } : {}),
      },
    },
  ]);
  kase.updatedAt = ctx.now;
  await ctx.em.flush();
  return document;
}

/**
 * The bytes of a document, when the viewer may see both its case and the document itself. A
 * document that does not exist and one the viewer may not see are answered alike, and every
 * attempt is in the access log.
 */
export async function downloadDocument(
  ctx: RequestContext,
  documentId: string,
): Promise<{ document: Document; content: Buffer }> {
  const { organisationId } = requireOrganisation(ctx);
  const document = UUID.test(documentId)
    ? await ctx.em.findOne(Document, { organisationId, id: documentId })
    : null;
  if (!document) {
    recordAccess(ctx, { action: 'download-document', outcome: 'denied' });
    throw notFound('Document');
  }
  await throughGate('Document', () =>
    loadVisibleCase(ctx, document.caseId, 'read', 'download-document', {
      also: (kase, _viewer, ability) => canSeeCaseItem(ability, kase, document),
    }),
  );
  // Only after the gate: someone who may not see the document learns nothing of its scan.
  refuseDownloadUnlessServable(document);
  return { document, content: await storageOf(document).get(ctx, document) };
}

/**
 * The documents of a loaded case the viewer may see, oldest first, filtered in SQL; the documents
 * of a listed page load in one query.
 */
export const caseDocuments = defineCaseItemLoader(Document, { createdAt: 'asc', id: 'asc' });

/**
 * For other modules (messages, procedure actions with `documents` inputs): the documents with
 * these ids, each of this case and visible to the viewer, in the order given. Any other id (of
 * another case, another organisation, or hidden from the viewer) is refused as unknown; a
 * document still being scanned, or found infected, is refused as such (ADR 0066).
 */
export async function requireCaseDocuments(
  ctx: RequestContext,
  kase: Case,
  ids: readonly string[],
  /** The input field the ids came from, for the refusal. */
  field = 'documents',
): Promise<Document[]> {
  const parsed = DocumentIdsSchema.safeParse(ids);
  if (!parsed.success) {
    throw badInput(parsed.error.issues.map((issue) => issue.message).join(' '), { field });
  }
  const unique = [...new Set(parsed.data)];
  if (unique.length === 0) return [];
  const { ability, viewer } = await requestAbility(ctx);
  const audience = caseItemFilter(ability, kase, viewer.userId);
  const found =
    audience === false
      ? []
      : await ctx.em.find(Document, {
          $and: [
            { organisationId: kase.organisationId, caseId: kase.id, id: { $in: unique } },
            audience,
          ],
        } as never);
  const byId = new Map(found.map((document) => [document.id, document]));
  const missing = unique.filter((id) => !byId.has(id));
  if (missing.length > 0) {
    throw badInput('Onbekend document in deze zaak.', { field, documentIds: missing });
  }
  for (const document of found) {
    const refusal = unservableInput(document, field);
    if (refusal) throw refusal;
  }
  return unique.map((id) => byId.get(id)!);
}

/**
 * Every `documents` input of an action must name documents of this case the actor sees, before
 * the engine stores the ids in the case: a veto on `CASE_ACTION_INPUTS` that refuses as bad input.
 * A value that is no list at all is left to the engine's own input check, which refuses it as data.
 */
export async function requireDocumentInputs(
  ctx: RequestContext,
  { kase, action, payload }: CaseActionInputs,
): Promise<undefined> {
  for (const input of action?.inputs ?? []) {
    if (input.kind !== 'documents') continue;
    const ids: unknown = payload[input.id];
    if (Array.isArray(ids)) await requireCaseDocuments(ctx, kase, ids, `payload.${input.id}`);
  }
  return undefined;
}
