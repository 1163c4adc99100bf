import { initGraphQLTada } from 'gql.tada';
import type { introspection } from './graphql-env';

/**
 * GraphQL documents typed from `server/schema.graphql` (gql.tada): a schema change that breaks an
 * operation, or a component reading a field an operation did not ask for, fails `pnpm typecheck`.
 * `graphql-env.d.ts` is generated from the schema by `pnpm --filter @klachtpad/web graphql`.
 */
export const graphql = initGraphQLTada<{
  // Fragments keep documents small and shared; components read their fields directly.
  disableMasking: true;
  introspection: introspection;
  scalars: { DateTime: string; CivilDate: string; Cursor: string; JSON: unknown };
}>();

export { readFragment, type FragmentOf, type ResultOf, type VariablesOf } from 'gql.tada';
