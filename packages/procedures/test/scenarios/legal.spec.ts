// The plain Wkkgz and Awb 9 templates.
import { describe, expect, it } from 'vitest';
import { loadTemplate } from '../../src/templates.js';
import { actors, signedMeeting, Walk } from '../walk.js';

const parts = [{ id: 'p1', summary: 'Medicatie verkeerd gegeven' }];
const decision = {
  outcomes: [{ part: 'p1', outcome: 'gegrond' }],
  reasoning: 'Het protocol is niet gevolgd; wij nemen maatregelen.',
  measures: [{ description: 'Dubbele controle invoeren', owner: 'Teamleider', due: '2026-06-01' }],
};

describe('Wkkgz', () => {
  const procedure = loadTemplate('wkkgz');

  it('a written decision opens a year for the disputes body; after it the case closes by itself', () => {
    const walk = new Walk(procedure, { complainant: 'client', parts }, '2026-03-02')
      .act(actors.manager, 'start-handling', {}, '2026-03-03')
      .act(actors.director, 'record-decision', decision, '2026-04-10');
    expect(walk.explain('geschiltermijn')).toBe('10-04-2027 = oordeel 10-04-2026 + 12 maanden');
    walk.advance('2027-04-10');
    expect(walk.state.closed).toBe(false);
    walk.advance('2027-04-11');
    expect(walk.stage('intern')).toBe('afgehandeld');
    expect(walk.state.closed).toBe(true);
    walk.expectReplays();
  });

  it('the client may take the dispute to the disputes body within that year', () => {
    const walk = new Walk(procedure, { complainant: 'client', parts }, '2026-03-02')
      .act(actors.manager, 'start-handling', {}, '2026-03-03')
      .act(actors.director, 'record-decision', decision, '2026-04-10')
      .act(actors.client, 'submit-dispute', { dispute: 'Ik ben het niet eens.' }, '2026-06-01');
    expect(walk.state.tracks).toMatchObject({
      intern: { status: 'ended' },
      geschil: { stage: 'geschilleninstantie', status: 'active' },
    });
    walk.act(
      actors.commission,
      'dispute-ruling',
      { outcomes: [{ part: 'p1', outcome: 'gegrond' }], reasoning: 'Toegewezen.' },
      '2026-09-01',
    );
    expect(walk.state.closed).toBe(true);
  });

  it('an expired decision term raises a task; a reminder came a week before', () => {
    const walk = new Walk(procedure, { complainant: 'client', parts }, '2026-03-02').advance(
      '2026-04-14',
    );
    expect(walk.events.map((e) => [e.type, e.on])).toEqual([
      ['reminder-due', '2026-04-06'],
      ['clock-changed', '2026-04-14'],
      ['notification-requested', '2026-04-14'],
      ['task-created', '2026-04-14'],
    ]);
  });
});

describe('Awb 9', () => {
  const procedure = loadTemplate('awb9');

  it('hears both the complainant and the employee, or skips that with reasons, then the director responds', () => {
    const heard = new Walk(procedure, { complainant: 'client', parts }, '2026-03-02').act(
      actors.handler,
      'acknowledge',
      {},
      '2026-03-03',
    );
    // Only the complainant was invited: the person complained about was not given a hearing.
    const oneSided = { meetings: [signedMeeting('hearing', '2026-03-10', ['client', 'handler'])] };
    const reasons = heard.refused(
      actors.handler,
      'record-hearing',
      {},
      '2026-03-10',
      'facts-missing',
      oneSided,
    );
    expect(reasons).toEqual([
      'First the minutes of the hearing (invited: client, person complained about) must be signed by everyone present.',
    ]);
    heard
      .fork()
      .act(
        actors.handler,
        'waive-hearing',
        { motivation: 'Klager wil niet gehoord worden.' },
        '2026-03-10',
      );
    // Both invited; the complainant did not come: they had the opportunity (Awb 9:10), and
    // everyone present signed.
    heard.act(actors.handler, 'record-hearing', {}, '2026-03-12', {
      meetings: [
        {
          id: 'hoorzitting-1',
          kind: 'hearing',
          on: '2026-03-10',
          invited: ['client', 'subject', 'handler'],
          present: ['subject', 'handler'],
          minutesSignedOn: '2026-03-12',
        },
      ],
    });
    heard.refused(actors.handler, 'decide', decision, '2026-03-20', 'role-not-allowed');
    heard.act(actors.director, 'decide', decision, '2026-03-20');
    expect(heard.state.closed).toBe(true);
  });
});
