import type {
  ActionDefinition,
  ClockDefinition,
  ProcedureDefinition,
  StageDefinition,
  TrackDefinition,
} from './definition.schema.js';

/** Lookup tables over a parsed procedure, built once per procedure object. */
export interface ProcedureIndex {
  stages: Map<string, { stage: StageDefinition; track: TrackDefinition }>;
  actions: Map<string, ActionDefinition>;
  clocks: Map<string, ClockDefinition>;
  tracks: Map<string, TrackDefinition>;
}

const cache = new WeakMap<ProcedureDefinition, ProcedureIndex>();

/** The lookup tables for a procedure (cached: procedures are treated as immutable values). */
export function indexProcedure(procedure: ProcedureDefinition): ProcedureIndex {
  const cached = cache.get(procedure);
  if (cached) return cached;
  const index: ProcedureIndex = {
    stages: new Map(),
    actions: new Map(procedure.actions.map((a) => [a.id, a])),
    clocks: new Map(procedure.clocks.map((c) => [c.id, c])),
    tracks: new Map(procedure.tracks.map((t) => [t.id, t])),
  };
  for (const track of procedure.tracks) {
    for (const stage of track.stages) index.stages.set(stage.id, { stage, track });
  }
  cache.set(procedure, index);
  return index;
}
