import type { DestinationStream } from 'pino';
import { pino, type Logger } from 'pino';
import { AppError } from './errors.js';

export type { Logger };

type Serialized = Record<string, unknown>;

/**
 * What an error may say in a log (issue 15, item 11): its class, its codes (SQLSTATE, errno),
 * the code and reason of our own refusals, and where it was thrown. Never its message unless it
 * is one of ours: a database error's message quotes the SQL with its parameters, and a library's
 * may quote the input it choked on, both of which can be what a person wrote. The correlation id
 * (`requestId`) travels beside `err` on every error line.
 */
export function safeError(error: unknown, depth = 0): Serialized {
  if (!(error instanceof Error)) return { type: typeof error };
  const record = error as unknown as Record<string, unknown>;
  const pick = (key: string) =>
    typeof record[key] === 'string' || typeof record[key] === 'number' ? record[key] : undefined;
  const serialized: Serialized = {
    type: error.constructor?.name ?? error.name,
    code: error instanceof AppError ? error.code : pick('code'),
    sqlState: pick('sqlState'),
    errno: pick('errno'),
    ...(error instanceof AppError ? { message: error.message, reason: error.details.reason } : {}),
    stack: (error.stack ?? '')
      .split('\n')
      .filter((line) => /^\s+at /.test(line))
      .slice(0, 12)
      .join('\n'),
  };
  const cause = record.cause ?? record.previous;
  if (cause !== undefined && depth < 3) serialized.cause = safeError(cause, depth + 1);
  return Object.fromEntries(
    Object.entries(serialized).filter(([, v]) => v !== undefined && v !== ''),
  );
}

/**
 * Structured JSON logs. Personal data never goes in: request ids, user ids and codes only.
 * Errors pass `safeError`; the redact list is a safety net for fields that must never be
 * printed even by mistake.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'klachtpad' },
      serializers: { err: safeError, error: safeError },
      redact: {
        paths: [
          'password',
          '*.password',
          'token',
          '*.token',
          'email',
          '*.email',
          'variables',
          '*.variables',
          'query',
          '*.query',
          'sql',
          '*.sql',
          'params',
          '*.params',
          'req.headers.authorization',
          'req.headers.cookie',
        ],
        censor: '[redacted]',
      },
    },
    destination,
  );
}
