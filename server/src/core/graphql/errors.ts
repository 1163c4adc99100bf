import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import { GraphQLError } from 'graphql';
import { ArgumentValidationError } from 'type-graphql';
import type { ErrorCode } from '@klachtpad/contracts';
import type { Logger } from '../logger.js';
import { databaseFailure } from '../db/failures.js';
import { AppError, assertUnreachable, httpStatusOf, retryAfterOf } from '../errors.js';
import { requestIdStorage } from '../http/request-id.js';

/** Apollo's own codes for requests that never reached a resolver; all are the client's input. */
const REQUEST_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

/**
 * The error as first thrown, under any GraphQLError wrappers from resolvers or plugins; a
 * database failure with an answer of its own (a lock not released in time, a database that is
 * down) as that answer.
 */
export function originalOf(error: unknown): unknown {
  let current = unwrapResolverError(error);
  while (current instanceof GraphQLError && current.originalError) current = current.originalError;
  return databaseFailure(current) ?? current;
}

function classify(formatted: GraphQLFormattedError, error: unknown): ErrorCode {
  const original = originalOf(error);
  if (original instanceof AppError) return original.code;
  if (original instanceof ArgumentValidationError) return 'BAD_USER_INPUT';
  const apolloCode = formatted.extensions?.code;
  if (typeof apolloCode === 'string' && REQUEST_ERROR_CODES.has(apolloCode))
    return 'BAD_USER_INPUT';
  // graphql-js raises input coercion failures as plain GraphQLErrors without an original error.
  if (original instanceof GraphQLError && !original.originalError && original.path === undefined) {
    return 'BAD_USER_INPUT';
  }
  return 'INTERNAL_SERVER_ERROR';
}

/**
 * The one error mapper: every error leaves with a stable code and a safe message. Expected
 * failures keep their message; anything unexpected is logged once with the request id and
 * answered with that id only, never a stack trace or SQL.
 */
export function createErrorFormatter(log: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = classify(formatted, error);
    const original = originalOf(error);
    const requestId = requestIdStorage.getStore();
    switch (code) {
      case 'UNAUTHENTICATED':
      case 'FORBIDDEN':
      case 'NOT_FOUND':
      case 'CONFLICT':
      case 'RATE_LIMITED':
      case 'UNAVAILABLE':
      case 'BAD_USER_INPUT': {
        const details = original instanceof AppError ? original.details : {};
        if (code === 'UNAVAILABLE') log.warn({ err: error, requestId }, 'database unavailable');
        return {
          // Apollo prefixes errors from building the context ("Context creation failed: ").
          message: original instanceof AppError ? original.message : formatted.message,
          ...(formatted.locations ? { locations: formatted.locations } : {}),
          ...(formatted.path ? { path: formatted.path } : {}),
          extensions: { ...details, code },
        };
      }
      case 'INTERNAL_SERVER_ERROR':
        log.error({ err: original, requestId, path: formatted.path }, 'unexpected error');
        return {
          message: `Something went wrong on our side. Reference: ${requestId ?? 'unknown'}.`,
          ...(formatted.path ? { path: formatted.path } : {}),
          extensions: { code, requestId },
        };
      default:
        return assertUnreachable(code);
    }
  };
}

/**
 * A failure raised before Apollo runs the operation (while building the context): Apollo answers
 * it with the status in `extensions.http`, which the formatter then strips from the answer.
 */
export function earlyFailure(error: AppError): GraphQLError {
  const retryAfter = retryAfterOf(error);
  return new GraphQLError(error.message, {
    originalError: error,
    extensions: {
      code: error.code,
      http: {
        status: httpStatusOf(error.code),
        headers: new Map(retryAfter === undefined ? [] : [['retry-after', String(retryAfter)]]),
      },
    },
  });
}

/**
 * Gives a GraphQL answer the HTTP status of its failure where a client or proxy acts on it:
 * 429 with `Retry-After` for RATE_LIMITED, 503 for UNAVAILABLE. Other failures keep Apollo's
 * status (200 with errors once the operation ran, 400 before), as the web client expects.
 */
export function errorStatusPlugin<T extends BaseContext>(): ApolloServerPlugin<T> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const errors = response.body.singleResult.errors ?? [];
          for (const code of ['UNAVAILABLE', 'RATE_LIMITED'] as const) {
            const found = errors.find((e) => e.extensions?.code === code);
            if (!found) continue;
            response.http.status = httpStatusOf(code);
            const retryAfter = retryAfterOf(
              new AppError(code, found.message, { ...found.extensions }),
            );
            if (retryAfter !== undefined)
              response.http.headers.set('retry-after', String(retryAfter));
            return;
          }
        },
      };
    },
  };
}
