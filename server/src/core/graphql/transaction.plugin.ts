import type { ApolloServerPlugin } from '@apollo/server';
import { databaseFailure } from '../db/failures.js';
import type { Logger } from '../logger.js';
import type { RequestContext } from '../context.js';

/**
 * Every GraphQL operation is one transaction: opened with the request context, committed when
 * the operation finished without errors, rolled back otherwise. A failed commit turns the
 * answer into an error, so a client is never told that something was saved when it was not.
 */
export function transactionPlugin(log: Logger): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, errors, response }) {
          const { tx } = contextValue;
          if (tx.isFinished) return;
          if (errors && errors.length > 0) {
            await tx.rollback();
            return;
          }
          try {
            await tx.commit();
          } catch (error) {
            await tx.rollback().catch(() => undefined);
            const failure = databaseFailure(error);
            if (failure) {
              log.warn({ err: error, requestId: contextValue.requestId }, 'commit failed');
              response.http.status = failure.code === 'UNAVAILABLE' ? 503 : 409;
              response.body = {
                kind: 'single',
                singleResult: {
                  errors: [{ message: failure.message, extensions: { code: failure.code } }],
                },
              };
              return;
            }
            log.error({ err: error, requestId: contextValue.requestId }, 'commit failed');
            response.http.status = 500;
            response.body = {
              kind: 'single',
              singleResult: {
                errors: [
                  {
                    message: `Nothing was saved: something went wrong on our side. Reference: ${contextValue.requestId}.`,
                    extensions: {
                      code: 'INTERNAL_SERVER_ERROR',
                      requestId: contextValue.requestId,
                    },
                  },
                ],
              },
            };
          }
        },
      };
    },
  };
}
