import express from 'express';
import { escapeHtml } from './mail-templates.js';
import type { Mailer } from './mailer.js';

/**
 * The development inbox (ADR 0053): every e-mail this process would have sent, newest first, at
 * `/dev/inbox` (HTML, escaped) and `/dev/inbox.json`. Mounted only in development mode with no
 * SMTP server configured: production never serves it.
 */
export function devInboxRoutes(mailer: Mailer): express.Router {
  const router = express.Router();
  router.get('/inbox.json', (_req, res) => {
    res.set('Cache-Control', 'no-store').json(mailer.caught());
  });
  router.get('/inbox', (_req, res) => {
    const mails = mailer.caught();
    const items = mails
      .map(
        (mail) => `<article><h2>${escapeHtml(mail.subject)}</h2>
<p>Aan / to: ${escapeHtml(mail.to)} · ${escapeHtml(mail.caughtAt.toISOString())}</p>
<pre>${escapeHtml(mail.text)}</pre></article>`,
      )
      .join('<hr>');
    res
      .set('Cache-Control', 'no-store')
      .type('html')
      .send(
        `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Development inbox</title></head><body><h1>Development inbox (${mails.length})</h1>${items || '<p>Nog geen e-mail. / No e-mail yet.</p>'}</body></html>`,
      );
  });
  return router;
}
