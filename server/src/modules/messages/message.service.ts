import { randomUUID } from 'node:crypto';
import { audienceCovers, canSeeCaseItem, type ItemAudience } from '../../core/authz/ability.js';
import type { RequestContext } from '../../core/context.js';
import { badInput } from '../../core/errors.js';
import { parseInput } from '../../core/validation/parse-input.js';
import { loadVisibleCase, onBehalfOfClient } from '../case-access/case-gate.js';
import { defineCaseItemLoader } from '../case-access/case-items.js';
import { appendTimeline } from '../cases/case-timeline.js';
import { requireCaseDocuments } from '../documents/document.service.js';
import { CaseMessage } from './message.entity.js';
import { PostMessageSchema } from './message.inputs.js';

/**
 * Posts a message on a case. Who may post what follows from who may read it: a viewer writes only
 * an (unbundled) item they could see themselves. So the client and a confidant post shared
 * messages, staff on the case also internal notes and messages to one subject, a subject only
 * their own statement (addressed to themself), and a commission member nothing here. A viewer
 * who may not post this kind of message on this case is answered as if the case did not exist.
 */
export async function postMessage(ctx: RequestContext, input: unknown): Promise<CaseMessage> {
  const data = parseInput(PostMessageSchema, input);
  const audience: ItemAudience = {
    visibility: data.visibility,
    bundled: false,
    addresseeId: data.addresseeId ?? null,
  };
  const { kase, viewer } = await loadVisibleCase(ctx, data.caseId, 'read', 'post-message', {
    lock: true,
    also: (loaded, _viewer, ability) => canSeeCaseItem(ability, loaded, audience),
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
  return message;
}

/**
 * The messages of a case the viewer may see, oldest first, filtered in SQL; the messages of a
 * listed page load in one query.
 */
export const visibleMessages = defineCaseItemLoader(CaseMessage, [
  { postedAt: 'asc' },
  { id: 'asc' },
]);
