import type { Request, Response } from 'express';
import { Router } from 'express';
import { AppError, badInput, unauthenticated } from '../../core/errors.js';
import { logRefusal, principalOf } from '../../core/http/refusals.js';
import { runInRequestContext, sendError, type RestDeps } from '../../core/http/rest-operation.js';
import type { ContentRefusal } from './document-content.js';
import { refusalsAreDenied } from '../access-log/access-log.service.js';
import { contentRefused, downloadDocument, uploadDocument } from './document.service.js';

/** Content refusals with an HTTP status of their own; the rest are 400. */
const REFUSAL_STATUS: Partial<Record<ContentRefusal, number>> = {
  TOO_LARGE: 413,
  UNSUPPORTED_TYPE: 415,
};

function statusFor(error: AppError): number | undefined {
  const reason = error.details.reason as ContentRefusal | undefined;
  return reason ? REFUSAL_STATUS[reason] : undefined;
}

/** The content types a browser may send cross-site without a preflight (the Fetch standard). */
const SIMPLE_CONTENT_TYPES = new Set([
  'application/x-www-form-urlencoded',
  'multipart/form-data',
  'text/plain',
]);

/**
 * The same CSRF rule Apollo applies to /graphql: a request must carry a content type a form
 * cannot send, or a header that forces a preflight. Uploads are raw bodies, so clients send
 * `Content-Type: application/octet-stream`.
 */
function mayBeCrossSiteForm(req: Request): boolean {
  const contentType = req.get('content-type')?.split(';')[0]?.trim().toLowerCase();
  if (contentType && !SIMPLE_CONTENT_TYPES.has(contentType)) return false;
  return !req.get('x-apollo-operation-name') && !req.get('apollo-require-preflight');
}

/** `X-Filename` carries the original name, percent-encoded UTF-8 (as `encodeURIComponent` does). */
function decodeFilename(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  try {
    return decodeURIComponent(header).slice(0, 1000);
  } catch {
    throw contentRefused('BAD_NAME', 'X-Filename moet percent-gecodeerd zijn (UTF-8).');
  }
}

/**
 * Reads the body up to `maxBytes`, refusing as soon as the declared or streamed size passes it, so
 * an oversized upload is never buffered whole.
 */
async function readBounded(req: Request, maxBytes: number): Promise<Buffer> {
  const tooLarge = () => contentRefused('TOO_LARGE', 'Het bestand is te groot.');
  const declared = Number(req.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) throw tooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size);
}

/**
 * `POST /documents?caseId=…&visibility=shared|internal` with the raw bytes as the body, and
 * `GET /documents/:id`. Both run under the session (bearer or cookie) and `X-Organisation`, in
 * one transaction each, like a GraphQL operation.
 */
export function documentRoutes(deps: RestDeps, options: { maxBytes: number }): Router {
  const router = Router();
  const log = deps.log;

  router.post('/', async (req: Request, res: Response) => {
    // Read while the connection is there: a refused upload may be cut off before it is answered.
    const principal = principalOf(deps.credentials(req, res));
    try {
      if (mayBeCrossSiteForm(req)) {
        throw badInput(
          'Stuur het bestand als application/octet-stream (of met de header Apollo-Require-Preflight).',
          { reason: 'PREFLIGHT_REQUIRED' },
        );
      }
      // No session at all: refused before reading a byte of the body.
      if (!deps.credentials(req, res).token) throw unauthenticated();
      const name = decodeFilename(req.get('x-filename'));
      // The body is read before the transaction opens, so no connection is held while it streams.
      const content = await readBounded(req, options.maxBytes);
      await runInRequestContext(
        deps,
        req,
        res,
        async (ctx) => {
          const document = await refusalsAreDenied(() =>
            uploadDocument(ctx, {
              target: req.query,
              name,
              content,
              maxBytes: options.maxBytes,
            }),
          );
          return (reply) => {
            reply.status(201).location(`/documents/${document.id}`).json({
              id: document.id,
              caseId: document.caseId,
              name: document.name,
              mediaType: document.mediaType,
              size: document.sizeBytes,
              sha256: document.sha256,
              visibility: document.visibility,
              // `pending` while the malware scanner has not yet found it clean (ADR 0066).
              scanStatus: document.scanStatus,
            });
          };
        },
        statusFor,
      );
    } catch (error) {
      // Refusals of what was sent (too large, a bad name, an unknown type) are logged by their
      // reason and sender, never the name or the bytes (ADR 0064).
      if (error instanceof AppError && error.code === 'BAD_USER_INPUT' && error.details.reason)
        logRefusal(log, principal, String(error.details.reason));
      // An answer before the whole body was read: close the connection rather than drain it.
      if (!req.complete) res.set('Connection', 'close');
      sendError(res, log, error, statusFor);
    }
  });

  router.get('/:id', async (req: Request<{ id: string }>, res: Response) => {
    await runInRequestContext(deps, req, res, async (ctx) => {
      const { document, content } = await refusalsAreDenied(() =>
        downloadDocument(ctx, req.params.id),
      );
      return (reply) => {
        reply
          .status(200)
          .attachment(document.name)
          .set({
            'Content-Type':
              document.mediaType === 'text/plain'
                ? 'text/plain; charset=utf-8'
                : document.mediaType,
            'Content-Length': String(content.length),
            'X-Content-Type-Options': 'nosniff',
            'Cache-Control': 'private, no-store',
            'Content-Security-Policy': "default-src 'none'; sandbox",
          })
          .end(content);
      };
    });
  });

  return router;
}
