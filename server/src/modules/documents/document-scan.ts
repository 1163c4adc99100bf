import type { RequestContext } from '../../core/context.js';
import { withTenantTransaction } from '../../core/db/tenant-session.js';
import { badInput, conflict, type AppError } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import { enqueueJob } from '../../core/queue/job-queue.js';
import type { MalwareScanner } from '../../core/scanning/clamd.js';
import type { Orm } from '../../core/db/orm.js';
import { securityLogOf } from '../security-log/security-log.js';
import { Document } from './document.entity.js';

/** The queue task that asks the scanner about one uploaded document (ADR 0066). */
export const DOCUMENT_SCAN_TASK = 'scan-document';

/** Why a document's bytes may not be served or passed on, if they may not. */
export type ScanRefusal = 'SCAN_PENDING' | 'INFECTED';

export function scanRefusalOf(document: Pick<Document, 'scanStatus'>): ScanRefusal | undefined {
  switch (document.scanStatus) {
    case 'pending':
      return 'SCAN_PENDING';
    case 'infected':
      return 'INFECTED';
    default:
      return undefined;
  }
}

const REFUSAL_TEXT: Record<ScanRefusal, string> = {
  SCAN_PENDING:
    'Dit bestand wordt nog op virussen gecontroleerd. Het is beschikbaar zodra de controle klaar is.',
  INFECTED:
    'In dit bestand is een virus gevonden. Het is in quarantaine gezet en wordt niet geleverd.',
};

/** A download of a document that is still being scanned, or was found infected: CONFLICT. */
export function refuseDownloadUnlessServable(document: Document): void {
  const refusal = scanRefusalOf(document);
  if (refusal) throw conflict(REFUSAL_TEXT[refusal], { reason: refusal });
}

/** A document named as input (a message, an action, a bundle) that may not be passed on yet. */
export function unservableInput(document: Document, field: string): AppError | undefined {
  const refusal = scanRefusalOf(document);
  return refusal
    ? badInput(REFUSAL_TEXT[refusal], { reason: refusal, field, documentIds: [document.id] })
    : undefined;
}

/**
 * A new upload waits for the scanner when one is configured: it is stored `pending` and its scan
 * is queued in the same transaction, so a committed upload always has its scan coming. Without a
 * scanner it is `not-scanned` and served at once, as before scanning existed.
 */
export async function queueScanOfUpload(ctx: RequestContext, document: Document): Promise<void> {
  if (!ctx.config.documents.scanner) return;
  document.scanStatus = 'pending';
  await enqueueJob(ctx.em, {
    task: DOCUMENT_SCAN_TASK,
    payload: { organisationId: document.organisationId, documentId: document.id },
    key: `scan:${document.id}`,
    organisationId: document.organisationId,
  });
}

export interface ScanDeps {
  orm: Orm;
  log: Logger;
  scanner: MalwareScanner | undefined;
}

/**
 * Scans one pending document and records the verdict. The bytes are read in one short
 * transaction and the verdict written in another, so no connection is held while clamd reads.
 * Without a verdict (no scanner configured now, clamd down or timing out) it throws, the document
 * stays pending and the queue tries again later with backoff.
 */
export async function scanPendingDocument(
  deps: ScanDeps,
  target: { organisationId: string; documentId: string },
  now: Date,
): Promise<Document['scanStatus'] | undefined> {
  const scope = { organisationId: target.organisationId };
  const where = { organisationId: target.organisationId, id: target.documentId };
  const content = await withTenantTransaction(deps.orm, scope, async (em) => {
    const document = await em.findOne(Document, where, { populate: ['content'] });
    return document?.scanStatus === 'pending' ? document.content : undefined;
  });
  if (!content) return undefined;
  if (!deps.scanner) throw new Error('A document waits for a malware scanner (CLAMD_URL).');
  const verdict = await deps.scanner.scan(content);
  const status = verdict.clean ? 'clean' : 'infected';
  const updated = await withTenantTransaction(deps.orm, scope, (em) =>
    em.nativeUpdate(
      Document,
      { ...where, scanStatus: 'pending' },
      {
        scanStatus: status,
        scannedAt: now,
        scanSignature: verdict.clean ? null : verdict.signature,
      },
    ),
  );
  if (updated > 0 && !verdict.clean) {
    deps.log.warn(
      { ...target, signature: verdict.signature },
      'malware found in an upload; quarantined',
    );
    securityLogOf(deps.orm, deps.log).record({
      kind: 'malware-found',
      // clamd's signature names are codes (`Win.Test.EICAR_HDB-1`); anything else is left out.
      reason: verdict.signature,
      occurredAt: now,
      organisationId: target.organisationId,
      targetId: target.documentId,
    });
  }
  return status;
}
