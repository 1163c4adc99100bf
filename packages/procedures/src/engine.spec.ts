import { describe, expect, it } from 'vitest';
import {
  advanceTime,
  applyAction,
  attentionDate,
  availableActions,
  endReferral,
  fileCase,
  nameSubject,
  nextWakeUp,
  replay,
} from './engine.js';
import type { Actor, CaseState } from './state.js';
import { templateSource, templates } from './templates.js';
import { loadProcedure } from './validate.js';

const wkkgz = templates.wkkgz;
const client: Actor = { roles: ['client'], relationships: [{ kind: 'client' }] };
const manager: Actor = { roles: ['manager'], relationships: [] };
const parts = [{ summary: 'Lang gewacht op een afspraak' }];

function filed(at: string): CaseState {
  const result = fileCase(wkkgz, { complainant: 'client', parts }, at);
  if (!result.ok) throw new Error(result.refusal.code);
  return result.state;
}

describe('time in Europe/Amsterdam', () => {
  it.each([
    // 00:30 CEST on the Monday after the spring change: already the 30th in Amsterdam.
    ['2026-03-29T22:30:00Z', '2026-03-30', '2026-05-11'],
    // 23:30 CET on the day of the autumn change: still the 25th.
    ['2026-10-25T22:30:00Z', '2026-10-25', '2026-12-07'],
    // 23:30 CEST, the evening before the spring change.
    ['2026-03-28T22:30:00Z', '2026-03-28', '2026-05-11'],
  ])('a complaint registered at %s is received on %s, decision due %s', (at, on, due) => {
    const state = filed(at);
    expect(state.receivedOn).toBe(on);
    expect(state.clocks.beslistermijn?.due).toBe(due);
  });

  it('a term expires at Amsterdam midnight after its last day, across the autumn change', () => {
    // 14-09-2026 + 6 weeks = Monday 26-10-2026, the day after the clocks go back.
    const state = filed('2026-09-14T08:00:00Z');
    expect(state.clocks.beslistermijn?.due).toBe('2026-10-26');
    // 23:59 CET on the 26th: still the last day (only the reminders two weeks and a week before
    // have come).
    const lastDay = advanceTime(wkkgz, state, '2026-10-26T22:59:00Z');
    expect(lastDay.state.clocks.beslistermijn?.status).toBe('running');
    expect(lastDay.events.map((e) => [e.type, e.on])).toEqual([
      ['reminder-due', '2026-10-12'],
      ['reminder-due', '2026-10-19'],
    ]);
    const expired = advanceTime(wkkgz, lastDay.state, '2026-10-26T23:00:00Z');
    expect(expired.state.clocks.beslistermijn).toMatchObject({
      status: 'expired',
      endedOn: '2026-10-27',
    });
  });

  it('refuses a moment before the last change and changes nothing', () => {
    const state = filed('2026-03-02T12:00:00Z');
    const result = applyAction(wkkgz, state, manager, 'start-handling', {}, '2026-03-02T11:00:00Z');
    expect(result.ok ? undefined : result.refusal.code).toBe('time-went-backwards');
    expect(state.version).toBe(1);
  });
});

