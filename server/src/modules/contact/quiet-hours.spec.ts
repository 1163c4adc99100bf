import { describe, expect, it } from 'vitest';
import { isQuiet, nextAllowedMoment } from './quiet-hours.js';

// Instants in UTC; quiet hours are Amsterdam wall-clock (UTC+1 in winter, UTC+2 in summer).
const at = (iso: string) => new Date(iso);

describe('quiet hours (Europe/Amsterdam)', () => {
  it('runs over midnight and ends at its end time', () => {
    expect(isQuiet(at('2026-01-14T21:30:00Z'), '22:00', '07:00')).toBe(true); // 22:30 local
    expect(isQuiet(at('2026-01-15T05:59:00Z'), '22:00', '07:00')).toBe(true); // 06:59 local
    expect(isQuiet(at('2026-01-15T06:00:00Z'), '22:00', '07:00')).toBe(false); // 07:00 local
    expect(isQuiet(at('2026-01-15T12:00:00Z'), '22:00', '07:00')).toBe(false);
  });

  it('holds a message until the quiet hours end, and lets one outside them go at once', () => {
    expect(nextAllowedMoment(at('2026-01-14T23:10:00Z'), '22:00', '07:00').toISOString()).toBe(
      '2026-01-15T06:00:00.000Z',
    );
    const free = at('2026-01-15T10:17:23Z');
    expect(nextAllowedMoment(free, '22:00', '07:00')).toBe(free);
  });

  it('follows the clock change: 07:00 in summer is 05:00 UTC', () => {
    // The night of 28–29 March 2026 the clocks go forward.
    expect(nextAllowedMoment(at('2026-03-28T23:00:00Z'), '22:00', '07:00').toISOString()).toBe(
      '2026-03-29T05:00:00.000Z',
    );
  });

  it('treats equal start and end as no quiet hours', () => {
    expect(isQuiet(at('2026-01-15T12:00:00Z'), '12:00', '12:00')).toBe(false);
  });
});
