// Properties over every template: random walks of allowed actions and time.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../src/calendar/plain-date.js';
import {
  OUTCOMES,
  type InputDefinition,
  type ProcedureDefinition,
} from '../src/definition.schema.js';
import {
  advanceTime,
  applyAction,
  availableActions,
  fileCase,
  nextWakeUp,
  replay,
} from '../src/engine.js';
import type { Actor, ApplyResult, CaseState } from '../src/state.js';
import { TEMPLATE_SLUGS, templates } from '../src/templates.js';
import { exampleFacts, examplePayload } from '../src/examples.js';
import { stageRoutes, type StageRoute } from '../src/routes.js';
import { actors, noon } from './walk.js';

const ACTORS: Actor[] = Object.values(actors);
const ROUTE_ACTORS: Record<string, Actor> = {
  client: actors.client,
  handler: actors.handler,
  manager: actors.manager,
  director: actors.director,
  commission: actors.commission,
};

function expectWellFormed(procedure: ProcedureDefinition, state: CaseState): void {
  for (const [trackId, track] of Object.entries(state.tracks)) {
    const definition = procedure.tracks.find((t) => t.id === trackId);
    expect(definition, `track ${trackId}`).toBeDefined();
    const stage = definition?.stages.find((s) => s.id === track.stage);
    expect(stage, `stage ${track.stage} of ${trackId}`).toBeDefined();
    if (stage?.final) expect(track.status).toBe('ended');
  }
  const active = Object.values(state.tracks).some((t) => t.status === 'active');
  expect(state.closed).toBe(!active);
  for (const clock of Object.values(state.clocks)) {
    expect(procedure.clocks.some((c) => c.id === clock.clock)).toBe(true);
    if (state.closed) expect(['stopped', 'expired']).toContain(clock.status);
  }
  for (const clock of Object.values(state.clocks)) {
    // At most one extension waits per clock, never on a term that already ran out.
    const pending = clock.extensions.filter((e) => e.status === 'pending');
    expect(pending.length).toBeLessThanOrEqual(1);
    if (pending.length > 0) expect(clock.status).not.toBe('expired');
  }
  for (const part of state.parts) {
    // The outcome is the latest decision; advice and earlier decisions stay in the history.
    const decisions = part.judgments.filter((j) => !j.advisory);
    expect(part.outcome).toBe(decisions.at(-1)?.outcome);
    for (const judgment of part.judgments) expect(OUTCOMES).toContain(judgment.outcome);
  }
}

const step = fc.record({
  kind: fc.constantFrom('act', 'act', 'act', 'advance', 'stray'),
  actor: fc.nat(ACTORS.length - 1),
  pick: fc.nat(1000),
  // Separate from `pick`, so which action is taken does not decide which choice it is given.
  choose: fc.nat(1000),
  // Whether the case record holds what the step needs (signed minutes, letters, consent).
  facts: fc.boolean(),
  // Mostly the same day or a few days on, sometimes weeks: terms of two weeks must not always lapse.
  days: fc.oneof(
    { weight: 3, arbitrary: fc.constant(0) },
    { weight: 2, arbitrary: fc.integer({ min: 1, max: 5 }) },
    { weight: 1, arbitrary: fc.integer({ min: 6, max: 45 }) },
  ),
});

const walk = fc.record({
  slug: fc.constantFrom(...TEMPLATE_SLUGS),
  entry: fc.nat(5),
  flags: fc.boolean(),
  late: fc.nat(4),
  // Some walks start where the shortest route to a stage ends, so that deep stages (a year after a
  // ruling, a commission composed member by member) get random walks of their own too.
  from: fc.option(fc.nat(), { freq: 3 }),
  // fast-check keeps arrays short by default (size "small"); walks need room to get deep.
  steps: fc.array(step, { minLength: 5, maxLength: 40, size: 'max' }),
});

type Walked = typeof walk extends fc.Arbitrary<infer T> ? T : never;

/**
 * Mostly a step of the procedure itself: actions open in every stage (withdraw, report a calamity)
 * are offered to several actors at once and would otherwise end most walks within a few steps.
 */
function pickOffered<T extends { action: { id: string } }>(
  procedure: ProcedureDefinition,
  offered: T[],
  pick: number,
): T | undefined {
  const anywhere = new Set(procedure.actions.filter((a) => a.from.includes('*')).map((a) => a.id));
  const steps = offered.filter((o) => !anywhere.has(o.action.id));
  const pool = pick % 8 === 0 || steps.length === 0 ? offered : steps;
  return pool[Math.floor(pick / 8) % Math.max(pool.length, 1)];
}

