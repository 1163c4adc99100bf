import { AppError } from '../errors.js';

/**
 * PostgreSQL conditions that say "someone else holds this right now": waiting longer would only
 * hold a pooled connection (ADR 0065). The client may retry.
 */
const CONFLICT_STATES = new Set([
  '55P03', // lock_not_available: lock_timeout passed while waiting for a row or table lock
  '40001', // serialization_failure
  '40P01', // deadlock_detected
]);

/** Conditions that say "the database cannot answer now": nothing was saved, try later. */
const UNAVAILABLE_STATES = new Set([
  '57014', // query_canceled: statement_timeout
  '25P03', // idle_in_transaction_session_timeout
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up, shutting down)
  '53300', // too_many_connections
]);

/** Socket failures while reaching the database. */
const UNAVAILABLE_ERRNOS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/** pg and knex report a lost or unreachable server in words only. */
const UNAVAILABLE_MESSAGES = [
  /Connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /Knex: Timeout acquiring a connection/i,
  /not queryable/i,
];

/** The error and what it wraps (MikroORM's exceptions, knex's, pg's, AggregateErrors). */
function* chain(error: unknown, depth = 0): Generator<Record<string, unknown>> {
  if (depth > 5 || typeof error !== 'object' || error === null) return;
  const record = error as Record<string, unknown>;
  yield record;
  for (const key of ['cause', 'previous', 'originalError']) yield* chain(record[key], depth + 1);
  if (Array.isArray(record.errors))
    for (const inner of record.errors) yield* chain(inner, depth + 1);
}

/**
 * The answer for a database failure the client did not cause and the server did not get wrong:
 * CONFLICT for a lock that was not released in time, UNAVAILABLE (503) for a database that is
 * down, overloaded or too slow. `undefined` for anything else, which stays a masked 500.
 */
export function databaseFailure(error: unknown): AppError | undefined {
  if (error instanceof AppError) return undefined;
  for (const link of chain(error)) {
    const code = typeof link.code === 'string' ? link.code : undefined;
    const state = typeof link.sqlState === 'string' ? link.sqlState : code;
    if (state && CONFLICT_STATES.has(state)) {
      return new AppError('CONFLICT', 'Someone else is changing this right now. Try again.', {
        reason: 'BUSY',
      });
    }
    if (
      (state && (UNAVAILABLE_STATES.has(state) || state.startsWith('08'))) ||
      (code && UNAVAILABLE_ERRNOS.has(code)) ||
      link.name === 'KnexTimeoutError' ||
      (typeof link.message === 'string' &&
        UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(link.message as string)))
    ) {
      return new AppError(
        'UNAVAILABLE',
        'Klachtpad cannot reach its database right now. Nothing was saved; try again shortly.',
      );
    }
  }
  return undefined;
}
