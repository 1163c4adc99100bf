import nodemailer from 'nodemailer';
import type { Config } from '../../core/config.js';
import type { Logger } from '../../core/logger.js';

/** One e-mail, rendered: the address, both bodies, and a stable id so a resend is recognisable. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** The same for every attempt at the same mail (`<batch.user@klachtpad>`). */
  messageId: string;
}

/** A mail caught in development mode, readable at `/dev/inbox`. */
export interface CaughtMail extends MailMessage {
  caughtAt: Date;
}

export interface Mailer {
  /** `smtp`: sent; `dev-inbox`: caught in this process; `none`: nothing leaves (production). */
  readonly kind: 'smtp' | 'dev-inbox' | 'none';
  /** Sends, or throws so the job is retried. */
  send(message: MailMessage): Promise<void>;
  /** Says once, in the log, that this process sends no e-mail (`none`); otherwise nothing. */
  noteUnavailable(): void;
  /** What the development inbox caught, newest first (empty unless `dev-inbox`). */
  caught(): readonly CaughtMail[];
  close(): void;
}

const INBOX_SIZE = 200;

/**
 * The mailer the configuration asks for (ADR 0053): nodemailer over SMTP when `SMTP_URL` and
 * `MAIL_FROM` are set; in development mode without them, an inbox in this process; in production
 * without them nothing is sent, and the log says so once.
 */
export function createMailer(config: Config, log: Logger): Mailer {
  const { smtpUrl, from } = config.mail;
  if (smtpUrl && from) {
    const transport = nodemailer.createTransport(smtpUrl);
    return {
      kind: 'smtp',
      async send(message) {
        await transport.sendMail({
          from,
          to: message.to,
          subject: message.subject,
          text: message.text,
          html: message.html,
          messageId: message.messageId,
        });
      },
      noteUnavailable: () => undefined,
      caught: () => [],
      close: () => transport.close(),
    };
  }
  if (config.mode === 'development') {
    const inbox: CaughtMail[] = [];
    return {
      kind: 'dev-inbox',
      async send(message) {
        inbox.unshift({ ...message, caughtAt: new Date() });
        inbox.splice(INBOX_SIZE);
      },
      noteUnavailable: () => undefined,
      caught: () => inbox,
      close: () => undefined,
    };
  }
  let told = false;
  return {
    kind: 'none',
    async send() {
      throw new Error('This process sends no e-mail (SMTP_URL is not set).');
    },
    noteUnavailable() {
      if (told) return;
      told = true;
      log.warn(
        'SMTP_URL and MAIL_FROM are not set: e-mail is not sent (notifications stay in the app).',
      );
    },
    caught: () => [],
    close: () => undefined,
  };
}
