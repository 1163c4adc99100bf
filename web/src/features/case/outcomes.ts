import type { Outcome } from '@klachtpad/procedures';

// The engine's outcomes (`OUTCOMES` of the procedures package), listed here so the bundle does
// not carry the engine; `satisfies` keeps the two lists from drifting apart.
const OUTCOMES = [
  'gegrond',
  'deels-gegrond',
  'ongegrond',
  'niet-ontvankelijk',
  'opgelost-door-bemiddeling',
  'ingetrokken',
] as const satisfies readonly Outcome[];
const _everyOutcome: Record<Outcome, true> = Object.fromEntries(
  OUTCOMES.map((outcome) => [outcome, true]),
) as Record<(typeof OUTCOMES)[number], true>;
void _everyOutcome;

/** An outcome the portal has words for; an unknown one reads as "decided". */
export function outcomeKey(outcome: string): (typeof OUTCOMES)[number] | 'other' {
  return (OUTCOMES as readonly string[]).includes(outcome)
    ? (outcome as (typeof OUTCOMES)[number])
    : 'other';
}
