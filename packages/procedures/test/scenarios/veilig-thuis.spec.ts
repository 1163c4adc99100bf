// Seed 001 (Veilig Thuis), walked through its three steps.
import { describe, expect, it } from 'vitest';
import { loadTemplate } from '../../src/templates.js';
import { actors, Walk } from '../walk.js';

const procedure = loadTemplate('veilig-thuis');
const parts = [
  { id: 'p1', summary: 'Het gesprek was eenzijdig' },
  { id: 'p2', summary: 'Informatie is niet met mij gedeeld' },
];
const failed = {
  'held-on': '2026-03-10',
  report: 'Geen overeenstemming.',
  result: 'niet-opgelost',
};
const ruling = {
  outcomes: [
    { part: 'p1', outcome: 'gegrond' },
    { part: 'p2', outcome: 'ongegrond' },
  ],
  reasoning: 'De commissie heeft beide partijen gehoord.',
};

function signal(): Walk {
  return new Walk(procedure, { complainant: 'client', parts }, '2026-03-02');
}

describe('Veilig Thuis: signaal, bemiddeling, externe klachtencommissie', () => {
  it('a signal solved together with the employee ends there', () => {
    const walk = signal().act(
      actors.otherHandler,
      'resolve-together',
      { solution: 'Uitgesproken en afspraken gemaakt.' },
      '2026-03-03',
    );
    expect(walk.outcomes()).toEqual({
      p1: 'opgelost-door-bemiddeling',
      p2: 'opgelost-door-bemiddeling',
    });
    expect(walk.state.closed).toBe(true);
  });

  it('then the leidinggevende, then mediation; a failed mediation opens the way to the commission', () => {
    const walk = signal()
      .act(actors.client, 'request-manager-talk', {}, '2026-03-03')
      .act(actors.confidantSubmit, 'request-mediation', {}, '2026-03-05');
    expect(walk.stage('intern')).toBe('bemiddeling');
    walk.act(actors.handler, 'record-mediation', failed, '2026-03-10');
    expect(walk.stage('intern')).toBe('bemiddeling-mislukt');
    expect(walk.state.flags['bemiddeling-gehad']).toBe(true);
    // Through the complaints mediator (the assigned handler), as the text allows.
    walk.act(
      actors.handler,
      'file-with-commission',
      { complaint: 'Schriftelijke klacht' },
      '2026-03-12',
    );
    expect(walk.state.tracks.intern?.status).toBe('ended');
    expect(walk.available(actors.commission, '2026-03-13')).toEqual(['take-up-complaint']);
    walk.act(actors.commission, 'take-up-complaint', {}, '2026-03-13');
    walk.refused(
      actors.commission,
      'commission-ruling',
      {
        ...ruling,
        outcomes: [
          { part: 'p1', outcome: 'deels-gegrond' },
          { part: 'p2', outcome: 'ongegrond' },
        ],
      },
      '2026-04-01',
      'invalid-input',
    );
    walk.act(actors.commission, 'commission-ruling', ruling, '2026-04-01');
    expect(walk.outcomes()).toEqual({ p1: 'gegrond', p2: 'ongegrond' });
    expect(walk.state.closed).toBe(true);
    walk.expectReplays();
  });

  it('without mediation the commission first checks whether mediation is still possible, and waits for it', () => {
    const walk = signal().act(
      actors.confidantSubmit,
      'file-with-commission',
      { complaint: 'Samen met de vertrouwenspersoon' },
      '2026-03-03',
    );
    expect(walk.available(actors.commission, '2026-03-04')).toEqual(['assess-mediation']);
    walk.refused(actors.commission, 'take-up-complaint', {}, '2026-03-04', 'guard-failed');
    walk.act(
      actors.commission,
      'assess-mediation',
      { possible: 'ja', motivation: 'Partijen staan open voor een gesprek.' },
      '2026-03-06',
    );
    expect(walk.state.tracks).toMatchObject({
      intern: { stage: 'bemiddeling', status: 'active' },
      extern: { stage: 'commissie-wacht-op-bemiddeling', status: 'active' },
    });
    walk.refused(actors.commission, 'resume-after-mediation', {}, '2026-03-07', 'guard-failed');
    walk.act(actors.handler, 'record-mediation', failed, '2026-03-10');
    walk.act(actors.commission, 'resume-after-mediation', {}, '2026-03-11');
    expect(walk.state.tracks.intern?.status).toBe('ended');
    expect(walk.stage('extern')).toBe('commissie-behandeling');
  });

  it('when the commission finds mediation no longer possible, it takes the complaint up itself', () => {
    const walk = signal().act(
      actors.client,
      'file-with-commission',
      { complaint: 'Zelf ingediend' },
      '2026-03-03',
    );
    walk.refused(
      actors.commission,
      'assess-mediation',
      { possible: 'nee', motivation: 'kort' },
      '2026-03-06',
      'invalid-input',
    );
    walk.act(
      actors.commission,
      'assess-mediation',
      { possible: 'nee', motivation: 'De verhouding is te zeer verstoord voor bemiddeling.' },
      '2026-03-06',
    );
    expect(walk.stage('extern')).toBe('commissie-behandeling');
    expect(walk.state.tracks.intern?.status).toBe('ended');
    walk.act(actors.commission, 'commission-ruling', ruling, '2026-04-15');
    expect(walk.outcomes()).toEqual({ p1: 'gegrond', p2: 'ongegrond' });
    expect(walk.state.closed).toBe(true);
    walk.expectReplays();
  });

  it('a mediation the commission asked for that succeeds ends the referral too', () => {
    const walk = signal()
      .act(actors.client, 'file-with-commission', { complaint: 'Zelf ingediend' }, '2026-03-03')
      .act(
        actors.commission,
        'assess-mediation',
        { possible: 'ja', motivation: 'Bemiddeling lijkt kansrijk.' },
        '2026-03-06',
      )
      .act(actors.manager, 'record-mediation', { ...failed, result: 'opgelost' }, '2026-03-10');
    // The commission's term stands still while it waits for the mediation.
    expect(walk.state.clocks['commissie-termijn']?.status).toBe('suspended');
    // The complainant confirms the agreement before the commission's track closes on it.
    expect(walk.stage('intern')).toBe('akkoord-bevestigen');
    expect(walk.state.referrals[0]?.active).toBe(true);
    expect(walk.state.closed).toBe(false);
    walk.refused(actors.manager, 'confirm-agreement', {}, '2026-03-11', 'role-not-allowed');
    walk.act(actors.client, 'confirm-agreement', {}, '2026-03-12');
    expect(walk.outcomes()).toEqual({
      p1: 'opgelost-door-bemiddeling',
      p2: 'opgelost-door-bemiddeling',
    });
    expect(walk.state.referrals[0]?.active).toBe(false);
    expect(walk.stage('extern')).toBe('commissie-beeindigd');
    expect(walk.state.closed).toBe(true);
    walk.expectReplays();
  });

  it('an agreement the complainant does not accept is a failed mediation: the waiting commission resumes its term', () => {
    const walk = signal()
      .act(actors.client, 'file-with-commission', { complaint: 'Zelf ingediend' }, '2026-03-03')
      .act(
        actors.commission,
        'assess-mediation',
        { possible: 'ja', motivation: 'Bemiddeling lijkt kansrijk.' },
        '2026-03-06',
      );
    const due = walk.due('commissie-termijn');
    expect(due).toBe('2026-04-14');
    walk
      .act(actors.manager, 'record-mediation', { ...failed, result: 'opgelost' }, '2026-03-10')
      .act(
        actors.client,
        'reject-agreement',
        { why: 'De afspraken gaan niet over het verslag, en daar gaat mijn klacht over.' },
        '2026-03-13',
      );
    expect(walk.stage('intern')).toBe('bemiddeling-mislukt');
    expect(walk.stage('extern')).toBe('commissie-wacht-op-bemiddeling');
    walk.act(actors.commission, 'resume-after-mediation', {}, '2026-03-16');
    expect(walk.stage('extern')).toBe('commissie-behandeling');
    // Suspended from 6 to 16 March: ten days later than it was.
    expect(walk.state.clocks['commissie-termijn']?.status).toBe('running');
    expect(walk.due('commissie-termijn')).toBe('2026-04-24');
    walk.act(actors.commission, 'commission-ruling', ruling, '2026-04-20');
    expect(walk.state.clocks['commissie-termijn']?.status).toBe('stopped');
    expect(walk.state.closed).toBe(true);
    walk.expectReplays();
  });

  it('the confidant needs the "submit" grant to file for the client', () => {
    signal().refused(
      actors.confidantViewOnly,
      'file-with-commission',
      { complaint: 'x' },
      '2026-03-03',
      'role-not-allowed',
    );
  });
});
