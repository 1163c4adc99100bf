import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import express from 'express';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../core/config.js';
import { devInboxRoutes } from './dev-inbox.routes.js';
import { renderMail } from './mail-templates.js';
import { createMailer, type MailMessage } from './mailer.js';

/** A logger that keeps its lines, to see what the mailer says (and how often). */
function keptLog() {
  const lines: { level: number; msg: string }[] = [];
  const log = pino(
    { level: 'info' },
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(JSON.parse(chunk.toString('utf8')) as { level: number; msg: string });
        done();
      },
    }),
  );
  return { log, lines };
}

const message: MailMessage = {
  to: 'iemand@example.test',
  subject: 'Onderwerp <script>alert(1)</script>',
  text: 'Tekst & meer',
  html: '<p>html</p>',
  messageId: '<a.b@klachtpad>',
};

describe('where e-mail goes without an SMTP server', () => {
  it('catches mail in development mode and shows it, escaped, at the development inbox', async () => {
    const { log } = keptLog();
    const mailer = createMailer(loadConfig({ KLACHTPAD_MODE: 'development' }), log);
    expect(mailer.kind).toBe('dev-inbox');
    await mailer.send(message);
    const app = express().use('/dev', devInboxRoutes(mailer));
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/dev`;
      const page = await (await fetch(`${base}/inbox`)).text();
      expect(page).toContain('Onderwerp &lt;script&gt;alert(1)&lt;/script&gt;');
      expect(page).not.toContain('<script>');
      expect(page).toContain('Tekst &amp; meer');
      const json = (await (await fetch(`${base}/inbox.json`)).json()) as MailMessage[];
      expect(json.map((mail) => mail.to)).toEqual(['iemand@example.test']);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('sends nothing in production and says so in the log once', async () => {
    const { log, lines } = keptLog();
    const mailer = createMailer(loadConfig({ KLACHTPAD_MODE: 'production' }), log);
    expect(mailer.kind).toBe('none');
    await expect(mailer.send(message)).rejects.toThrow(/sends no e-mail/);
    mailer.noteUnavailable();
    mailer.noteUnavailable();
    expect(lines.filter((line) => line.msg.includes('SMTP_URL'))).toHaveLength(1);
    expect(mailer.caught()).toEqual([]);
  });

  it('refuses an SMTP server without a sender', () => {
    expect(() => loadConfig({ SMTP_URL: 'smtp://127.0.0.1:2525' })).toThrow(/MAIL_FROM/);
  });
});

describe('mail templates', () => {
  it('speaks the recipient’s language and escapes every value into the HTML', () => {
    const staff = {
      template: 'staff-update',
      portalUrl: 'https://k.example/?a=1&b=2',
      lines: ['Klacht <b>K-1</b>'],
    } as const;
    const nl = renderMail(staff, 'nl');
    const en = renderMail(staff, 'en');
    expect(nl.subject).toBe('Klachtpad: nieuws over een klacht');
    expect(en.subject).toBe('Klachtpad: news about a complaint');
    expect(nl.html).toContain('Klacht &lt;b&gt;K-1&lt;/b&gt;');
    expect(nl.html).toContain('href="https://k.example/?a=1&amp;b=2"');
    expect(nl.text).toContain('Klacht <b>K-1</b>');
    const client = renderMail(
      { template: 'client-news', portalUrl: 'https://k.example/', codeWord: 'zon"bloem' },
      'en',
    );
    expect(client.subject).toBe('There is news about your complaint');
    expect(client.text).toContain('Your code word: zon"bloem');
    expect(client.html).toContain('Your code word: zon&quot;bloem');
  });
});