describe('refusals and history', () => {
  it('a refusal after a term fell due neither stores the expiry nor touches the input state', () => {
    const state = filed('2026-03-02T12:00:00Z');
    const before = structuredClone(state);
    const result = applyAction(wkkgz, state, client, 'start-handling', {}, '2026-04-20T12:00:00Z');
    expect(result.ok ? undefined : result.refusal.code).toBe('role-not-allowed');
    expect(state).toEqual(before);
    // Offered actions are computed on the advanced state, without storing it either.
    expect(availableActions(wkkgz, state, manager, '2026-04-20T12:00:00Z')).not.toHaveLength(0);
    expect(state).toEqual(before);
  });

  it('refuses a payload key that is no input of the action, a claim above all, and stores nothing', () => {
    const state = filed('2026-03-02T12:00:00Z');
    const before = structuredClone(state);
    for (const [key, value] of [
      ['signedBy', [{ participant: 'client', name: 'K. Lant' }]],
      ['clientApproves', true],
      ['consent', 'ja'],
      ['noticeSentOn', '2026-03-03'],
    ] as const) {
      const result = applyAction(
        wkkgz,
        state,
        client,
        'withdraw',
        { reason: 'Opgelost', [key]: value },
        '2026-03-03T12:00:00Z',
      );
      expect(result.ok ? undefined : result.refusal).toMatchObject({
        code: 'unknown-input',
        reasons: [
          { input: key, message: { en: expect.stringContaining('never from what someone types') } },
        ],
      });
    }
    expect(state).toEqual(before);
    // Its own inputs alone are taken, kept in the history as sent, and replay.
    const result = applyAction(
      wkkgz,
      state,
      client,
      'withdraw',
      { reason: 'Opgelost' },
      '2026-03-03T12:00:00Z',
    );
    if (!result.ok) throw new Error(result.refusal.code);
    expect(result.state.history.at(-1)).toMatchObject({
      kind: 'action',
      payload: { reason: 'Opgelost' },
    });
    expect(replay(wkkgz, result.state.history)).toEqual(result.state);
  });

  it('refuses a typed sign-off of a procedure published before facts, filled in or not', () => {
    const old = templateSource('wkkgz') as { actions: { id: string; inputs: unknown[] }[] };
    old.actions
      .find((a) => a.id === 'withdraw')!
      .inputs.push({
        kind: 'sign-off',
        id: 'signed',
        label: { nl: 'Ondertekend', en: 'Signed' },
        participants: ['client'],
      });
    const legacy = loadProcedure(old);
    const filedLegacy = fileCase(legacy, { complainant: 'client', parts }, '2026-03-02T12:00:00Z');
    if (!filedLegacy.ok) throw new Error(filedLegacy.refusal.code);
    for (const signed of [
      undefined,
      [{ participant: 'client', name: 'K. Lant', signedOn: '2026-03-03' }],
    ]) {
      const result = applyAction(
        legacy,
        filedLegacy.state,
        client,
        'withdraw',
        { reason: 'Opgelost', ...(signed ? { signed } : {}) },
        '2026-03-03T12:00:00Z',
      );
      expect(result.ok ? undefined : result.refusal).toMatchObject({
        code: 'claim-not-fact',
        reasons: [{ input: 'signed' }],
      });
    }
  });
});

describe('a referral that ends outside the procedure', () => {
  // MO, but the client may go to the commission again once a referral has ended (no guard).
  const mo = {
    ...templates.mo,
    actions: templates.mo.actions.map((action) =>
      action.id === 'file-external' ? { ...action, guards: [] } : action,
    ),
  };
  const at = (day: string) => `${day}T10:00:00Z`;
  const doorgaan = { internal: 'doorgaan' };
  function referred(): CaseState {
    const filing = fileCase(
      mo,
      {
        entry: 'informeel',
        complainant: mo.eligibility.complainants[0]!.id,
        eventDate: '2026-03-01',
        category: mo.filing.categories[0]?.id,
        parts,
      },
      at('2026-03-02'),
    );
    if (!filing.ok) throw new Error(filing.refusal.code);
    const external = applyAction(
      mo,
      filing.state,
      client,
      'file-external',
      doorgaan,
      at('2026-03-03'),
    );
    if (!external.ok) throw new Error(external.refusal.code);
    return external.state;
  }

  it('is ended in the state, replays, and a later referral refers again', () => {
    const state = referred();
    expect(state.referrals).toEqual([
      { commission: 'externe-klachtencommissie', since: '2026-03-03', active: true },
    ]);
    const ended = endReferral(mo, state, 'externe-klachtencommissie', at('2026-09-01'));
    expect(ended.changed).toBe(true);
    expect(ended.state.version).toBe(state.version + 1);
    expect(ended.state.referrals.map((r) => r.active)).toEqual([false]);
    expect(ended.events.filter((e) => e.type === 'referral-ended')).toHaveLength(1);
    expect(replay(mo, ended.state.history)).toEqual(ended.state);
    const again = applyAction(mo, ended.state, client, 'file-external', doorgaan, at('2026-09-02'));
    if (!again.ok) throw new Error(again.refusal.code);
    expect(again.events.map((e) => e.type)).toContain('referred');
    expect(again.state.referrals.map((r) => r.active)).toEqual([false, true]);
  });

  it('changes nothing without an active referral to that commission', () => {
    const state = referred();
    const other = endReferral(mo, state, 'another-commission', at('2026-03-04'));
    expect(other).toMatchObject({ changed: false, events: [] });
    expect(other.state).toBe(state);
  });
});

