import {
  amsterdamDate,
  compareDates,
  pendingNotices,
  type ConsentFact,
  type PendingNotice,
} from '@klachtpad/procedures';
import { asCase, canSeeCaseItem } from '../../core/authz/ability.js';
import { requestAbility } from '../../core/authz/request-ability.js';
import { requireOrganisation, type RequestContext } from '../../core/context.js';
import { badInput, conflict, notFound } from '../../core/errors.js';
import { recordAccess } from '../access-log/access-log.service.js';
import { loadVisibleCase, throughGate } from '../case-access/case-gate.js';
import { caseFacts, type CaseFactsGathering } from '../cases/case-facts.js';
import { appendTimeline } from '../cases/case-timeline.js';
import type { Case } from '../cases/case.entity.js';
import { advanceCase } from '../cases/case.service.js';
import { procedureVersion, requestProcedureVersion } from '../procedures/procedure.service.js';
import { unservableInput } from './document-scan.js';
import { Document } from './document.entity.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Marks an uploaded document as the client's written consent to the extension that waits for it
 * (Awb 9:11 lid 3, Wkkgz art. 17 lid 3; ADR 0099). Staff of the case do this for a letter the
 * client signed or uploaded themselves; it is logged as the client's act (the timeline entry and
 * the access-log line say on whose behalf). The consent counts from the day the document reached
 * the case, never from a date someone types, and only when that day lies between the extension
 * being recorded and the end of the term as it stands. Then the case moves on: the extension takes
 * effect at once when its notice went out too. Nothing is written when anything is refused.
 */
export async function markConsentDocument(
  ctx: RequestContext,
  documentId: string,
): Promise<Document> {
  const { organisationId, viewer } = requireOrganisation(ctx);
  const document = UUID.test(documentId)
    ? await ctx.em.findOne(Document, { organisationId, id: documentId })
    : null;
  if (!document) {
    recordAccess(ctx, { action: 'mark-consent-document', outcome: 'denied' });
    throw notFound('Document');
  }
  const { kase } = await throughGate('Document', () =>
    loadVisibleCase(ctx, document.caseId, 'work', 'mark-consent-document', {
      lock: true,
      also: (loaded, _viewer, ability) => canSeeCaseItem(ability, loaded, document),
      onBehalfOf: (loaded) => loaded.clientId,
    }),
  );
  if (document.kind !== 'upload') {
    throw badInput('Alleen een geüpload document kan de toestemming van de cliënt zijn.', {
      field: 'documentId',
    });
  }
  if (document.consentExtension) {
    throw conflict('Dit document is al als toestemming van de cliënt gemarkeerd.');
  }
  const unservable = unservableInput(document, 'documentId');
  if (unservable) throw unservable;
  const { definition } = await procedureVersion(ctx.em, organisationId, kase.procedureVersionId);
  const waiting = (await consentsAwaited(ctx, kase, definition))[0];
  if (!waiting) {
    throw badInput('Er wacht geen verlenging op de toestemming van de cliënt.', {
      field: 'documentId',
    });
  }
  const givenOn = amsterdamDate(document.createdAt);
  if (compareDates(givenOn, waiting.recordedOn) < 0) {
    throw badInput(
      'Dit document kwam binnen vóór de verlenging werd vastgelegd: het kan er geen toestemming voor zijn.',
      { field: 'documentId' },
    );
  }
  if (compareDates(givenOn, waiting.before) > 0) {
    throw badInput('Dit document kwam binnen nadat de termijn was verstreken.', {
      field: 'documentId',
    });
  }
  Object.assign(document, {
    consentExtension: waiting.extension,
    consentClock: waiting.clock,
    consentGivenOn: givenOn,
    consentMarkedById: viewer.userId,
    consentMarkedAt: ctx.now,
  });
  kase.updatedAt = ctx.now;
  await appendTimeline(ctx, kase, [
    {
      type: 'consent-given',
      // The client sees their consent recorded; the document only when they may see it.
      visibility: 'shared',
      onBehalfOfId: kase.clientId,
      payload: {
        via: 'document',
        clock: waiting.clock,
        extension: waiting.extension,
        givenOn,
        ...(document.visibility === 'shared' ? { documentId: document.id } : {}),
      },
    },
  ]);
  await ctx.em.flush();
  await advanceCase(ctx, kase.id);
  return document;
}

/** The extensions of a case that wait for the client's consent, which none has given yet. */
async function consentsAwaited(
  ctx: RequestContext,
  kase: Case,
  definition: Parameters<typeof pendingNotices>[0],
): Promise<PendingNotice[]> {
  return pendingNotices(definition, kase.state, await caseFacts(ctx, kase, definition)).filter(
    (notice) => notice.needsConsent && !notice.consentGiven,
  );
}

/**
 * What staff of the case may mark a consent document for: each extension waiting for the
 * client's consent, with the days between which an upload can be it (ADR 0099). Null for anyone
 * but staff of the case: the client gives their consent with the procedure's own step.
 */
export async function caseConsentsAwaited(
  ctx: RequestContext,
  kase: Case,
): Promise<PendingNotice[] | null> {
  const { ability } = await requestAbility(ctx);
  if (!ability.can('readInternal', asCase(kase))) return null;
  const { definition } = await requestProcedureVersion(ctx, kase.procedureVersionId);
  return consentsAwaited(ctx, kase, definition);
}

/** The marked consent documents of cases, as facts for the engine (`CaseFacts.consents`). */
export async function consentFacts(
  ctx: RequestContext,
  gathering: CaseFactsGathering,
): Promise<void> {
  const cases = gathering.cases.filter(({ needed }) => needed.consents).map(({ kase }) => kase);
  const organisationId = cases[0]?.organisationId;
  if (!organisationId) return;
  const marked = await ctx.em.find(Document, {
    organisationId,
    caseId: { $in: cases.map((c) => c.id) },
    consentExtension: { $ne: null },
  });
  for (const kase of cases) {
    const consents: ConsentFact[] = marked.flatMap((document) =>
      document.caseId === kase.id && document.consentExtension && document.consentGivenOn
        ? [
            {
              id: document.id,
              kind: 'extension',
              givenOn: document.consentGivenOn,
              extension: document.consentExtension,
              ...(document.consentClock ? { clock: document.consentClock } : {}),
            },
          ]
        : [],
    );
    if (consents.length > 0)
      gathering.facts.set(kase.id, { ...gathering.facts.get(kase.id), consents });
  }
}
