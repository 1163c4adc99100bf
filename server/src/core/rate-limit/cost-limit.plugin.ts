import type { ApolloServerPlugin } from '@apollo/server';
import {
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import type { RequestContext } from '../context.js';
import { AppError } from '../errors.js';
import { earlyFailure } from '../graphql/errors.js';
import { Budget } from './budget.js';

/** Hears of an operation refused because the person's or the organisation's budget is spent. */
export type RateLimitedListener = (
  ctx: RequestContext,
  refusal: { budget: 'user' | 'organisation'; cost: number },
) => void;

export interface CostLimits {
  /** Cost one person may spend per window, over all their sessions. */
  userCost: number;
  /** Cost all members of one organisation together may spend per window. */
  organisationCost: number;
  windowSeconds: number;
}

/** The page size a list field asks for, when it names one. */
function pageSize(args: readonly { name: { value: string }; value: ValueNode }[] | undefined) {
  for (const arg of args ?? []) {
    if (['first', 'last', 'limit'].includes(arg.name.value) && arg.value.kind === Kind.INT) {
      return Math.min(100, Math.max(1, Number(arg.value.value)));
    }
  }
  return 1;
}

/**
 * What an operation costs: one point per field, a page's fields once per item asked for
 * (`first: 50` makes its selection count fifty times). The same measure graphql-armor caps per
 * operation, here summed over time.
 */
export function operationCost(document: DocumentNode, operation: OperationDefinitionNode): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION)
      fragments.set(definition.name.value, definition);
  }
  const cost = (selectionSet: SelectionSetNode | undefined, seen: Set<string>): number => {
    let total = 0;
    for (const selection of selectionSet?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        total += 1 + pageSize(selection.arguments) * cost(selection.selectionSet, seen);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        total += cost(selection.selectionSet, seen);
      } else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        if (fragment && !seen.has(name))
          total += cost(fragment.selectionSet, new Set([...seen, name]));
      }
    }
    return total;
  };
  return cost(operation.selectionSet, new Set());
}

/**
 * Throttles by GraphQL cost per signed-in person and per organisation (ADR 0065), after the
 * operation is parsed and validated and before it runs: one person's flood of expensive queries
 * is answered 429 `RATE_LIMITED` with `Retry-After` while other people and other organisations
 * are served. Anonymous operations (sign-in) have their own limits.
 */
export function costLimitPlugin(
  limits: CostLimits,
  onRateLimited?: RateLimitedListener,
): ApolloServerPlugin<RequestContext> {
  const perUser = new Budget({
    name: 'graphql-cost-user',
    points: limits.userCost,
    windowSeconds: limits.windowSeconds,
  });
  const perOrganisation = new Budget({
    name: 'graphql-cost-organisation',
    points: limits.organisationCost,
    windowSeconds: limits.windowSeconds,
  });
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, document, operation }) {
          const { viewer, active } = contextValue;
          if (!viewer || !operation) return;
          const cost = operationCost(document, operation);
          let budget: 'user' | 'organisation' = 'user';
          try {
            await perUser.spend(viewer.userId, cost);
            budget = 'organisation';
            if (active) await perOrganisation.spend(active.organisationId, cost);
          } catch (error) {
            if (!(error instanceof AppError)) throw error;
            onRateLimited?.(contextValue, { budget, cost });
            contextValue.log.warn(
              {
                reason: 'RATE_LIMITED',
                userId: viewer.userId,
                organisationId: active?.organisationId,
                cost,
              },
              'request refused',
            );
            throw earlyFailure(error);
          }
        },
      };
    },
  };
}
