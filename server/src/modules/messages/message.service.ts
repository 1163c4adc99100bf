import { randomUUID } from 'node:crypto';
import { audienceCovers, canSeeCaseItem, type ItemAudience } from '../../core/authz/ability.js';
import { requireOrganisation, type RequestContext } from '../../core/context.js';
import { defineRequestLoader } from '../../core/graphql/request-loader.js';
import { badInput } from '../../core/errors.js';
import { parseInput } from '../../core/validation/parse-input.js';
import { loadVisibleCase, onBehalfOfClient } from '../case-access/case-gate.js';
import { defineCaseItemLoader } from '../case-access/case-items.js';
import { appendTimeline } from '../cases/case-timeline.js';
import type { Case } from '../cases/case.entity.js';
import { requireCaseDocuments } from '../documents/document.service.js';
import { CaseMessage, CaseMessageDocument } from './message.entity.js';
import { PostMessageSchema } from './message.inputs.js';

/**
 * Posts a message on a case. Who may post what follows from who may read it: a viewer writes only
 * an (unbundled) item they could see themselves. So the client and a confidant post shared
 * messages, staff on the case also internal notes and messages to one subject, a subject only
 * their own statement (addressed to themself). A member of a commission the case is referred to
 * writes its requests for information into the bundle it sees, as its documents go there
 * (ADR 0088): a shared one reaches the client side and staff as well. A viewer who may not post
 * this kind of message on this case is answered as if the case did not exist.
 */
export async function postMessage(ctx: RequestContext, input: unknown): Promise<CaseMessage> {
  const data = parseInput(PostMessageSchema, input);
  const audience: ItemAudience = {
    visibility: data.visibility,
    bundled: false,
    addresseeId: data.addresseeId ?? null,
  };
  const { kase, viewer } = await loadVisibleCase(ctx, data.caseId, 'contribute', 'post-message', {
    lock: true,
    also: (loaded, asker, ability) => {
      audience.bundled = loaded.commissionIds.some((id) => asker.commissionIds.includes(id));
      return canSeeCaseItem(ability, loaded, audience);
    },
  });
  if (audience.addresseeId !== null && !kase.subjectIds.includes(audience.addresseeId)) {
    // Staff see items addressed to anyone; only a subject of this case can be addressed.
    throw badInput('De geadresseerde is geen beklaagde in deze zaak.', { field: 'addresseeId' });
  }
  const documents = await requireCaseDocuments(ctx, kase, data.documentIds, 'documentIds');
  const hidden = documents.filter((document) => !audienceCovers(audience, document));
  if (hidden.length > 0) {
    throw badInput('Niet iedereen die dit bericht leest, mag deze documenten zien.', {
      field: 'documentIds',
      documentIds: hidden.map((document) => document.id),
    });
  }
  const onBehalfOfId = onBehalfOfClient(kase, viewer.userId);
  const message = ctx.em.create(CaseMessage, {
    organisationId: kase.organisationId,
    id: randomUUID(),
    caseId: kase.id,
    authorId: viewer.userId,
    onBehalfOfId,
    body: data.body,
    ...audience,
    documentIds: documents.map((document) => document.id),
    postedAt: ctx.now,
  });
  await appendTimeline(ctx, kase, [
    { type: 'message-posted', ...audience, onBehalfOfId, payload: { messageId: message.id } },
  ]);
  await ctx.em.flush();
  // After the message row: the foreign key checks each is a document of this case.
  if (documents.length > 0)
    await ctx.em.insertMany(
      CaseMessageDocument,
      documents.map((document, position) => ({
        organisationId: kase.organisationId,
        caseId: kase.id,
        messageId: message.id,
        documentId: document.id,
        position,
      })),
    );
  return message;
}

const messageLoader = defineCaseItemLoader(CaseMessage, [{ postedAt: 'asc' }, { id: 'asc' }]);

/** The documents each message carries, in their order, for every message of a response at once. */
const documentIdsOf = defineRequestLoader<string, string[]>(async (ctx, messageIds) => {
  const { organisationId } = requireOrganisation(ctx);
  const rows = await ctx.em.find(
    CaseMessageDocument,
    { organisationId, messageId: { $in: [...messageIds] } },
    { orderBy: { messageId: 'asc', position: 'asc' } },
  );
  return messageIds.map((id) =>
    rows.filter((row) => row.messageId === id).map((row) => row.documentId),
  );
});

/**
 * The messages of a case the viewer may see, oldest first, filtered in SQL, with the ids of the
 * documents they carry; the messages of a listed page, and their documents, load in one query
 * each.
 */
export async function visibleMessages(ctx: RequestContext, kase: Case): Promise<CaseMessage[]> {
  const messages = await messageLoader(ctx, kase);
  const documentIds = await documentIdsOf(ctx).loadMany(messages.map((message) => message.id));
  messages.forEach((message, index) => {
    const ids = documentIds[index];
    if (ids instanceof Error) throw ids;
    message.documentIds = ids ?? [];
  });
  return messages;
}
