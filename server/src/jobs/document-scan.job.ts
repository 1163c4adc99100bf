import { z } from 'zod';
import type { JobHandler } from '../core/queue/queue-worker.js';
import { ScannerUnavailable } from '../core/scanning/clamd.js';
import { scanPendingDocument } from '../modules/documents/document-scan.js';
import type { JobDeps } from './job-deps.js';

const Payload = z.object({ organisationId: z.uuid(), documentId: z.uuid() });

/**
 * Asks clamd about one uploaded document (ADR 0066). A scanner that gives no verdict fails the
 * attempt: the document stays pending and graphile-worker tries again with backoff.
 */
export function documentScanJob(deps: JobDeps): JobHandler {
  return async (payload, job) => {
    const target = Payload.parse(payload);
    try {
      await scanPendingDocument(deps, target, job.now);
    } catch (error) {
      if (error instanceof ScannerUnavailable)
        deps.log.warn(
          { ...target, reason: error.reason, attempt: job.attempt },
          'malware scanner unavailable; the document stays pending',
        );
      throw error;
    }
  };
}
