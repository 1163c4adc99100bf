import type { Role } from '@klachtpad/contracts';
import type { ActionDefinition, InputDefinition, ProcedureDefinition } from '@klachtpad/procedures';
import type { Label } from '../i18n/format';

// Types only: the portal reads the published definition, it never runs the engine.
export type { ActionDefinition, InputDefinition, ProcedureDefinition };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The published definition, which the server validated against the format when it was published
 * (ADR 0012). The portal checks its outline before reading it as that type, so a procedure of an
 * unknown format shows as unavailable rather than as a broken form.
 */
export function asDefinition(value: unknown): ProcedureDefinition | undefined {
  if (!isRecord(value) || value.format !== 'klachtpad.procedure/1') return undefined;
  const { eligibility, filing, tracks, actions } = value;
  if (!isRecord(eligibility) || !isRecord(filing) || !Array.isArray(tracks)) return undefined;
  if (!Array.isArray(actions)) return undefined;
  return value as unknown as ProcedureDefinition;
}

/** An action's typed inputs, as `availableActions` gives them (the procedure format). */
export function asInputs(value: unknown): InputDefinition[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (input): input is InputDefinition =>
      isRecord(input) && typeof input.kind === 'string' && typeof input.id === 'string',
  );
}

export interface StageStep {
  stage: Label;
  description: Label | undefined;
  /** Who the procedure lets act from this stage, the client side included. */
  roles: Role[];
}

/**
 * Who takes the next step in each active stage, read from the procedure: the roles of the actions
 * that start from that stage (actions open in every stage, such as withdrawing, say nothing about
 * who is next).
 */
export function nextSteps(
  definition: ProcedureDefinition,
  stages: readonly { track: string; stage: string }[],
): StageStep[] {
  return stages.flatMap(({ track, stage }) => {
    const stageDefinition = definition.tracks
      .find((candidate) => candidate.id === track)
      ?.stages.find((candidate) => candidate.id === stage);
    if (!stageDefinition || stageDefinition.final) return [];
    const roles = new Set<Role>();
    for (const action of definition.actions) {
      if (!action.from.includes(stage)) continue;
      for (const permission of action.by) roles.add(permission.role);
    }
    return [
      { stage: stageDefinition.label, description: stageDefinition.description, roles: [...roles] },
    ];
  });
}
