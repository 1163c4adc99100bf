import {
  factsNeeded,
  type CaseFacts,
  type FactsNeeded,
  type ProcedureDefinition,
} from '@klachtpad/procedures';
import type { RequestContext } from '../../core/context.js';
import { defineRequestLoader } from '../../core/graphql/request-loader.js';
import { defineHookPoint } from '../../core/hooks.js';
import type { Case } from './case.entity.js';

/** Cases whose facts are read, each with the kinds the engine can use on it now. */
export interface CaseFactsGathering {
  cases: readonly { kase: Case; needed: FactsNeeded }[];
  /** By case id: every module that holds facts of a kind adds them here. */
  facts: Map<string, CaseFacts>;
}

/**
 * What the case record says people did, gathered for the procedure engine (ADR 0030): meetings
 * with their signed minutes (the meetings module), the letters sent (the letters module). The
 * engine never believes a payload that claims these. The case aggregate does not know who holds
 * them: each module adds its own in an effect on this point.
 */
export const CASE_FACTS = defineHookPoint<CaseFactsGathering>('case-facts');

/**
 * The facts of one case for an engine call on it. Only the kinds the case can use now are read
 * (most cases need none), and within a request the facts of every case a response shows are read
 * together.
 */
export async function caseFacts(
  ctx: RequestContext,
  kase: Case,
  definition: ProcedureDefinition,
): Promise<CaseFacts> {
  const needed = factsNeeded(definition, kase.state);
  if (!needed.meetings && !needed.letters && !needed.consents) return {};
  return factsOfCases(ctx).load({ kase, needed });
}

const factsOfCases = defineRequestLoader<{ kase: Case; needed: FactsNeeded }, CaseFacts, string>(
  async (ctx, cases) => {
    const facts = new Map<string, CaseFacts>(cases.map(({ kase }) => [kase.id, {}]));
    await ctx.hooks.effects(ctx, CASE_FACTS, { cases, facts });
    return cases.map(({ kase }) => facts.get(kase.id) ?? {});
  },
  // Facts change while a request runs (a letter is sent, then the case advances): never cached.
  { cacheKeyFn: ({ kase }) => kase.id, cache: false },
);
