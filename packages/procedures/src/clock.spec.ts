import { describe, expect, it } from 'vitest';
import { deriveDue, explainDueDate, extensionProblems, startClock } from './clock.js';
import type { ClockDefinition } from './definition.schema.js';
import type { ClockState } from './state.js';

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
    noticeSentOn: '2026-04-09',
    noticeSentTo: ['client' as const],
  };

  it.each<
    [string, Partial<ClockState>, Partial<typeof request> & { consentRecordedOn?: string }, number]
  >([
    ['first extension with notice before the deadline', {}, {}, 0],
    ['notice on the due date itself', {}, { noticeSentOn: '2026-04-13' }, 0],
    ['notice after the deadline', {}, { noticeSentOn: '2026-04-14' }, 1],
    ['longer than the rule allows', {}, { duration: { amount: 5, unit: 'weeks' } }, 1],
    [
      'longer, with consent',
      {},
      { duration: { amount: 5, unit: 'weeks' }, consentRecordedOn: '2026-04-08' },
      0,
    ],
    ['notice not sent to the client', {}, { noticeSentTo: [] }, 1],
    [
      'a second extension without consent',
      {
        extensions: [
          {
            duration: { amount: 1, unit: 'weeks' },
            noticeSentOn: '2026-04-01',
            noticeSentTo: ['client'],
            recordedOn: '2026-04-01',
          },
        ],
      },
      {},
      1,
    ],
    [
      'a second extension with consent',
      {
        extensions: [
          {
            duration: { amount: 1, unit: 'weeks' },
            noticeSentOn: '2026-04-01',
            noticeSentTo: ['client'],
            recordedOn: '2026-04-01',
          },
        ],
      },
      { consentRecordedOn: '2026-04-05' },
      0,
    ],
    ['a stopped clock', { status: 'stopped' }, {}, 1],
  ])('%s', (_name, state, change, count) => {
    expect(
      extensionProblems(clock(state), definition, { ...request, ...change }, '2026-04-20'),
    ).toHaveLength(count);
  });
});
