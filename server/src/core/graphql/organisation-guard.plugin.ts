import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind } from 'graphql';
import type { RequestContext } from '../context.js';

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
  '__typename',
]);

const HTTP_STATUS = { UNAUTHENTICATED: 401, FORBIDDEN: 403 } as const;

/**
 * A request that names an organisation it may not enter is refused as a whole, before anything
 * executes, with the same answer whether the organisation is missing or merely not the viewer's.
 */
export function organisationGuardPlugin(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, operation }) {
          const refusal = contextValue.organisationRefusal;
          if (!refusal || !operation) return;
          const fields = operation.selectionSet.selections.map((selection) =>
            selection.kind === Kind.FIELD ? selection.name.value : '',
          );
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
