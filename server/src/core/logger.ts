import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * Structured JSON logs. Personal data never goes in: request ids, user ids and codes only.
 * The redact list is a safety net for fields that must never be printed even by mistake.
 */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'klachtpad' },
    redact: {
      paths: [
        'password',
        '*.password',
        'token',
        '*.token',
        'email',
        '*.email',
        'req.headers.authorization',
        'req.headers.cookie',
      ],
      censor: '[redacted]',
    },
  });
}
