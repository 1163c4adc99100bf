import { addDays, compareDates, type PlainDate } from './calendar/plain-date.js';
import type { ProcedureDefinition } from './definition.schema.js';
import { advanceTime, applyAction, availableActions, fileCase, nextWakeUp } from './engine.js';
import { exampleFacts, examplePayload } from './examples.js';
import { hasFacts, type CaseFacts } from './facts.js';
import type { Actor, CaseState, FileCaseInput } from './state.js';

/**
 * One step of a route: an action by a named actor, or letting time run to the next term. An
 * action's `facts` are what the case record must hold first (minutes signed by everyone present,
 * a letter sent, a pending extension's notice): whoever walks the route makes them real first.
 */
export type RouteStep =
  | {
      kind: 'act';
      actor: string;
      action: string;
      payload: Record<string, unknown>;
      on: PlainDate;
      facts?: CaseFacts;
    }
  | { kind: 'wait'; on: PlainDate };

export interface StageRoute {
  /** `track:stage` */
  stage: string;
  filing: FileCaseInput;
  filedOn: PlainDate;
  steps: RouteStep[];
  /** The state at the end of the route (the case sits in the stage, or passed it when final). */
  state: CaseState;
}

export interface RouteOptions {
  filing: FileCaseInput;
  filedOn: PlainDate;
  /** The people who may act, by name; each action goes to the first one it is offered to. */
  actors: Record<string, Actor>;
  /** Days between two actions. */
  pace?: number;
  /** Branches tried per action (choices and outcomes), and the search limits. */
  variants?: number;
  maxDepth?: number;
  maxStates?: number;
}

const noon = (date: PlainDate) => `${date}T12:00:00.000Z`;

/**
 * The shortest route (fewest steps) from filing to every stage of every track the procedure can
 * reach with the given actors, by breadth-first search over the engine itself. Used to build demo
 * cases that stand in each stage and to walk each procedure through an API end to end.
 */
export function stageRoutes(
  procedure: ProcedureDefinition,
  options: RouteOptions,
): Map<string, StageRoute> {
  const pace = options.pace ?? 2;
  const variants = options.variants ?? 3;
  const maxDepth = options.maxDepth ?? 14;
  const maxStates = options.maxStates ?? 4000;
  const filed = fileCase(procedure, options.filing, noon(options.filedOn));
  if (!filed.ok)
    throw new Error(`Filing refused: ${filed.refusal.reasons.map((r) => r.message.en).join('; ')}`);

  interface Node {
    state: CaseState;
    today: PlainDate;
    steps: RouteStep[];
  }
  const routes = new Map<string, StageRoute>();
  const stageCount = procedure.tracks.reduce((sum, track) => sum + track.stages.length, 0);
  const seen = new Set<string>();
  const record = (node: Node) => {
    for (const [track, { stage }] of Object.entries(node.state.tracks)) {
      const key = `${track}:${stage}`;
      if (!routes.has(key))
        routes.set(key, {
          stage: key,
          filing: options.filing,
          filedOn: options.filedOn,
          steps: node.steps,
          state: node.state,
        });
    }
  };
  let frontier: Node[] = [{ state: filed.state, today: options.filedOn, steps: [] }];
  record(frontier[0]!);
  seen.add(shape(filed.state));
  for (let depth = 0; depth < maxDepth && frontier.length > 0; depth++) {
    const next: Node[] = [];
    for (const node of frontier) {
      if (node.state.closed) continue;
      for (const child of successors(node)) {
        const key = shape(child.state);
        if (seen.has(key)) continue;
        seen.add(key);
        record(child);
        next.push(child);
        // Every stage has its shortest route once it is first reached: no need to go on.
        if (routes.size === stageCount || seen.size >= maxStates) return routes;
      }
    }
    frontier = next;
  }
  return routes;

  function* successors(node: Node): Generator<Node> {
    const today = addDays(node.today, pace);
    const tried = new Set<string>();
    for (const [name, actor] of Object.entries(options.actors)) {
      for (const action of availableActions(procedure, node.state, actor, noon(today))) {
        if (tried.has(action.id)) continue;
        tried.add(action.id);
        const requires = procedure.actions.find((a) => a.id === action.id)?.requires ?? [];
        const facts =
          action.missing.length > 0 ? exampleFacts(procedure, node.state, requires, today) : {};
        for (let variant = 0; variant < variants; variant++) {
          const payload = examplePayload(action.inputs, node.state, today, variant);
          const result = applyAction(
            procedure,
            node.state,
            actor,
            action.id,
            payload,
            noon(today),
            facts,
          );
          if (!result.ok) continue;
          yield {
            state: result.state,
            today,
            steps: [
              ...node.steps,
              {
                kind: 'act',
                actor: name,
                action: action.id,
                payload,
                on: today,
                ...(hasFacts(facts) ? { facts } : {}),
              },
            ],
          };
        }
      }
    }
    const wake = nextWakeUp(procedure, node.state);
    if (wake !== undefined && compareDates(wake, node.today) > 0) {
      const state = advanceTime(procedure, node.state, noon(wake)).state;
      yield { state, today: wake, steps: [...node.steps, { kind: 'wait', on: wake }] };
    }
  }
}

/** What makes two states different for the search: where the case is, not when. */
function shape(state: CaseState): string {
  return JSON.stringify([
    Object.entries(state.tracks).map(([t, s]) => [t, s.stage, s.status]),
    Object.entries(state.clocks).map(([c, s]) => [c, s.status, s.extensions.map((e) => e.status)]),
    // Members by who approved them so far (refused ones drop out): proposing yet another member,
    // or the same approvals in another order, does not make a new place to search from.
    Object.entries(state.members ?? {}).map(([c, list]) => [
      c,
      [
        ...new Set(
          list
            .filter((m) => m.approvals.every((a) => a.approve))
            .map((m) =>
              m.approvals
                .map((a) => a.by)
                .sort()
                .join('+'),
            ),
        ),
      ].sort(),
    ]),
    state.flags,
    state.admissibility.status,
    state.referrals.map((r) => [r.commission, r.active]),
    state.parts.map((p) => p.outcome ?? null),
    state.closed,
  ]);
}

/**
 * The shortest route to every stage over all the ways a case can start: each entry, filed in
 * time or late, with each filing flag off or on. Stages no route reaches are absent.
 */
export function routesToEveryStage(
  procedure: ProcedureDefinition,
  options: Omit<RouteOptions, 'filing'> & { parts?: string[] },
): Map<string, StageRoute> {
  const best = new Map<string, StageRoute>();
  const parts = (options.parts ?? ['De klacht']).map((summary) => ({ summary }));
  for (const entry of procedure.filing.entries) {
    for (const late of [false, true]) {
      for (const flagged of [false, true]) {
        const eventDate = addDays(options.filedOn, late ? -400 : -10);
        const filing: FileCaseInput = {
          entry: entry.id,
          complainant: procedure.eligibility.complainants[0]!.id,
          parts,
          ...(procedure.filing.categories[0]
            ? { category: procedure.filing.categories[0].id }
            : {}),
          eventDate,
          lastContactDate: eventDate,
          flags: Object.fromEntries(procedure.filing.flags.map((flag) => [flag.id, flagged])),
        };
        for (const [stage, route] of stageRoutes(procedure, { ...options, filing })) {
          const known = best.get(stage);
          if (!known || known.steps.length > route.steps.length) best.set(stage, route);
        }
      }
    }
  }
  return best;
}
