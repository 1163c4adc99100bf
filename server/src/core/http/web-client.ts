import { existsSync } from 'node:fs';
import path from 'node:path';
import compression from 'compression';
import express, { type Request, type Response } from 'express';

/** Paths the web client must never swallow: the API and the operations endpoints. */
const SERVER_PATHS = /^\/(graphql|documents|healthz|readyz|dev)(\/|$)/;

/** A year: hashed file names change with their content, so a cached copy is never stale. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * The built web client (`web/dist`), served as a browser expects a well-run site to be:
 * - compressed (Brotli or gzip, as the browser asks), only here: API answers are not compressed,
 *   so no secret in them can be guessed from their compressed length (BREACH);
 * - hashed assets (`/assets/*`) cached for a year as immutable, `index.html` revalidated on
 *   every visit so a new release is picked up at once;
 * - no source maps to the public (they are built, for our own use, but not served);
 * - a missing asset is a 404, never the page: a stale tab asking for an old chunk must fail
 *   loudly rather than parse HTML as JavaScript;
 * - every other path without a file extension gets `index.html`, where the router takes over.
 */
export function webClient(dist: string): express.Router | undefined {
  const index = path.join(dist, 'index.html');
  if (!existsSync(index)) return undefined;
  const router = express.Router();
  router.use(
    compression({
      filter: (req, res) => !SERVER_PATHS.test(req.path) && compression.filter(req, res),
    }),
  );
  router.use((req, res, next) => {
    // The server's own reading (the registered operations, ADR 0063) is not the public's either.
    if (req.path.endsWith('.map') || req.path === '/trusted-documents.json')
      return void res.status(404).type('text/plain').send('Not found');
    next();
  });
  router.use(
    '/assets',
    express.static(path.join(dist, 'assets'), {
      index: false,
      fallthrough: false,
      immutable: true,
      maxAge: '365d',
      setHeaders: (res) => res.setHeader('Cache-Control', IMMUTABLE),
    }),
  );
  router.use(
    express.static(dist, {
      index: false,
      setHeaders: (res) => res.setHeader('Cache-Control', 'no-cache'),
    }),
  );
  router.get(/.*/, (req: Request, res: Response, next) => {
    if (SERVER_PATHS.test(req.path)) return next();
    // An address with a file extension that was not found above is a missing file.
    if (path.extname(req.path)) return void res.status(404).type('text/plain').send('Not found');
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
  return router;
}
