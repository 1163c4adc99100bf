import { describe, expect, it } from 'vitest';
import { applyAction, advanceTime, fileCase } from './engine.js';
import { routesToEveryStage } from './routes.js';
import type { Actor } from './state.js';
import { TEMPLATE_SLUGS, templates } from './templates.js';

const actors: Record<string, Actor> = {
  client: { roles: ['client'], relationships: [{ kind: 'client' }] },
  handler: { roles: ['handler'], relationships: [{ kind: 'assigned-handler' }] },
  manager: { roles: ['manager'], relationships: [] },
  director: { roles: ['director'], relationships: [] },
  commission: { roles: ['commission'], relationships: [{ kind: 'referred-commission' }] },
};

// A breadth-first search over the engine: seconds on a quiet machine, far more under load.
const HEAVY = { timeout: 300_000 };

describe('routes to every stage', () => {
  it.each(TEMPLATE_SLUGS)('reach every stage of %s with the demo roles', HEAVY, (slug) => {
    const procedure = templates[slug];
    const routes = routesToEveryStage(procedure, { actors, filedOn: '2026-03-02' });
    const stages = procedure.tracks.flatMap((t) => t.stages.map((s) => `${t.id}:${s.id}`));
    expect([...routes.keys()].sort()).toEqual(stages.sort());
  });

  it.each(TEMPLATE_SLUGS)('replay step by step to the stage they name in %s', HEAVY, (slug) => {
    const procedure = templates[slug];
    for (const route of routesToEveryStage(procedure, { actors, filedOn: '2026-03-02' }).values()) {
      const filed = fileCase(procedure, route.filing, `${route.filedOn}T12:00:00.000Z`);
      if (!filed.ok) throw new Error('filing refused');
      let state = filed.state;
      for (const step of route.steps) {
        const at = `${step.on}T12:00:00.000Z`;
        if (step.kind === 'wait') {
          state = advanceTime(procedure, state, at).state;
          continue;
        }
        const result = applyAction(
          procedure,
          state,
          actors[step.actor]!,
          step.action,
          step.payload,
          at,
          step.facts,
        );
        expect(result.ok, `${route.stage}: ${step.action}`).toBe(true);
        if (result.ok) state = result.state;
      }
      const [track, stage] = route.stage.split(':');
      expect(state.tracks[track!]?.stage).toBe(stage);
      expect(state).toEqual(route.state);
    }
  });
});
