import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SMALLEST_SHOWN_GROUP, suppressSmallGroups, type CountedGroup } from './suppression.js';

const groups = (...counts: number[]): CountedGroup[] =>
  counts.map((count, index) => ({ key: String.fromCharCode(97 + index), count }));
const shown = (published: ReturnType<typeof suppressSmallGroups>) =>
  published.map((g) => (g.suppressed ? null : g.count));

describe('suppressing small groups', () => {
  it.each([
    { counts: [12, 7, 9], expected: [12, 7, 9] },
    // One small group would be recovered from the total: the next-smallest goes too.
    { counts: [12, 3, 9], expected: [12, null, null] },
    // Two small groups summing under 5 reveal too much together: one more is hidden.
    { counts: [20, 1, 2, 8], expected: [20, null, null, null] },
    // Two small groups that together hold 5 or more are enough.
    { counts: [20, 4, 3, 8], expected: [20, null, null, 8] },
    // Nobody is a small group too.
    { counts: [30, 0], expected: [null, null] },
    { counts: [30, 0, 6], expected: [30, null, null] },
    // A dimension with one group is the total.
    { counts: [17], expected: [17] },
    { counts: [4], expected: [null] },
    { counts: [2, 1], expected: [null, null] },
  ])('shows $expected for $counts', ({ counts, expected }) => {
    expect(shown(suppressSmallGroups(groups(...counts)))).toEqual(expected);
  });

  it('never shows a small group, and never leaves a small or lone hidden remainder', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 40 }), { minLength: 1, maxLength: 9 }), (counts) => {
        const published = suppressSmallGroups(groups(...counts));
        const hidden = published.filter((g) => g.suppressed);
        const total = counts.reduce((a, b) => a + b, 0);
        const hiddenSum = total - published.reduce((sum, g) => sum + (g.count ?? 0), 0);
        for (const group of published) {
          if (!group.suppressed) expect(group.count).toBeGreaterThanOrEqual(SMALLEST_SHOWN_GROUP);
        }
        if (hidden.length > 0 && hidden.length < published.length) {
          // What subtraction from the total yields is a sum of several groups, large enough.
          expect(hidden.length).toBeGreaterThanOrEqual(2);
          expect(hiddenSum).toBeGreaterThanOrEqual(SMALLEST_SHOWN_GROUP);
        }
      }),
    );
  });
});
