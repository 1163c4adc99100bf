// The plain Wkkgz and Awb 9 templates.
import { describe, expect, it } from 'vitest';
import { overdueTerms, pendingNotices } from '../../src/case-queries.js';
import { loadTemplate } from '../../src/templates.js';
import { actors, sentLetter, signedMeeting, Walk } from '../walk.js';

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

  it('an expired decision term raises a task; reminders came two weeks and a week before', () => {
    const walk = new Walk(procedure, { complainant: 'client', parts }, '2026-03-02').advance(
      '2026-04-14',
    );
    expect(walk.events.map((e) => [e.type, e.on])).toEqual([
      ['reminder-due', '2026-03-30'],
      ['reminder-due', '2026-04-06'],
      ['clock-changed', '2026-04-14'],
      ['notification-requested', '2026-04-14'],
      ['task-created', '2026-04-14'],
    ]);
    // Unanswered, it counts as overdue (the dashboard's count) until the decision comes.
    expect(overdueTerms(procedure, walk.state)).toEqual([
      { clock: 'beslistermijn', label: procedure.clocks[0]!.label, due: '2026-04-13' },
    ]);
  });

  it('a calamity the complaint reveals is reported in any stage (Wkkgz art. 11)', () => {
    const walk = new Walk(procedure, { complainant: 'client', parts }, '2026-03-02').act(
      actors.handler,
      'report-calamity',
      { description: 'Verkeerde medicatie leidde tot een ziekenhuisopname.' },
      '2026-03-03',
    );
    expect(walk.state.flags.calamiteit).toBe(true);
    expect(walk.events).toContainEqual(
      expect.objectContaining({ type: 'task-created', for: 'director', due: '2026-03-04' }),
    );
  });
});

describe('Jeugdwet', () => {
  const procedure = loadTemplate('jeugdwet');
  const judgment = {
    outcomes: [{ part: 'p1', outcome: 'gegrond' }],
    reasoning: 'Beide partijen gehoord; het medicatieprotocol is niet gevolgd.',
  };
  const toCommission = () =>
    new Walk(
      procedure,
      { entry: 'klachtencommissie', complainant: 'ouder', category: 'hulpverlening', parts },
      '2026-03-02',
    ).act(actors.commission, 'take-up-complaint', {}, '2026-03-03');

  it('the commission hears both sides, judges within six weeks, and the provider reacts within a month', () => {
    const walk = toCommission();
    expect(walk.state.referrals[0]).toMatchObject({
      commission: 'klachtencommissie',
      active: true,
    });
    expect(walk.due('beslistermijn')).toBe('2026-04-13');
    expect(walk.events).toContainEqual(
      expect.objectContaining({ type: 'notification-requested', to: ['subject'] }),
    );
    // Only the complainant at the hearing: the other side was not heard.
    walk.refused(actors.commission, 'record-hearing', {}, '2026-03-20', 'facts-missing', {
      meetings: [signedMeeting('hearing', '2026-03-20', ['client', 'confidant', 'commission'])],
    });
    walk.refused(actors.commission, 'judge', judgment, '2026-03-20', 'guard-failed');
    walk.act(actors.commission, 'record-hearing', {}, '2026-03-20', {
      meetings: [
        signedMeeting('hearing', '2026-03-20', ['client', 'confidant', 'subject', 'commission']),
      ],
    });
    walk.act(actors.commission, 'judge', judgment, '2026-04-01');
    expect(walk.state.clocks.beslistermijn?.status).toBe('stopped');
    expect(walk.state.referrals[0]?.active).toBe(false);
    expect(walk.stage('commissie')).toBe('reactie-aanbieder');
    expect(walk.due('reactietermijn')).toBe('2026-05-01');
    walk.refused(
      actors.commission,
      'react-without-measures',
      { reasons: 'Het protocol is al aangepast voor de uitspraak.' },
      '2026-04-10',
      'role-not-allowed',
    );
    walk.act(
      actors.director,
      'react-with-measures',
      {
        measures: [{ description: 'Dubbele controle', owner: 'Teamleider', due: '2026-06-01' }],
        reaction: 'Wij volgen het oordeel en voeren een dubbele controle in.',
      },
      '2026-04-10',
    );
    expect(walk.state.closed).toBe(true);
    walk.expectReplays();
  });

  it('a provider that does not react within the month is told so, with the complainant and the commission', () => {
    const walk = toCommission()
      .act(actors.commission, 'record-hearing', {}, '2026-03-20', {
        meetings: [signedMeeting('hearing', '2026-03-20', ['client', 'subject', 'commission'])],
      })
      .act(actors.commission, 'judge', judgment, '2026-04-01')
      .advance('2026-05-02');
    expect(walk.events).toContainEqual(
      expect.objectContaining({
        type: 'notification-requested',
        to: ['client', 'director', 'commission'],
      }),
    );
    expect(walk.state.clocks.reactietermijn?.status).toBe('expired');
    expect(walk.available(actors.director, '2026-05-04')).toContain('react-with-measures');
  });

  it('the commission may deviate from the term with reasons, told to both sides before it ends', () => {
    const walk = toCommission().act(
      actors.commission,
      'extend-decision-term',
      { extension: { amount: 3, unit: 'weeks', reason: 'De medewerker is pas in mei te horen.' } },
      '2026-04-01',
    );
    expect(pendingNotices(procedure, walk.state)[0]?.noticeTo).toEqual(['client', 'subject']);
    walk.advance('2026-04-02', {
      letters: [sentLetter('extension', '2026-04-02', ['client', 'subject'])],
    });
    expect(walk.due('beslistermijn')).toBe('2026-05-04');
  });

  it('mediation by the complaints officer comes first, informally: the term starts at the commission', () => {
    const walk = new Walk(
      procedure,
      { entry: 'klachtenfunctionaris', complainant: 'jeugdige', category: 'bejegening', parts },
      '2026-03-02',
    );
    expect(walk.state.clocks.beslistermijn).toBeUndefined();
    walk.act(
      actors.confidantSubmit,
      'submit-to-commission',
      { complaint: 'De bemiddeling heeft niet geholpen.' },
      '2026-03-16',
    );
    expect(walk.stage('commissie')).toBe('ontvangen');
    expect(walk.due('beslistermijn')).toBe('2026-04-28');
    expect(walk.state.referrals[0]?.active).toBe(true);
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
