import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, type OperationDefinitionNode } from 'graphql';
import type { RequestContext } from '../context.js';
import { forbidden } from '../errors.js';

/**
 * Root fields that work without entering an organisation: signing in and out, and the second
 * factor a staff member must pass before an organisation that requires it lets them in.
 */
const ORGANISATION_FREE_FIELDS = new Set([
  'signIn',
  'signOut',
  'verifyMfa',
  'beginMfaEnrolment',
  'confirmMfaEnrolment',
  'verifyMfaWithRecoveryCode',
  // One's own sessions are one's own, whichever organisation is asked for (ADR 0093).
  'mySessions',
  'endSession',
  'endOtherSessions',
  '__typename',
]);

/**
 * All a session may call while its second factor is due (ADR 0062): pass it (with a code or a
 * recovery code), sign out (or in
 * anew), and `me`, which the client reads to know that it must ask for the code.
 */
const MFA_PENDING_FIELDS = new Set([
  'verifyMfa',
  // A recovery code passes the same step for a lost authenticator (ADR 0093).
  'verifyMfaWithRecoveryCode',
  'signOut',
  'signIn',
  'me',
  '__typename',
]);

const HTTP_STATUS = { UNAUTHENTICATED: 401, FORBIDDEN: 403 } as const;

const rootFields = (operation: OperationDefinitionNode) =>
  operation.selectionSet.selections.map((selection) =>
    selection.kind === Kind.FIELD ? selection.name.value : '',
  );

/**
 * Refuses, as a whole and before anything executes, a request that may not get past the door:
 * one from a session whose second factor is due that asks for more than passing it, and one
 * that names an organisation it may not enter (the same answer whether the organisation is
 * missing or merely not the viewer's).
 */
export function organisationGuardPlugin(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, operation }) {
          if (!operation) return;
          const fields = rootFields(operation);
          if (
            contextValue.viewer?.mfaPending &&
            !fields.every((field) => MFA_PENDING_FIELDS.has(field))
          ) {
            throw new GraphQLError('Enter the code of your two-step verification first.', {
              originalError: forbidden('Enter the code of your two-step verification first.', {
                reason: 'MFA_REQUIRED',
              }),
              extensions: { http: { status: 403 } },
            });
          }
          const refusal = contextValue.organisationRefusal;
          if (!refusal) return;
          if (fields.every((field) => ORGANISATION_FREE_FIELDS.has(field))) return;
          const status =
            refusal.code in HTTP_STATUS
              ? HTTP_STATUS[refusal.code as keyof typeof HTTP_STATUS]
              : 400;
          throw new GraphQLError(refusal.message, {
            originalError: refusal,
            extensions: { http: { status } },
          });
        },
      };
    },
  };
}
