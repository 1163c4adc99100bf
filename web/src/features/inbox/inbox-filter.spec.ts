import { describe, expect, it } from 'vitest';
import { navigationFor, startPathFor } from '../../app/navigation';
import { EMPTY_FILTER, toCaseFilter, urgencyOf } from './inbox-filter';

describe('the inbox filters', () => {
  it('ask for every open case, most urgent first, when nothing is chosen', () => {
    expect(toCaseFilter(EMPTY_FILTER)).toEqual({ closed: false });
    expect(EMPTY_FILTER.order).toBe('URGENCY');
  });

  it('send only what was chosen, in the API’s terms', () => {
    expect(
      toCaseFilter({
        ...EMPTY_FILTER,
        stage: 'formeel:onderzoek',
        handler: 'h-1',
        urgency: 'overdue',
        channel: 'phone',
        category: '  zorg ',
        search: '  koud eten ',
      }),
    ).toEqual({
      closed: false,
      stage: 'formeel:onderzoek',
      handlerId: 'h-1',
      overdue: true,
      channel: 'phone',
      category: 'zorg',
      search: 'koud eten',
    });
    expect(toCaseFilter({ ...EMPTY_FILTER, handler: 'none', urgency: 'dueSoon' })).toEqual({
      closed: false,
      unassigned: true,
      dueSoon: true,
    });
    expect(toCaseFilter({ ...EMPTY_FILTER, urgency: 'closed' })).toEqual({ closed: true });
    expect(toCaseFilter({ ...EMPTY_FILTER, responsible: 'mine' })).toEqual({
      closed: false,
      responsibleForMe: true,
    });
  });

  it('never send more search text than the server takes', () => {
    expect(toCaseFilter({ ...EMPTY_FILTER, search: 'x'.repeat(300) }).search).toHaveLength(100);
  });

  it('mark overdue before today and due soon within seven days, as the server counts', () => {
    expect(urgencyOf('2026-12-01', '2026-12-02')).toBe('overdue');
    expect(urgencyOf('2026-12-02', '2026-12-02')).toBe('dueSoon');
    expect(urgencyOf('2026-12-09', '2026-12-02')).toBe('dueSoon');
    expect(urgencyOf('2026-12-10', '2026-12-02')).toBeNull();
    expect(urgencyOf(undefined, '2026-12-02')).toBeNull();
  });
});

describe('the menu per role', () => {
  it('gives staff their inbox and never the portal, and the portal never the inbox', () => {
    for (const role of ['handler', 'manager', 'director'] as const) {
      expect(navigationFor([role]).map((item) => item.to)).toContain('/werkbak');
      expect(startPathFor([role])).toBe('/werkbak');
    }
    for (const role of ['client', 'confidant', 'commission'] as const)
      expect(navigationFor([role]).map((item) => item.to)).not.toContain('/werkbak');
  });
});
