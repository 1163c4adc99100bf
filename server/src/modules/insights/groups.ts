import {
  OUTCOME_LABELS as OUTCOMES_AS_WORDS,
  OUTCOMES,
  type Label,
  type Outcome,
  type ProcedureDefinition,
} from '@klachtpad/procedures';
import type { CountedGroup } from './suppression.js';

/**
 * The groups the register and the dashboard count by, fixed by the procedure and the format
 * rather than found in the data (ADR 0017): a group listed only because it has members would say
 * that it has members.
 */
export const OTHER_CATEGORY = 'other';

export type OutcomeKey = Outcome | 'undecided';
export const OUTCOME_KEYS: readonly OutcomeKey[] = [...OUTCOMES, 'undecided'];

export const OUTCOME_LABELS: Record<OutcomeKey, Label> = {
  ...OUTCOMES_AS_WORDS,
  undecided: { nl: 'Nog geen oordeel', en: 'Not yet decided' },
};

type Categories = ProcedureDefinition['filing']['categories'];

/**
 * One count per category of the procedure, in its order, then `other` for cases without a
 * category or with one an older version had.
 */
export function categoryCounts(
  known: Categories,
  rows: readonly { category: string | null; count: number }[],
): CountedGroup[] {
  const knownIds = new Set(known.map((c) => c.id));
  const countOf = (id: string) =>
    rows.filter((row) => row.category === id).reduce((sum, row) => sum + row.count, 0);
  const other = rows
    .filter((row) => row.category === null || !knownIds.has(row.category))
    .reduce((sum, row) => sum + row.count, 0);
  return [
    ...known.map((c) => ({ key: c.id, count: countOf(c.id) })),
    { key: OTHER_CATEGORY, count: other },
  ];
}

export function categoryLabel(known: Categories): (key: string) => Label {
  return (key) =>
    known.find((c) => c.id === key)?.label ?? { nl: 'Overig of zonder soort', en: 'Other or none' };
}

/** One count per outcome of the format, then `undecided`. */
export function outcomeCounts(rows: readonly { outcome: string; count: number }[]): CountedGroup[] {
  return OUTCOME_KEYS.map((key) => ({
    key,
    count: rows.filter((row) => row.outcome === key).reduce((sum, row) => sum + row.count, 0),
  }));
}
