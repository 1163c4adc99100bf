// Seed 002 (De Kleine Ontmoeting), with the Wkkgz decision term above it.
import { describe, expect, it } from 'vitest';
import { overdueTerms, pendingNotices } from '../../src/case-queries.js';
import { explainClocks } from '../../src/engine.js';
import { loadTemplate } from '../../src/templates.js';
import { actors, sentLetter, Walk } from '../walk.js';

const procedure = loadTemplate('kleine-ontmoeting');
const parts = [{ id: 'p1', summary: 'Mijn dagbesteding werd zonder overleg verplaatst' }];
const conclusion = {
  outcomes: [{ part: 'p1', outcome: 'gegrond' }],
  conclusion: 'Na overleg met de directie: de wijziging had besproken moeten worden.',
  measures: [
    { description: 'Wijzigingen voortaan vooraf bespreken', owner: 'Directie', due: '2026-04-30' },
  ],
};

/** Filed with the client's answer to "do you want to hear what was done with it?". */
function received(wantsFeedback = false): Walk {
  return new Walk(
    procedure,
    { complainant: 'client', parts, flags: { 'wil-terugkoppeling': wantsFeedback } },
    '2026-03-02',
  );
}

const actionList = [
  { description: 'Rooster vooraf met ouders delen', owner: 'Begeleider', due: '2026-04-15' },
];