/**
 * Files a case and walks it: "act" takes one of the actions offered to any actor (so a walk goes
 * as deep as the procedure allows instead of stopping where one random actor has nothing to do),
 * "stray" tries any action as any actor, "advance" only lets time pass. Checks every state on the
 * way and calls `visit` with it.
 */
const routeEnds = new Map<string, { state: CaseState; today: string }[]>();

/**
 * Where the shortest routes to each stage end, per way in (found once per template, by the
 * breadth-first search the demo data uses).
 */
function routeEndsOf(slug: Walked['slug']): { state: CaseState; today: string }[] {
  let ends = routeEnds.get(slug);
  if (!ends) {
    const procedure = templates[slug];
    const found = new Map<string, StageRoute>();
    for (const entry of procedure.filing.entries) {
      const filing = {
        entry: entry.id,
        complainant: procedure.eligibility.complainants[0]!.id,
        parts: [{ summary: 'Eerste' }, { summary: 'Tweede' }],
        ...(procedure.filing.categories[0] ? { category: procedure.filing.categories[0].id } : {}),
        eventDate: '2026-02-20',
        lastContactDate: '2026-02-20',
        flags: Object.fromEntries(procedure.filing.flags.map((f) => [f.id, true])),
      };
      const routes = stageRoutes(procedure, {
        filing,
        filedOn: '2026-03-02',
        actors: ROUTE_ACTORS,
      });
      for (const [stage, route] of routes) if (!found.has(stage)) found.set(stage, route);
    }
    ends = [...found.values()].map((route) => ({
      state: route.state,
      today: route.steps.at(-1)?.on ?? route.filedOn,
    }));
    routeEnds.set(slug, ends);
  }
  return ends;
}

function walkCase(
  { slug, entry, flags, late, from, steps }: Walked,
  visit: (s: CaseState) => void,
): void {
  const procedure = templates[slug];
  const ends = from === null ? [] : routeEndsOf(slug);
  const start = from === null ? undefined : ends[from % ends.length];
  let today = start?.today ?? '2026-03-02';
  const eventDay = late === 0 ? '2025-01-15' : '2026-02-20';
  const filed = fileCase(
    procedure,
    {
      entry: procedure.filing.entries[entry % procedure.filing.entries.length]?.id,
      complainant: procedure.eligibility.complainants[0]?.id ?? 'client',
      parts: [{ summary: 'Eerste' }, { summary: 'Tweede' }],
      ...(procedure.filing.categories[0] ? { category: procedure.filing.categories[0].id } : {}),
      eventDate: eventDay,
      lastContactDate: eventDay,
      flags: Object.fromEntries(procedure.filing.flags.map((f) => [f.id, flags])),
    },
    noon(today),
  );
  expect(filed.ok).toBe(true);
  if (!filed.ok) return;
  let state = start?.state ?? filed.state;
  expectWellFormed(procedure, state);
  visit(state);
  for (const s of steps) {
    today = addDays(today, s.days);
    const snapshot = structuredClone(state);
    if (s.kind === 'advance') {
      const facts = s.facts ? exampleFacts(procedure, state, [], today) : {};
      state = advanceTime(procedure, state, noon(today), facts).state;
    } else {
      // The same record for the offer and the step: facts can settle an extension in between.
      const facts = s.facts
        ? exampleFacts(
            procedure,
            state,
            procedure.actions.flatMap((a) => a.requires),
            today,
          )
        : {};
      const offered = ACTORS.flatMap((actor) =>
        availableActions(procedure, state, actor, noon(today), facts).map((action) => ({
          actor,
          action: action as { id: string; inputs: InputDefinition[]; missing?: unknown[] },
        })),
      );
      expect(state).toEqual(snapshot); // asking what is allowed changes nothing
      const chosen =
        s.kind === 'stray'
          ? {
              actor: ACTORS[s.actor] as Actor,
              action: procedure.actions[s.pick % procedure.actions.length],
            }
          : pickOffered(procedure, offered, s.pick);
      if (!chosen?.action) continue;
      const { actor, action } = chosen;
      const attempt = (): ApplyResult =>
        applyAction(
          procedure,
          state,
          actor,
          action.id,
          examplePayload(action.inputs, state, today, s.choose),
          noon(today),
          facts,
        );
      const result = attempt();
      expect(state).toEqual(snapshot); // the input state is never mutated, refused or not
      const missing = 'missing' in action ? (action.missing?.length ?? 0) : 0;
      if (result.ok) {
        expect(result.state.version).toBe(state.version + 1);
        // Without the facts, an action that was missing some is never applied.
        if (!s.facts) expect(missing).toBe(0);
        state = result.state;
      } else if (s.kind === 'act') {
        // An offered action is refused only for what depends on the payload, or for facts the
        // case record lacks, which the offer said were missing.
        expect([
          'invalid-input',
          'extension-not-allowed',
          'missing-input',
          'facts-missing',
        ]).toContain(result.refusal.code);
        if (result.refusal.code === 'facts-missing') expect(missing).toBeGreaterThan(0);
      } else {
        // A refused stray action: applying it again gives the same refusal, the case is as it was.
        expect(attempt()).toEqual(result);
      }
    }
    expectWellFormed(procedure, state);
    visit(state);
  }
  expect(replay(procedure, state.history)).toEqual(state);
}

