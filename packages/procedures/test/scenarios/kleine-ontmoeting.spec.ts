// Seed 002 (De Kleine Ontmoeting), with the Wkkgz decision term above it.
import { describe, expect, it } from 'vitest';
import { loadTemplate } from '../../src/templates.js';
import { actors, Walk } from '../walk.js';

const procedure = loadTemplate('kleine-ontmoeting');
const parts = [{ id: 'p1', summary: 'Mijn dagbesteding werd zonder overleg verplaatst' }];
const conclusion = {
  outcomes: [{ part: 'p1', outcome: 'gegrond' }],
  conclusion: 'Na overleg met de directie: de wijziging had besproken moeten worden.',
  measures: [
    { description: 'Wijzigingen voortaan vooraf bespreken', owner: 'Directie', due: '2026-04-30' },
  ],
};

function received(): Walk {
  return new Walk(procedure, { complainant: 'client', parts }, '2026-03-02');
}

describe('De Kleine Ontmoeting: begeleider, vervolggesprek, twee weken, directie', () => {
  it('starts the Wkkgz decision term on receipt', () => {
    const walk = received();
    expect(walk.explain('beslistermijn')).toBe('13-04-2026 = ontvangen 02-03-2026 + 6 weken');
    expect(walk.clockChanges).toEqual([
      expect.objectContaining({ clock: 'beslistermijn', change: 'started', due: '2026-04-13' }),
    ]);
  });

  it('a second follow-up within two weeks, meanwhile consulting the directie; then conclusion, report form, team meeting and measures', () => {
    const walk = received()
      .act(actors.handler, 'plan-follow-up', { 'planned-on': '2026-03-11' }, '2026-03-03')
      .act(
        actors.handler,
        'not-solved-in-follow-up',
        { 'held-on': '2026-03-11', notes: 'Nog geen oplossing.' },
        '2026-03-11',
      );
    expect(walk.stage('intern')).toBe('tweede-vervolggesprek');
    expect(walk.explain('tweede-gesprek-termijn')).toBe(
      '25-03-2026 = afgesproken 11-03-2026 + 2 weken',
    );
    expect(walk.events).toContainEqual(
      expect.objectContaining({ type: 'task-created', for: 'handler', due: '2026-03-18' }),
    );
    expect(walk.events).toContainEqual(
      expect.objectContaining({ type: 'notification-requested', to: ['director'] }),
    );
    walk.advance('2026-03-23');
    expect(walk.events.map((e) => e.type)).toEqual(['reminder-due']);

    walk.refused(
      actors.handler,
      'record-conclusion',
      { ...conclusion, measures: undefined, conclusion: '' },
      '2026-03-24',
      'missing-input',
    );
    walk.act(actors.handler, 'record-conclusion', conclusion, '2026-03-24');
    expect(walk.state.clocks.beslistermijn?.status).toBe('stopped');
    expect(walk.state.clocks['tweede-gesprek-termijn']?.status).toBe('stopped');
    expect(walk.stage('intern')).toBe('directie-terugkoppeling');

    const close = {
      prevention: [{ description: 'Teaminstructie', owner: 'Directie', due: '2026-05-01' }],
      feedback: 'ja',
    };
    const reasons = walk.refused(
      actors.director,
      'close-with-measures',
      close,
      '2026-03-25',
      'guard-failed',
    );
    expect(reasons).toHaveLength(2);
    walk.act(
      actors.handler,
      'report-to-directie',
      { form: ['doc-meldingsformulier'] },
      '2026-03-25',
    );
    walk.act(actors.director, 'record-team-feedback', { minutes: ['doc-notulen'] }, '2026-03-30');
    walk.act(actors.director, 'close-with-measures', close, '2026-03-30');
    expect(walk.state.measures.map((m) => m.description)).toEqual([
      'Wijzigingen voortaan vooraf bespreken',
      'Teaminstructie',
    ]);
    expect(walk.events).toContainEqual(
      expect.objectContaining({ type: 'notification-requested', to: ['client'] }),
    );
    expect(walk.state.closed).toBe(true);
    walk.expectReplays();
  });

  it('solved straight away: resolved by mediation, still reported to the directie', () => {
    const walk = received().act(
      actors.handler,
      'solve-directly',
      { solution: 'Direct teruggezet.' },
      '2026-03-02',
    );
    expect(walk.outcomes()).toEqual({ p1: 'opgelost-door-bemiddeling' });
    expect(walk.stage('intern')).toBe('directie-terugkoppeling');
    expect(walk.state.closed).toBe(false);
  });

  it('solved in the follow-up talk; the directie closes without feedback when the client does not want it', () => {
    const walk = received()
      .act(actors.handler, 'plan-follow-up', { 'planned-on': '2026-03-11' }, '2026-03-03')
      .act(actors.handler, 'solve-in-follow-up', { solution: 'Rooster aangepast.' }, '2026-03-11');
    expect(walk.outcomes()).toEqual({ p1: 'opgelost-door-bemiddeling' });
    expect(walk.state.clocks.beslistermijn).toMatchObject({
      status: 'stopped',
      endedOn: '2026-03-11',
    });
    expect(walk.stage('intern')).toBe('directie-terugkoppeling');
    walk
      .act(actors.handler, 'report-to-directie', { form: ['doc-meldingsformulier'] }, '2026-03-12')
      .act(actors.director, 'record-team-feedback', { minutes: ['doc-actielijst'] }, '2026-03-16')
      .act(actors.director, 'close-with-measures', { feedback: 'nee' }, '2026-03-16');
    expect(walk.events).not.toContainEqual(
      expect.objectContaining({ type: 'notification-requested', to: ['client'] }),
    );
    expect(walk.state.closed).toBe(true);
  });

  it('extends once by 4 weeks with notice before the deadline; further only with the client’s consent', () => {
    const walk = received().act(
      actors.handler,
      'plan-follow-up',
      { 'planned-on': '2026-03-11' },
      '2026-03-03',
    );
    const late = { amount: 4, unit: 'weeks', noticeSentOn: '2026-04-14', noticeSentTo: ['client'] };
    // A notice dated after the deadline (and after today) does not count.
    const tooLate = walk.refused(
      actors.handler,
      'extend-decision-term',
      { extension: late },
      '2026-04-09',
      'extension-not-allowed',
    );
    expect(tooLate.join(' ')).toContain('before the term ends (13-04-2026)');
    walk.refused(
      actors.handler,
      'extend-decision-term',
      { extension: { ...late, amount: 5, noticeSentOn: '2026-04-09' } },
      '2026-04-09',
      'extension-not-allowed',
    );
    walk.act(
      actors.handler,
      'extend-decision-term',
      { extension: { ...late, noticeSentOn: '2026-04-09' } },
      '2026-04-09',
    );
    expect(walk.explain('beslistermijn')).toBe(
      '13-04-2026 = ontvangen 02-03-2026 + 6 weken; verlengd met 4 weken op 09-04-2026 → 11-05-2026',
    );
    expect(walk.explain('beslistermijn', 'en')).toBe(
      '13-04-2026 = received 02-03-2026 + 6 weeks; extended by 4 weeks on 09-04-2026 → 11-05-2026',
    );
    expect(walk.clockChanges).toEqual([
      expect.objectContaining({ clock: 'beslistermijn', change: 'extended', due: '2026-05-11' }),
    ]);
    const again = {
      amount: 2,
      unit: 'weeks',
      noticeSentOn: '2026-05-04',
      noticeSentTo: ['client'],
    };
    const reasons = walk.refused(
      actors.handler,
      'extend-decision-term',
      { extension: again },
      '2026-05-04',
      'extension-not-allowed',
    );
    expect(reasons.join(' ')).toContain("client's recorded consent");
    walk.act(
      actors.handler,
      'extend-decision-term',
      { extension: { ...again, consentRecordedOn: '2026-05-01' } },
      '2026-05-04',
    );
    // 11-05 + 2 weeks is Whit Monday (25-05-2026), so the term runs to Tuesday.
    expect(walk.due('beslistermijn')).toBe('2026-05-26');
    expect(walk.explain('beslistermijn')).toContain(
      'verlengd met 2 weken op 04-05-2026 met toestemming van de cliënt van 01-05-2026 → 25-05-2026; 25-05-2026 valt op Tweede Pinksterdag → volgende werkdag 26-05-2026',
    );
  });

  it('refuses an extension whose notice was sent after the deadline', () => {
    const walk = received();
    const notice = {
      amount: 4,
      unit: 'weeks',
      noticeSentOn: '2026-04-13',
      noticeSentTo: ['client'],
    };
    // Still on the last day: allowed. Expired the next day: the clock no longer runs.
    walk.fork().act(actors.handler, 'extend-decision-term', { extension: notice }, '2026-04-13');
    walk.refused(
      actors.handler,
      'extend-decision-term',
      { extension: { ...notice, noticeSentOn: '2026-04-14' } },
      '2026-04-14',
      'extension-not-allowed',
    );
    expect(walk.fork().advance('2026-04-14').state.clocks.beslistermijn?.status).toBe('expired');
  });

  it('the client may go straight to Erisietsmisgegaan.nl instead', () => {
    const walk = new Walk(
      procedure,
      { entry: 'extern', complainant: 'client', parts },
      '2026-03-02',
    );
    expect(walk.state.clocks).toEqual({});
    walk.act(
      actors.commission,
      'external-ruling',
      { outcomes: [{ part: 'p1', outcome: 'ongegrond' }], reasoning: 'Uitspraak ongegrond.' },
      '2026-05-01',
    );
    expect(walk.state.closed).toBe(true);
  });

  it('… or later, stopping internal handling and its decision term', () => {
    const walk = received().act(
      actors.client,
      'go-external',
      { internal: 'stoppen' },
      '2026-03-05',
    );
    expect(walk.state.clocks.beslistermijn?.status).toBe('stopped');
    expect(walk.state.tracks.intern?.status).toBe('ended');
    expect(walk.stage('extern')).toBe('extern');
  });
});