describe('naming whom a complaint is about after filing', () => {
  const mhr = templates['bureau-mhr'];
  const at = (day: string) => `${day}T10:00:00Z`;
  function filedInWords(): CaseState {
    // A client in the portal names the person in words only: no part is about anyone yet.
    const filing = fileCase(
      mhr,
      {
        complainant: mhr.eligibility.complainants[0]!.id,
        eventDate: '2026-11-20',
        parts: [{ summary: 'Mijn begeleider kwam niet' }, { summary: 'Niemand belde terug' }],
      },
      at('2026-11-23'),
    );
    if (!filing.ok) throw new Error(filing.refusal.code);
    return filing.state;
  }

  it('adds the person to the parts named, in a new version that replays', () => {
    const state = filedInWords();
    expect(state.parts.map((part) => part.subjectIds)).toEqual([[], []]);
    const named = nameSubject(mhr, state, 'u-begeleider', ['p1'], at('2026-11-24'));
    expect(named.changed).toBe(true);
    expect(named.state.version).toBe(state.version + 1);
    expect(named.state.parts.map((part) => part.subjectIds)).toEqual([['u-begeleider'], []]);
    expect(named.events).toContainEqual({
      type: 'subject-named',
      on: '2026-11-24',
      subjectId: 'u-begeleider',
      parts: ['p1'],
    });
    expect(replay(mhr, named.state.history)).toEqual(named.state);
    // The original is untouched: the engine works on a copy.
    expect(state.parts[0]!.subjectIds).toEqual([]);
  });

  it('changes nothing when every part named already names them, or the case is closed', () => {
    const named = nameSubject(mhr, filedInWords(), 'u-begeleider', ['p1', 'p2'], at('2026-11-24'));
    const again = nameSubject(mhr, named.state, 'u-begeleider', ['p2'], at('2026-11-25'));
    expect(again).toMatchObject({ changed: false, events: [] });
    expect(again.state).toBe(named.state);
    const unknownPart = nameSubject(mhr, named.state, 'u-ander', ['p9'], at('2026-11-25'));
    expect(unknownPart.changed).toBe(false);
    const closed = { ...named.state, closed: true };
    expect(nameSubject(mhr, closed, 'u-ander', ['p1'], at('2026-11-25')).changed).toBe(false);
  });
});

describe('the date a case needs attention by', () => {
  it('is the next reminder or expiry while the decision term runs, and its due date once it ran out unanswered', () => {
    const state = filed('2026-09-14T08:00:00Z');
    const due = state.clocks.beslistermijn!.due;
    expect(attentionDate(wkkgz, state)).toBe(nextWakeUp(wkkgz, state));
    const expired = advanceTime(wkkgz, state, '2026-11-30T08:00:00Z').state;
    expect(expired.clocks.beslistermijn!.status).toBe('expired');
    // No job waits for an expired term, but the case is overdue until someone decides.
    expect(attentionDate(wkkgz, expired)).toBe(due);
    expect(attentionDate(wkkgz, { ...expired, closed: true })).toBeUndefined();
  });
});