// Property walks are CPU-bound: their time depends on the machine and its load, never their outcome.
// Each gets far more time than it needs on a quiet machine (a few seconds), so a shared, busy CI
// runner slows them down without failing them.
const HEAVY = { timeout: 300_000 };

describe('engine properties', () => {
  it(
    'no sequence of allowed actions leaves a case in an undefined stage; refusals change nothing; history replays',
    HEAVY,
    () => {
      fc.assert(
        fc.property(walk, (w) => walkCase(w, () => undefined)),
        { numRuns: 200 },
      );
    },
  );

  it('an open case is never stuck: someone can act, or a clock will move it', HEAVY, () => {
    fc.assert(
      fc.property(walk, (w) =>
        walkCase(w, (state) => {
          if (state.closed) return;
          const procedure = templates[w.slug];
          const now = state.lastChangeAt;
          const anyone = ACTORS.some((a) => availableActions(procedure, state, a, now).length > 0);
          const clock = nextWakeUp(procedure, state) !== undefined;
          expect(anyone || clock, JSON.stringify(state.tracks)).toBe(true);
        }),
      ),
      { numRuns: 100 },
    );
  });

  it(
    'walks reach every stage of every template (so the properties above are not vacuous)',
    HEAVY,
    () => {
      const seen = new Map<string, Set<string>>();
      const visitor = (slug: Walked['slug']) => (state: CaseState) => {
        const stages = seen.get(slug) ?? new Set<string>();
        for (const track of Object.values(state.tracks)) stages.add(track.stage);
        seen.set(slug, stages);
      };
      fc.assert(
        fc.property(walk, (w) => walkCase(w, visitor(w.slug))),
        { numRuns: 700, seed: 20260302 },
      );
      // And a random walk on from the end of every shortest route, so each stage is checked.
      for (const slug of TEMPLATE_SLUGS) {
        routeEndsOf(slug).forEach((_, index) => {
          const [w] = fc.sample(walk, { numRuns: 1, seed: index });
          walkCase({ ...w!, slug, from: index }, visitor(slug));
        });
      }
      const missed = TEMPLATE_SLUGS.flatMap((slug) =>
        templates[slug].tracks
          .flatMap((t) => t.stages.map((stage) => stage.id))
          .filter((stage) => !seen.get(slug)?.has(stage))
          .map((stage) => `${slug}:${stage}`),
      );
      expect(missed.join(' ')).toEqual('');
    },
  );

  it('an action that is not offered is refused', HEAVY, () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...TEMPLATE_SLUGS),
        fc.nat(ACTORS.length - 1),
        fc.nat(100),
        (slug, a, pick) => {
          const procedure = templates[slug];
          const filed = fileCase(
            procedure,
            {
              complainant: procedure.eligibility.complainants[0]?.id ?? 'client',
              parts: [{ summary: 'x' }],
              ...(procedure.filing.categories[0]
                ? { category: procedure.filing.categories[0].id }
                : {}),
              lastContactDate: '2026-03-01',
              eventDate: '2026-03-01',
            },
            noon('2026-03-02'),
          );
          if (!filed.ok) return;
          const actor = ACTORS[a] as Actor;
          const offered = new Set(
            availableActions(procedure, filed.state, actor, noon('2026-03-03')).map((x) => x.id),
          );
          const action = procedure.actions[pick % procedure.actions.length];
          if (!action || offered.has(action.id)) return;
          const result = applyAction(
            procedure,
            filed.state,
            actor,
            action.id,
            examplePayload(action.inputs, filed.state, '2026-03-03', pick),
            noon('2026-03-03'),
          );
          expect(result.ok).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });
});