describe('De Kleine Ontmoeting: begeleider, vervolggesprek, twee weken, directie', () => {
  it('starts the Wkkgz decision term on receipt', () => {
    const walk = received();
    expect(walk.explain('beslistermijn')).toBe('13-04-2026 = ontvangen 02-03-2026 + 6 weken');
    expect(walk.clockChanges).toEqual([
      expect.objectContaining({ clock: 'beslistermijn', change: 'started', due: '2026-04-13' }),
    ]);
  });

  it('a second follow-up within two weeks, meanwhile consulting the directie; then conclusion, report form, team meeting and measures', () => {
    const walk = received(true)
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
    // A talk planned beyond the two weeks is refused, with the end of the term.
    const late = walk.refused(
      actors.handler,
      'plan-second-talk',
      { 'planned-on': '2026-03-26' },
      '2026-03-12',
      'invalid-input',
    );
    expect(late.join(' ')).toContain('falls after the end of the term (25-03-2026)');
    // Left to run out, the two weeks alert the directie as well as the begeleider.
    const overdue = walk.fork().advance('2026-03-26');
    expect(overdue.events).toContainEqual(
      expect.objectContaining({
        type: 'notification-requested',
        to: ['client', 'handler', 'director'],
      }),
    );
    walk.act(actors.handler, 'plan-second-talk', { 'planned-on': '2026-03-24' }, '2026-03-12');
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
    };
    const reasons = walk.refused(
      actors.director,
      'close-with-measures',
      close,
      '2026-03-25',
      'guard-failed',
    );
    expect(reasons).toHaveLength(3);
    walk.act(
      actors.handler,
      'report-to-directie',
      { form: ['doc-meldingsformulier'] },
      '2026-03-25',
    );
    // The team meeting discusses it only once it is on the agenda, with an action list.
    walk.refused(
      actors.director,
      'record-team-feedback',
      { minutes: ['doc-notulen'] },
      '2026-03-26',
      'guard-failed',
    );
    walk.refused(
      actors.handler,
      'put-on-team-agenda',
      { 'meeting-on': '2026-03-30' },
      '2026-03-26',
      'missing-input',
    );
    walk.act(
      actors.handler,
      'put-on-team-agenda',
      { 'meeting-on': '2026-03-30', actions: actionList },
      '2026-03-26',
    );
    expect(walk.events).toContainEqual(
      expect.objectContaining({ type: 'notification-requested', to: ['director'] }),
    );
    walk.act(actors.director, 'record-team-feedback', { minutes: ['doc-notulen'] }, '2026-03-30');
    // The client asked for feedback at filing: the directie gives it before closing.
    expect(
      walk.refused(actors.director, 'close-with-measures', close, '2026-03-30', 'guard-failed'),
    ).toEqual(['The client wants to hear what was done with the complaint: feed that back first.']);
    walk.act(
      actors.director,
      'give-feedback',
      { how: 'gesprek', feedback: 'Roosterwijzigingen bespreken wij voortaan vooraf met u.' },
      '2026-03-31',
    );
    expect(walk.events).toContainEqual(
      expect.objectContaining({ type: 'notification-requested', to: ['client'] }),
    );
    walk.act(actors.director, 'close-with-measures', close, '2026-03-31');
    expect(walk.state.measures.map((m) => m.description)).toEqual([
      'Wijzigingen voortaan vooraf bespreken',
      'Rooster vooraf met ouders delen',
      'Teaminstructie',
    ]);
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
      .act(
        actors.handler,
        'put-on-team-agenda',
        { 'meeting-on': '2026-03-16', actions: actionList },
        '2026-03-12',
      )
      .act(actors.director, 'record-team-feedback', { minutes: ['doc-notulen'] }, '2026-03-16');
    expect(walk.available(actors.director, '2026-03-16')).not.toContain('give-feedback');
    // The client may still ask for it later; then closing waits for it.
    const later = walk.fork().act(actors.client, 'ask-for-feedback', {}, '2026-03-16');
    expect(later.available(actors.director, '2026-03-17')).toContain('give-feedback');
    later.refused(actors.director, 'close-with-measures', {}, '2026-03-17', 'guard-failed');
    walk.act(actors.director, 'close-with-measures', {}, '2026-03-16');
    expect(walk.events).not.toContainEqual(
      expect.objectContaining({ type: 'notification-requested', to: ['client'] }),
    );
    expect(walk.state.closed).toBe(true);
  });

  it('extends once by 4 weeks once the letter with the reason reached the client before the deadline; further only with the client’s own consent', () => {
    const walk = received().act(
      actors.handler,
      'plan-follow-up',
      { 'planned-on': '2026-03-11' },
      '2026-03-03',
    );
    const reason = 'De medewerker is ziek; het vervolggesprek kan pas over drie weken.';
    // The notice and the consent are no inputs: typed, they are ignored; a reason is required.
    walk.refused(
      actors.handler,
      'extend-decision-term',
      {
        extension: {
          amount: 4,
          unit: 'weeks',
          noticeSentOn: '2026-04-09',
          noticeSentTo: ['client'],
        },
      },
      '2026-04-09',
      'invalid-input',
    );
    walk.act(
      actors.handler,
      'extend-decision-term',
      { extension: { amount: 4, unit: 'weeks', reason } },
      '2026-04-09',
    );
    // Recorded, but not in effect: the case shows the notice it still owes.
    expect(walk.due('beslistermijn')).toBe('2026-04-13');
    expect(walk.events).toContainEqual({
      type: 'extension-pending',
      on: '2026-04-09',
      clock: 'beslistermijn',
      extension: 'beslistermijn#1',
      before: '2026-04-13',
      newDue: '2026-05-11',
      needsConsent: false,
      noticeTo: ['client'],
    });
    expect(pendingNotices(procedure, walk.state)).toEqual([
      expect.objectContaining({
        extension: 'beslistermijn#1',
        reason,
        before: '2026-04-13',
        newDue: '2026-05-11',
        needsConsent: false,
        noticeTo: ['client'],
        sentTo: [],
      }),
    ]);
    expect(walk.explain('beslistermijn', 'en')).toBe(
      '13-04-2026 = received 02-03-2026 + 6 weeks; extension by 4 weeks recorded on 09-04-2026 waiting for notice to client before 13-04-2026; then 11-05-2026',
    );
    // One at a time.
    walk.refused(
      actors.handler,
      'extend-decision-term',
      { extension: { amount: 1, unit: 'weeks', reason } },
      '2026-04-09',
      'extension-not-allowed',
    );
    // A letter to someone else is no notice to the client; the one to the client is.
    walk.advance('2026-04-10', { letters: [sentLetter('extension', '2026-04-10', ['subject'])] });
    expect(walk.due('beslistermijn')).toBe('2026-04-13');
    walk.advance('2026-04-10', { letters: [sentLetter('extension', '2026-04-10', ['client'])] });
    expect(walk.due('beslistermijn')).toBe('2026-05-11');
    expect(walk.explain('beslistermijn')).toBe(
      '13-04-2026 = ontvangen 02-03-2026 + 6 weken; verlengd met 4 weken op 10-04-2026 → 11-05-2026',
    );
    expect(walk.clockChanges).toEqual([
      expect.objectContaining({ clock: 'beslistermijn', change: 'extended', due: '2026-05-11' }),
    ]);
    expect(pendingNotices(procedure, walk.state)).toEqual([]);

    // A second extension needs the client's consent, then its notice.
    walk.act(
      actors.handler,
      'extend-decision-term',
      { extension: { amount: 2, unit: 'weeks', reason: 'Het gesprek met de directie is verzet.' } },
      '2026-05-04',
    );
    expect(pendingNotices(procedure, walk.state)[0]).toMatchObject({
      needsConsent: true,
      consentGiven: false,
      before: '2026-05-11',
    });
    expect(walk.available(actors.client, '2026-05-05')).toContain('consent-to-extension');
    for (const other of [actors.handler, actors.director, actors.confidantSubmit]) {
      walk.refused(
        other,
        'consent-to-extension',
        { answer: 'ja' },
        '2026-05-05',
        'role-not-allowed',
      );
    }
    // The letter alone does not do it.
    const notice = { letters: [sentLetter('extension', '2026-05-05', ['client'])] };
    walk.advance('2026-05-05', notice);
    expect(walk.due('beslistermijn')).toBe('2026-05-11');
    walk.act(actors.client, 'consent-to-extension', { answer: 'ja' }, '2026-05-06', notice);
    // 11-05 + 2 weeks is Whit Monday (25-05-2026), so the term runs to Tuesday.
    expect(walk.due('beslistermijn')).toBe('2026-05-26');
    expect(walk.explain('beslistermijn')).toContain(
      'verlengd met 2 weken op 05-05-2026 met toestemming van de cliënt van 06-05-2026 → 25-05-2026; 25-05-2026 valt op Tweede Pinksterdag → volgende werkdag 26-05-2026',
    );
    expect(walk.state.clocks.beslistermijn?.extensions[1]).toMatchObject({
      status: 'effective',
      consent: { on: '2026-05-06', via: 'portal' },
      notice: { sentOn: '2026-05-05', to: ['client'] },
      settledOn: '2026-05-06',
    });
    walk.expectReplays();
  });

  it('a further extension may rest on a consent document instead; the client may also refuse', () => {
    const walk = received()
      .act(
        actors.handler,
        'extend-decision-term',
        { extension: { amount: 4, unit: 'weeks', reason: 'Eerste verlenging, met reden.' } },
        '2026-04-01',
      )
      .advance('2026-04-01', { letters: [sentLetter('extension', '2026-04-01', ['client'])] })
      .act(
        actors.handler,
        'extend-decision-term',
        { extension: { amount: 1, unit: 'weeks', reason: 'Tweede verlenging, met reden.' } },
        '2026-05-04',
      );
    const refusing = walk.fork();
    refusing.act(actors.client, 'consent-to-extension', { answer: 'nee' }, '2026-05-05');
    expect(refusing.state.clocks.beslistermijn?.extensions[1]?.status).toBe('declined');
    expect(refusing.due('beslistermijn')).toBe('2026-05-11');
    expect(refusing.available(actors.client, '2026-05-05')).not.toContain('consent-to-extension');
    // The signed consent form, uploaded and marked by staff, and the letter.
    walk.advance('2026-05-06', {
      consents: [{ id: 'doc-toestemming', kind: 'extension', givenOn: '2026-05-05' }],
      letters: [sentLetter('extension', '2026-05-06', ['client'])],
    });
    expect(walk.due('beslistermijn')).toBe('2026-05-18');
    expect(walk.state.clocks.beslistermijn?.extensions[1]?.consent).toEqual({
      on: '2026-05-05',
      via: 'document',
      ref: 'doc-toestemming',
    });
    walk.expectReplays();
  });

  it('an extension whose letter was not sent before the deadline lapses: the term runs out and is overdue', () => {
    const walk = received();
    const extension = {
      amount: 4,
      unit: 'weeks',
      reason: 'Wij wachten op het verslag van het team.',
    };
    // Recorded on the last day: the letter must go out the same day.
    walk.act(actors.handler, 'extend-decision-term', { extension }, '2026-04-13');
    // The server may learn of the letter later: what counts is the day it was sent.
    const inTime = walk.fork().advance('2026-04-20', {
      letters: [sentLetter('extension', '2026-04-13', ['client'])],
    });
    expect(inTime.due('beslistermijn')).toBe('2026-05-11');
    expect(inTime.state.clocks.beslistermijn?.status).toBe('running');
    // Sent a day late: the extension lapses on the day the term runs out.
    walk.advance('2026-04-14', { letters: [sentLetter('extension', '2026-04-14', ['client'])] });
    expect(walk.state.clocks.beslistermijn).toMatchObject({
      status: 'expired',
      endedOn: '2026-04-14',
    });
    expect(walk.state.clocks.beslistermijn?.extensions[0]).toMatchObject({
      status: 'lapsed',
      settledOn: '2026-04-14',
    });
    expect(walk.events).toContainEqual({
      type: 'extension-settled',
      on: '2026-04-14',
      clock: 'beslistermijn',
      extension: 'beslistermijn#1',
      status: 'lapsed',
    });
    expect(explainClocks(procedure, walk.state, 'en')[0]).toMatchObject({ overdue: true });
    expect(overdueTerms(procedure, walk.state)).toEqual([
      { clock: 'beslistermijn', label: procedure.clocks[0]!.label, due: '2026-04-13' },
    ]);
    walk.refused(
      actors.handler,
      'extend-decision-term',
      { extension },
      '2026-04-14',
      'extension-not-allowed',
    );
    walk.expectReplays();
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
