/** Groups smaller than this are never shown: too few people to stay anonymous. */
export const SMALLEST_SHOWN_GROUP = 5;

export interface CountedGroup {
  key: string;
  count: number;
}

export interface PublishedGroup {
  key: string;
  /** `null` when suppressed. */
  count: number | null;
  suppressed: boolean;
}

/**
 * Hides small groups of one dimension of a report (ADR 0017).
 *
 * Primary suppression hides every group under {@link SMALLEST_SHOWN_GROUP}, zero included, so
 * not even "nobody" is disclosed. The groups of a dimension add up to a total a reader can learn
 * elsewhere (the register shows it, and other dimensions count the same cases), so secondary
 * suppression then hides the smallest shown groups until the hidden ones together hold at least
 * {@link SMALLEST_SHOWN_GROUP} and are at least two: subtracting the shown groups from the total
 * then yields only a sum that is itself large enough and shared by several groups.
 *
 * Group keys are fixed by the caller, never taken from the data, so that a group's presence
 * cannot give away that it has members.
 */
export function suppressSmallGroups(groups: readonly CountedGroup[]): PublishedGroup[] {
  const hidden = new Set(groups.filter((g) => g.count < SMALLEST_SHOWN_GROUP).map((g) => g.key));
  if (hidden.size > 0) {
    // Smallest first; ties by key, so the same data always hides the same groups.
    const candidates = groups
      .filter((g) => !hidden.has(g.key))
      .sort((a, b) => a.count - b.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const hiddenSum = () =>
      groups.filter((g) => hidden.has(g.key)).reduce((sum, g) => sum + g.count, 0);
    for (const candidate of candidates) {
      if (hidden.size >= 2 && hiddenSum() >= SMALLEST_SHOWN_GROUP) break;
      hidden.add(candidate.key);
    }
  }
  return groups.map((g) =>
    hidden.has(g.key)
      ? { key: g.key, count: null, suppressed: true }
      : { key: g.key, count: g.count, suppressed: false },
  );
}

/** A single count, such as a total: shown only when large enough. */
export function suppressSmallCount(count: number): { count: number | null; suppressed: boolean } {
  return count < SMALLEST_SHOWN_GROUP
    ? { count: null, suppressed: true }
    : { count, suppressed: false };
}
