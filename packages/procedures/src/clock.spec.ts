import { describe, expect, it } from 'vitest';
import {
  deriveDue,
  explainDueDate,
  extensionNeedsConsent,
  extensionProblems,
  startClock,
} from './clock.js';
import type { ClockDefinition } from './definition.schema.js';
import type { ClockState, Extension } from './state.js';

const definition: ClockDefinition = {
  id: 'beslistermijn',
  label: { nl: 'Beslistermijn', en: 'Decision term' },
  purpose: 'decision',
  duration: { amount: 6, unit: 'weeks' },
  startsOn: { nl: 'ontvangen', en: 'received' },
  endOnWorkingDay: false,
  reminders: [],
  extension: {
    max: { amount: 4, unit: 'weeks' },
    maxWithoutConsent: 1,
    noticeRequired: true,
    noticeTo: ['client'],
    furtherWithConsent: true,
  },
  suspendable: true,
  onExpiry: [],
};

function clock(changes: Partial<ClockState> = {}): ClockState {
  return { ...startClock(definition, '2026-03-02'), ...changes };
}

describe('due dates', () => {
  it('explains the example of issue 3 in Dutch and English', () => {
    const extended = clock({
      extensions: [
        {
          duration: { amount: 4, unit: 'weeks' },
          noticeSentOn: '2026-04-09',
          noticeSentTo: ['client'],
          recordedOn: '2026-04-09',
        },
      ],
    });
    expect(deriveDue(extended, definition).due).toBe('2026-05-11');
    expect(explainDueDate(extended, definition, 'nl')).toBe(
      '13-04-2026 = ontvangen 02-03-2026 + 6 weken; verlengd met 4 weken op 09-04-2026 → 11-05-2026',
    );
    expect(explainDueDate(extended, definition, 'en')).toBe(
      '13-04-2026 = received 02-03-2026 + 6 weeks; extended by 4 weeks on 09-04-2026 → 11-05-2026',
    );
  });

  it('combines a suspension and an extension in the order they happened', () => {
    const both = clock({
      suspensions: [{ from: '2026-03-10', to: '2026-03-20' }],
      extensions: [
        {
          duration: { amount: 4, unit: 'weeks' },
          noticeSentOn: '2026-04-20',
          noticeSentTo: ['client'],
          recordedOn: '2026-04-20',
        },
      ],
    });
    expect(explainDueDate(both, definition, 'nl')).toBe(
      '13-04-2026 = ontvangen 02-03-2026 + 6 weken; opgeschort van 10-03-2026 tot 20-03-2026 (+10 dagen) → 23-04-2026; verlengd met 4 weken op 20-04-2026 → 21-05-2026',
    );
  });

  it('an extension in months from a month end clamps, then a later suspension adds days', () => {
    const monthly = { ...definition, duration: { amount: 1, unit: 'months' as const } };
    const state: ClockState = {
      ...startClock(monthly, '2025-12-31'),
      extensions: [
        {
          duration: { amount: 1, unit: 'months' },
          noticeSentOn: '2026-01-20',
          noticeSentTo: ['client'],
          recordedOn: '2026-01-20',
        },
      ],
      suspensions: [{ from: '2026-02-01', to: '2026-02-03' }],
    };
    // 31-12 + 1 month = 31-01; + 1 month = 28-02 (2026 is no leap year); + 2 days = 02-03.
    expect(deriveDue(state, monthly).due).toBe('2026-03-02');
  });

  it('lists a running suspension without moving the date yet', () => {
    expect(explainDueDate(clock({ suspensions: [{ from: '2026-03-10' }] }), definition, 'en')).toBe(
      '13-04-2026 = received 02-03-2026 + 6 weeks; suspended since 10-03-2026 (still suspended; the due date moves by every day of suspension)',
    );
  });
});

describe('extension rules', () => {
  const request = {
    duration: { amount: 4, unit: 'weeks' as const },
    reason: 'Nog twee gesprekken.',
  };
  const earlier = (extra: Partial<Extension> = {}): Extension => ({
    id: 'beslistermijn#1',
    duration: { amount: 1, unit: 'weeks' },
    recordedOn: '2026-04-01',
    status: 'effective',
    needsConsent: false,
    noticeTo: ['client'],
    ...extra,
  });
  const consentRule = {
    ...definition,
    extension: { ...definition.extension!, furtherWithConsent: false },
  };

  it.each<[string, Partial<ClockState>, Partial<typeof request>, typeof definition, number]>([
    ['a first extension within the rule', {}, {}, definition, 0],
    [
      'a longer one, which will wait for consent',
      {},
      { duration: { amount: 5, unit: 'weeks' } },
      definition,
      0,
    ],
    [
      'a longer one where the rule allows no consent',
      {},
      { duration: { amount: 5, unit: 'weeks' } },
      consentRule,
      1,
    ],
    ['a second one, which will wait for consent', { extensions: [earlier()] }, {}, definition, 0],
    [
      'a second one where the rule allows no consent',
      { extensions: [earlier()] },
      {},
      consentRule,
      1,
    ],
    [
      'while another one waits',
      { extensions: [earlier({ status: 'pending' })] },
      {},
      definition,
      1,
    ],
    ['after a lapsed one', { extensions: [earlier({ status: 'lapsed' })] }, {}, consentRule, 0],
    ['a stopped clock', { status: 'stopped' }, {}, definition, 1],
  ])('%s', (_name, state, change, rule, count) => {
    expect(extensionProblems(clock(state), rule, { ...request, ...change })).toHaveLength(count);
  });

  it('asks consent for a second or a longer extension, never for the first within the rule', () => {
    expect(extensionNeedsConsent(clock({}), definition, request.duration)).toBe(false);
    expect(extensionNeedsConsent(clock({}), definition, { amount: 29, unit: 'days' })).toBe(true);
    expect(
      extensionNeedsConsent(clock({ extensions: [earlier()] }), definition, request.duration),
    ).toBe(true);
    // States stored before 0.2 (no status, a typed notice) count as an extension without consent.
    const legacy: Extension = {
      duration: { amount: 1, unit: 'weeks' },
      recordedOn: '2026-04-01',
      noticeSentOn: '2026-04-01',
      noticeSentTo: ['client'],
    };
    expect(
      extensionNeedsConsent(clock({ extensions: [legacy] }), definition, request.duration),
    ).toBe(true);
    expect(deriveDue(clock({ extensions: [legacy] }), definition).due).toBe('2026-04-20');
  });

  it('moves the due date only for an effective extension and says what a pending one waits for', () => {
    const pending = earlier({
      id: 'beslistermijn#1',
      duration: { amount: 4, unit: 'weeks' },
      status: 'pending',
      recordedOn: '2026-04-09',
      noticeTo: ['client', 'subject'],
    });
    const waiting = clock({ extensions: [pending] });
    expect(deriveDue(waiting, definition).due).toBe('2026-04-13');
    expect(explainDueDate(waiting, definition, 'nl')).toBe(
      '13-04-2026 = ontvangen 02-03-2026 + 6 weken; verlenging met 4 weken vastgelegd op 09-04-2026 wacht op bericht aan cliënt, beklaagde vóór 13-04-2026; daarna 11-05-2026',
    );
    expect(
      deriveDue(clock({ extensions: [{ ...pending, status: 'lapsed' }] }), definition).due,
    ).toBe('2026-04-13');
  });
});
