import type { Request, Response } from 'express';
import { Router } from 'express';
import { notFound } from '../../core/errors.js';
import { runInRequestContext, type RestDeps } from '../../core/http/rest-operation.js';
import { refusalsAreDenied } from '../access-log/access-log.service.js';
import { composeDataExport, renderDataExportPdf, type ClientView } from './data-export.js';
import { languageOf } from '../users/user-language.js';
import { exportableRequest } from './data-subject-request.service.js';
import type { DossierDocuments } from './dossier-documents.js';

export interface DataExportDeps extends RestDeps {
  view: ClientView;
  documents: DossierDocuments;
}

const FORMATS = { json: 'application/json; charset=utf-8', pdf: 'application/pdf' } as const;
type Format = keyof typeof FORMATS;

/** Where the client downloads the answer to an access request. */
export function dataExportPath(requestId: string, format: Format): string {
  return `/data-exports/${requestId}/${format}`;
}

/**
 * `GET /data-exports/:id/json` and `/pdf`: the answer to the viewer's own access request, composed
 * now from their own view (bearer or cookie, X-Organisation), in one transaction like a GraphQL
 * operation; the download is in the access log. Never cached.
 */
export function dataExportRoutes(deps: DataExportDeps): Router {
  const router = Router();
  router.get(
    '/:id/:format',
    async (req: Request<{ id: string; format: string }>, res: Response) => {
      await runInRequestContext(deps, req, res, async (ctx) => {
        const format = req.params.format;
        if (format !== 'json' && format !== 'pdf') throw notFound('Export');
        const request = await refusalsAreDenied(() =>
          exportableRequest(ctx, req.params.id, format),
        );
        const data = await composeDataExport(ctx, request, deps.view, deps.documents);
        const body =
          format === 'json'
            ? Buffer.from(JSON.stringify(data, null, 2), 'utf8')
            : await renderDataExportPdf(data, await languageOf(ctx.em, request.requesterId));
        const day = data.generatedAt.slice(0, 10);
        return (reply) => {
          reply
            .status(200)
            .attachment(`klachtpad-gegevens-${day}.${format}`)
            .set({
              'Content-Type': FORMATS[format],
              'Content-Length': String(body.length),
              'X-Content-Type-Options': 'nosniff',
              'Cache-Control': 'private, no-store',
              'Content-Security-Policy': "default-src 'none'; sandbox",
            })
            .end(body);
        };
      });
    },
  );
  return router;
}
