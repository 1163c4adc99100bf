// Seed 003 (Bureau MHR), walked through its text date by date.
import { describe, expect, it } from 'vitest';
import { loadTemplate } from '../../src/templates.js';
import { actors, signedMeeting, Walk } from '../walk.js';

const procedure = loadTemplate('bureau-mhr');
const parts = [
  { id: 'p1', summary: 'De begeleider kwam afspraken niet na' },
  { id: 'p2', summary: 'Ik werd onheus bejegend' },
];
/** The mediation talk of the case record: client, person involved and mediator signed it. */
const talk = (on: string, signedOn = on) => ({
  meetings: [signedMeeting('meeting', on, ['client', 'subject', 'handler'], signedOn)],
});
const motivation = 'De medewerker erkende het probleem niet en er kwam geen afspraak.';

function filedInTime(flags: Record<string, boolean> = {}): Walk {
  return new Walk(
    procedure,
    { complainant: 'client', eventDate: '2026-02-20', parts, flags },
    '2026-03-02',
  );
}

function atWrittenComplaintStage(flags: Record<string, boolean> = {}): Walk {
  return filedInTime(flags)
    .act(actors.handler, 'inform-subject', { 'informed-on': '2026-03-03' }, '2026-03-03')
    .act(
      actors.handler,
      'record-mediation',
      { result: 'mislukt' },
      '2026-03-09',
      talk('2026-03-09'),
    );
}

describe('Bureau MHR: "tot drie maanden na de gebeurtenis"', () => {
  it('warns about an event 3 months and 1 day before filing and holds the case for a reasoned decision', () => {
    const walk = new Walk(
      procedure,
      { complainant: 'client', eventDate: '2026-01-01', parts },
      '2026-04-02',
    );
    expect(walk.state.admissibility.status).toBe('pending');
    const [warning] = walk.state.admissibility.warnings;
    expect(warning?.code).toBe('out-of-time');
    expect(warning?.message.nl).toContain(
      '01-04-2026 = gebeurtenis 01-01-2026 + 3 maanden; ontvangen 02-04-2026 (1 dag te laat)',
    );
    expect(walk.eventTypes()).toContain('filing-warning');
    walk.refused(
      actors.handler,
      'inform-subject',
      { 'informed-on': '2026-04-02' },
      '2026-04-02',
      'awaiting-admissibility-decision',
    );
    expect(walk.available(actors.handler, '2026-04-02')).toEqual([
      'decide-admissibility',
      'report-calamity',
    ]);
    walk.refused(
      actors.handler,
      'decide-admissibility',
      { decision: 'accept', motivation: 'kort' },
      '2026-04-02',
      'invalid-input',
    );
    walk.act(
      actors.handler,
      'decide-admissibility',
      { decision: 'accept', motivation: 'De klager lag in het ziekenhuis.' },
      '2026-04-03',
    );
    expect(walk.state.admissibility).toMatchObject({ status: 'accepted', decidedOn: '2026-04-03' });
    walk.act(actors.handler, 'inform-subject', { 'informed-on': '2026-04-03' }, '2026-04-03');
    expect(walk.stage('intern')).toBe('bemiddeling');
    walk.expectReplays();
  });

  it('accepts an event exactly 3 months before filing without a warning', () => {
    const walk = new Walk(
      procedure,
      { complainant: 'client', eventDate: '2026-01-02', parts },
      '2026-04-02',
    );
    expect(walk.state.admissibility).toEqual({ status: 'not-needed', warnings: [] });
  });

  it('declining a late complaint makes every part niet-ontvankelijk and closes the case, with reasons', () => {
    const walk = new Walk(
      procedure,
      { complainant: 'client', eventDate: '2025-11-01', parts },
      '2026-04-02',
    );
    walk.act(
      actors.director,
      'decide-admissibility',
      { decision: 'decline', motivation: 'Vijf maanden te laat zonder reden.' },
      '2026-04-07',
    );
    expect(walk.outcomes()).toEqual({ p1: 'niet-ontvankelijk', p2: 'niet-ontvankelijk' });
    expect(walk.state.closed).toBe(true);
    expect(walk.state.admissibility.motivation).toBe('Vijf maanden te laat zonder reden.');
  });
});

describe('Bureau MHR: mediation, the written complaint and the directie', () => {
  it('informs the person involved, and never lets them handle it', () => {
    const walk = filedInTime();
    walk.refused(
      actors.handlerSubject,
      'inform-subject',
      { 'informed-on': '2026-03-03' },
      '2026-03-03',
      'recused',
    );
    walk.refused(
      actors.client,
      'inform-subject',
      { 'informed-on': '2026-03-03' },
      '2026-03-03',
      'role-not-allowed',
    );
    walk.refused(
      actors.otherHandler,
      'inform-subject',
      { 'informed-on': '2026-03-03' },
      '2026-03-03',
      'role-not-allowed',
    );
    expect(walk.available(actors.handlerSubject, '2026-03-03')).toEqual([]);
    walk.act(actors.handler, 'inform-subject', { 'informed-on': '2026-03-03' }, '2026-03-03');
    expect(walk.events).toContainEqual(
      expect.objectContaining({ type: 'notification-requested', to: ['subject'] }),
    );
  });

  it('requires the minutes of the mediation talk, signed by everyone present themselves', () => {
    const walk = filedInTime().act(
      actors.handler,
      'inform-subject',
      { 'informed-on': '2026-03-03' },
      '2026-03-03',
    );
    // Offered, but waiting for the minutes: the UI shows what is missing.
    expect(walk.missing(actors.handler, 'record-mediation', '2026-03-09')).toEqual([
      'First the minutes of the talk (invited: client, person complained about) must be signed by everyone present.',
    ]);
    // A typed list of signatures is not believed: it is no input, and is refused as one (ADR 0099).
    const typed = {
      result: 'mislukt',
      signatures: [{ participant: 'subject', name: 'J. Jansen', signedOn: '2026-03-09' }],
    };
    walk.refused(actors.handler, 'record-mediation', typed, '2026-03-09', 'unknown-input');
    const result = { result: 'mislukt' };
    walk.refused(actors.handler, 'record-mediation', result, '2026-03-09', 'facts-missing');
    // Held, but the person involved has not signed yet.
    const unsigned = {
      meetings: [{ ...talk('2026-03-09').meetings[0]!, minutesSignedOn: undefined }],
    };
    walk.refused(
      actors.handler,
      'record-mediation',
      result,
      '2026-03-10',
      'facts-missing',
      unsigned,
    );
    // Signed by all present, but the person involved was never invited: no mediation between them.
    const alone = { meetings: [signedMeeting('meeting', '2026-03-09', ['client', 'handler'])] };
    expect(walk.missing(actors.handler, 'record-mediation', '2026-03-10', alone)).toHaveLength(1);
    walk.refused(actors.handler, 'record-mediation', result, '2026-03-10', 'facts-missing', alone);
    // A hearing's minutes are not those of the talk.
    const hearing = { meetings: [signedMeeting('hearing', '2026-03-09', ['client', 'subject'])] };
    walk.refused(
      actors.handler,
      'record-mediation',
      result,
      '2026-03-10',
      'facts-missing',
      hearing,
    );
    // Minutes signed only tomorrow do not count today.
    walk.refused(
      actors.handler,
      'record-mediation',
      result,
      '2026-03-10',
      'facts-missing',
      talk('2026-03-09', '2026-03-11'),
    );
    // Held on 09-03, the last signature on 11-03, recorded on 12-03: the two weeks run from the talk.
    walk.act(
      actors.handler,
      'record-mediation',
      result,
      '2026-03-12',
      talk('2026-03-09', '2026-03-11'),
    );
    expect(walk.due('schriftelijke-klacht-termijn')).toBe('2026-03-23');
    const entry = walk.state.history.at(-1);
    expect(entry).toMatchObject({
      kind: 'action',
      action: 'record-mediation',
      payload: { result: 'mislukt' },
      facts: talk('2026-03-09', '2026-03-11'),
    });
    walk.expectReplays();
  });

  it('a successful mediation resolves every part and closes the case', () => {
    const walk = filedInTime()
      .act(actors.handler, 'inform-subject', { 'informed-on': '2026-03-03' }, '2026-03-03')
      .act(
        actors.handler,
        'record-mediation',
        { result: 'geslaagd' },
        '2026-03-09',
        talk('2026-03-09'),
      );
    expect(walk.outcomes()).toEqual({
      p1: 'opgelost-door-bemiddeling',
      p2: 'opgelost-door-bemiddeling',
    });
    expect(walk.state.closed).toBe(true);
    expect(walk.stage('intern')).toBe('opgelost');
  });

  it('failed mediation opens a 2-week window for the written complaint, with a motivation', () => {
    const walk = atWrittenComplaintStage();
    expect(walk.stage('intern')).toBe('schriftelijke-klacht');
    expect(walk.due('schriftelijke-klacht-termijn')).toBe('2026-03-23');
    expect(walk.explain('schriftelijke-klacht-termijn')).toBe(
      '23-03-2026 = bemiddeling mislukt 09-03-2026 + 2 weken',
    );
    const complaint = { complaint: 'Mijn schriftelijke klacht.' };
    walk.refused(
      actors.client,
      'submit-written-complaint',
      complaint,
      '2026-03-20',
      'missing-input',
    );
    walk.refused(
      actors.client,
      'submit-written-complaint',
      { ...complaint, 'why-mediation-failed': 'nee' },
      '2026-03-20',
      'invalid-input',
    );
    walk.refused(
      actors.confidantViewOnly,
      'submit-written-complaint',
      { ...complaint, 'why-mediation-failed': motivation },
      '2026-03-20',
      'role-not-allowed',
    );
    walk.act(
      actors.confidantSubmit,
      'submit-written-complaint',
      { ...complaint, 'why-mediation-failed': motivation },
      '2026-03-20',
    );
    expect(walk.stage('intern')).toBe('directie');
    expect(walk.state.clocks['schriftelijke-klacht-termijn']?.status).toBe('stopped');
    expect(walk.explain('antwoord-directie')).toBe('03-04-2026 = ontvangen 20-03-2026 + 2 weken');
  });

  it('the directie’s 2 weeks expire into the bestuur, which gets the same 2 weeks', () => {
    const walk = atWrittenComplaintStage().act(
      actors.client,
      'submit-written-complaint',
      { complaint: 'Klacht', 'why-mediation-failed': motivation },
      '2026-03-20',
    );
    walk.advance('2026-03-31');
    expect(walk.events).toEqual([]);
    // Two working days before Good Friday 03-04-2026: Wednesday 01-04.
    walk.advance('2026-04-01');
    expect(walk.events).toEqual([
      { type: 'reminder-due', on: '2026-04-01', clock: 'antwoord-directie', due: '2026-04-03' },
    ]);
    walk.advance('2026-04-03');
    expect(walk.stage('intern')).toBe('directie');
    walk.advance('2026-04-04');
    expect(walk.stage('intern')).toBe('bestuur');
    expect(walk.eventTypes()).toEqual([
      'clock-changed',
      'stage-entered',
      'clock-changed',
      'notification-requested',
    ]);
    expect(walk.state.clocks['antwoord-directie']).toMatchObject({
      status: 'expired',
      endedOn: '2026-04-04',
    });
    expect(walk.explain('antwoord-bestuur')).toBe(
      '18-04-2026 = ontvangen door het bestuur 04-04-2026 + 2 weken',
    );
    expect(walk.clockChanges.map((c) => [c.clock, c.change, c.due])).toEqual([
      ['antwoord-directie', 'expired', '2026-04-03'],
      ['antwoord-bestuur', 'started', '2026-04-18'],
    ]);
    walk.refused(actors.director, 'answer-directie', {}, '2026-04-06', 'not-allowed-in-stage');
    walk.act(
      actors.director,
      'answer-bestuur',
      {
        outcomes: [
          { part: 'p1', outcome: 'gegrond', reasoning: 'Afspraken zijn twee keer niet nagekomen.' },
          { part: 'p2', outcome: 'ongegrond' },
        ],
        answer: 'Het bestuur oordeelt als volgt, na beide partijen te hebben gehoord.',
        measures: [
          {
            description: 'Planning van afspraken controleren',
            owner: 'Teamleider',
            due: '2026-06-01',
            parts: ['p1'],
          },
        ],
      },
      '2026-04-10',
    );
    expect(walk.outcomes()).toEqual({ p1: 'gegrond', p2: 'ongegrond' });
    expect(walk.state.measures).toEqual([
      {
        id: 'm1',
        description: 'Planning van afspraken controleren',
        owner: 'Teamleider',
        due: '2026-06-01',
        parts: ['p1'],
        recordedOn: '2026-04-10',
      },
    ]);
    expect(walk.state.closed).toBe(true);
    expect(walk.state.clocks['antwoord-bestuur']?.status).toBe('stopped');
    walk.expectReplays();
  });

  it('a bestuur that is late too gets a notice and a task, not a silent step', () => {
    const walk = atWrittenComplaintStage()
      .act(
        actors.client,
        'submit-written-complaint',
        { complaint: 'Klacht', 'why-mediation-failed': motivation },
        '2026-03-20',
      )
      .advance('2026-04-30');
    expect(walk.stage('intern')).toBe('bestuur');
    expect(walk.state.clocks['antwoord-bestuur']?.status).toBe('expired');
    expect(walk.events).toContainEqual({
      type: 'task-created',
      on: '2026-04-19',
      for: 'director',
      label: expect.objectContaining({ nl: 'Klacht beantwoorden: termijn bestuur verstreken' }),
      due: '2026-04-24',
    });
  });

  it('after the 2 weeks the written complaint is refused, the directie may accept it with reasons or the handler closes', () => {
    const walk = atWrittenComplaintStage();
    const reasons = walk.refused(
      actors.client,
      'submit-written-complaint',
      { complaint: 'Klacht', 'why-mediation-failed': motivation },
      '2026-03-24',
      'guard-failed',
    );
    expect(reasons[0]).toContain('(23-03-2026)');
    expect(walk.available(actors.director, '2026-03-24')).toContain(
      'accept-late-written-complaint',
    );
    walk.refused(
      actors.handler,
      'close-without-written-complaint',
      { motivation: 'Geen klacht ontvangen na afloop.' },
      '2026-03-23',
      'guard-failed',
    );
    const late = walk
      .fork()
      .act(
        actors.director,
        'accept-late-written-complaint',
        { complaint: ['doc-late'], motivation: 'Klager was ziek; wij behandelen de klacht toch.' },
        '2026-03-25',
      );
    expect(late.stage('intern')).toBe('directie');
    walk.act(
      actors.handler,
      'close-without-written-complaint',
      { motivation: 'Geen schriftelijke klacht ontvangen.' },
      '2026-03-25',
    );
    expect(walk.stage('intern')).toBe('gesloten');
    expect(walk.outcomes()).toEqual({ p1: 'ingetrokken', p2: 'ingetrokken' });
  });
});

describe('Bureau MHR: the directie answers within two weeks', () => {
  it('answers with a reasoned judgment per part and measures; client and employee are told', () => {
    const walk = atWrittenComplaintStage().act(
      actors.client,
      'submit-written-complaint',
      { complaint: 'Klacht', 'why-mediation-failed': motivation },
      '2026-03-20',
    );
    expect(walk.due('antwoord-directie')).toBe('2026-04-03');
    walk.refused(
      actors.director,
      'answer-directie',
      { outcomes: [{ part: 'p1', outcome: 'gegrond' }], answer: 'Antwoord met redenen.' },
      '2026-04-02',
      'invalid-input',
    );
    walk.act(
      actors.director,
      'answer-directie',
      {
        outcomes: [
          { part: 'p1', outcome: 'gegrond' },
          { part: 'p2', outcome: 'deels-gegrond' },
        ],
        answer: 'De directie heeft beide kanten gehoord en oordeelt als volgt.',
      },
      '2026-04-03',
    );
    expect(walk.outcomes()).toEqual({ p1: 'gegrond', p2: 'deels-gegrond' });
    expect(walk.stage('intern')).toBe('afgehandeld');
    expect(walk.state.clocks['antwoord-directie']).toMatchObject({
      status: 'stopped',
      endedOn: '2026-04-03',
    });
    expect(walk.state.clocks['antwoord-bestuur']).toBeUndefined();
    expect(walk.events).toContainEqual(
      expect.objectContaining({ type: 'notification-requested', to: ['client', 'subject'] }),
    );
    expect(walk.state.closed).toBe(true);
    walk.expectReplays();
  });
});

describe('Bureau MHR: a complaint against the directie', () => {
  const ruling = {
    outcomes: [
      { part: 'p1', outcome: 'deels-gegrond' },
      { part: 'p2', outcome: 'ongegrond' },
    ],
    answer: 'Het bestuur volgt het advies van de onafhankelijke commissie.',
  };

  it('goes to the bestuur, an independent commission formed with mutual approval advises within 30 days, and the bestuur’s term waits', () => {
    const walk = atWrittenComplaintStage({ 'tegen-directie': true });
    walk.act(
      actors.client,
      'submit-written-complaint',
      { complaint: 'Klacht over de directeur', 'why-mediation-failed': motivation },
      '2026-03-16',
    );
    expect(walk.stage('intern')).toBe('bestuur');
    expect(walk.due('antwoord-bestuur')).toBe('2026-03-30');
    walk.refused(actors.directorSubject, 'answer-bestuur', ruling, '2026-03-17', 'recused');

    walk.act(actors.client, 'request-independent-commission', {}, '2026-03-18');
    expect(walk.stage('commissie')).toBe('commissie-samenstellen');
    expect(walk.state.clocks['antwoord-bestuur']?.status).toBe('suspended');
    walk.refused(actors.client, 'request-independent-commission', {}, '2026-03-18', 'guard-failed');

    // Formed with mutual approval: the bestuur proposes, the complainant answers on each member.
    expect(walk.missing(actors.bestuur, 'compose-commission', '2026-03-18')[0]).toContain(
      'propose at least 1 member',
    );
    walk.refused(actors.client, 'compose-commission', {}, '2026-03-18', 'role-not-allowed');
    walk.refused(actors.directie, 'compose-commission', {}, '2026-03-18', 'role-not-allowed');
    walk.act(
      actors.bestuur,
      'propose-commission-members',
      {
        members: [
          { name: 'Mr. A. Jansen', chair: true, independent: true },
          { name: 'B. de Vries', independent: true },
        ],
      },
      '2026-03-18',
    );
    expect(walk.state.members?.['onafhankelijke-commissie']?.map((m) => m.approvals)).toEqual([
      [{ by: 'bestuur', on: '2026-03-18', approve: true }],
      [{ by: 'bestuur', on: '2026-03-18', approve: true }],
    ]);
    expect(walk.missing(actors.bestuur, 'compose-commission', '2026-03-19')).toEqual([
      'The commission has not yet been formed with mutual approval: Mr. A. Jansen awaits approval by: client; B. de Vries awaits approval by: client.',
    ]);
    walk.refused(actors.bestuur, 'compose-commission', {}, '2026-03-19', 'facts-missing');
    // The complainant answers one by one, in the portal; the bestuur cannot answer for them.
    const approve = (member: string, approve = true, reason?: string) => ({
      approval: { member, approve, ...(reason ? { reason } : {}) },
    });
    walk.refused(
      actors.bestuur,
      'approve-commission-member',
      approve('onafhankelijke-commissie#1'),
      '2026-03-19',
      'invalid-input',
    );
    walk.act(
      actors.client,
      'approve-commission-member',
      approve('onafhankelijke-commissie#1'),
      '2026-03-19',
    );
    walk.refused(
      actors.confidantSubmit,
      'approve-commission-member',
      approve('onafhankelijke-commissie#1'),
      '2026-03-19',
      'invalid-input',
    );
    // Refusing needs reasons; the refused member drops out.
    walk.refused(
      actors.confidantSubmit,
      'approve-commission-member',
      approve('onafhankelijke-commissie#2', false),
      '2026-03-19',
      'invalid-input',
    );
    walk.act(
      actors.confidantSubmit,
      'approve-commission-member',
      approve('onafhankelijke-commissie#2', false, 'De heer De Vries kent de directeur privé.'),
      '2026-03-19',
    );
    expect(walk.available(actors.client, '2026-03-19')).not.toContain('approve-commission-member');
    walk.act(actors.bestuur, 'compose-commission', {}, '2026-03-20');
    expect(walk.state.referrals).toEqual([
      {
        commission: 'onafhankelijke-commissie',
        since: '2026-03-20',
        active: true,
        members: ['Mr. A. Jansen'],
      },
    ]);
    expect(walk.due('advies-commissie')).toBe('2026-04-19');

    walk.refused(actors.director, 'answer-bestuur', ruling, '2026-03-25', 'guard-failed');
    walk.advance('2026-04-12');
    expect(walk.events).toEqual([
      { type: 'reminder-due', on: '2026-04-12', clock: 'advies-commissie', due: '2026-04-19' },
    ]);
    walk.refused(
      actors.commissionNotReferred,
      'commission-advice',
      {},
      '2026-04-13',
      'role-not-allowed',
    );
    walk.act(
      actors.commission,
      'commission-advice',
      {
        advice: [
          { part: 'p1', outcome: 'deels-gegrond' },
          { part: 'p2', outcome: 'ongegrond' },
        ],
        reasoning: 'De commissie heeft beide partijen gehoord en adviseert als volgt.',
      },
      '2026-04-13',
    );
    // Suspended from 18-03 to 13-04: 26 days on top of 30-03.
    expect(walk.due('antwoord-bestuur')).toBe('2026-04-25');
    expect(walk.explain('antwoord-bestuur')).toBe(
      '30-03-2026 = ontvangen door het bestuur 16-03-2026 + 2 weken; opgeschort van 18-03-2026 tot 13-04-2026 (+26 dagen) → 25-04-2026',
    );
    expect(walk.state.referrals[0]?.active).toBe(false);
    // The commission advises; the bestuur decides. The advice is kept but is no outcome yet.
    expect(walk.outcomes()).toEqual({ p1: undefined, p2: undefined });
    expect(walk.state.parts[0]?.judgments).toEqual([
      { outcome: 'deels-gegrond', on: '2026-04-13', by: 'commission-advice', advisory: true },
    ]);
    // The bestuur departs from the advice on p2; both the advice and the decision stay on record.
    walk.act(
      actors.director,
      'answer-bestuur',
      {
        ...ruling,
        outcomes: [
          { part: 'p1', outcome: 'deels-gegrond' },
          { part: 'p2', outcome: 'gegrond', reasoning: 'Het bestuur weegt de verklaring anders.' },
        ],
      },
      '2026-04-20',
    );
    expect(walk.outcomes()).toEqual({ p1: 'deels-gegrond', p2: 'gegrond' });
    expect(walk.state.parts[1]?.judgments).toEqual([
      { outcome: 'ongegrond', on: '2026-04-13', by: 'commission-advice', advisory: true },
      {
        outcome: 'gegrond',
        on: '2026-04-20',
        by: 'answer-bestuur',
        reasoning: 'Het bestuur weegt de verklaring anders.',
        advisory: false,
      },
    ]);
    expect(walk.state.closed).toBe(true);
    walk.expectReplays();
  });

  it('asked for before the written complaint, the commission still holds the bestuur’s term until it advises', () => {
    const walk = filedInTime({ 'tegen-directie': true }).act(
      actors.client,
      'request-independent-commission',
      { wish: 'Ik wil een onafhankelijke blik.' },
      '2026-03-02',
    );
    walk
      .act(actors.handler, 'inform-subject', { 'informed-on': '2026-03-03' }, '2026-03-03')
      .act(
        actors.handler,
        'record-mediation',
        { result: 'mislukt' },
        '2026-03-09',
        talk('2026-03-09'),
      )
      .act(
        actors.client,
        'submit-written-complaint',
        { complaint: 'Klacht over de directeur', 'why-mediation-failed': motivation },
        '2026-03-10',
      );
    expect(walk.stage('intern')).toBe('bestuur');
    expect(walk.state.clocks['antwoord-bestuur']).toMatchObject({
      status: 'suspended',
      suspensions: [{ from: '2026-03-10' }],
    });
    walk.advance('2026-04-01');
    expect(walk.state.clocks['antwoord-bestuur']?.status).toBe('suspended');
    walk.act(
      actors.client,
      'cancel-commission',
      { motivation: 'Ik wil toch geen commissie meer, het bestuur mag beslissen.' },
      '2026-04-01',
    );
    // 10-03 + 2 weeks = 24-03, plus the 22 days it waited.
    expect(walk.due('antwoord-bestuur')).toBe('2026-04-15');
    expect(walk.state.flags['commissie-gevraagd']).toBe(false);
    walk.expectReplays();
  });

  it('an advice later than 30 days is flagged to all, and can still be given', () => {
    const walk = atWrittenComplaintStage({ 'tegen-directie': true })
      .act(
        actors.client,
        'submit-written-complaint',
        { complaint: 'Klacht', 'why-mediation-failed': motivation },
        '2026-03-16',
      )
      .act(actors.client, 'request-independent-commission', {}, '2026-03-17')
      .act(
        actors.client,
        'propose-commission-members',
        { members: [{ name: 'Mr. A. Jansen', chair: true, independent: true }] },
        '2026-03-17',
      )
      .act(
        actors.director,
        'approve-commission-member',
        { approval: { member: 'onafhankelijke-commissie#1', approve: true } },
        '2026-03-18',
      )
      .act(actors.director, 'compose-commission', {}, '2026-03-18');
    expect(walk.due('advies-commissie')).toBe('2026-04-17');
    walk.advance('2026-04-18');
    expect(walk.state.clocks['advies-commissie']?.status).toBe('expired');
    expect(walk.events).toContainEqual(
      expect.objectContaining({
        type: 'notification-requested',
        on: '2026-04-18',
        to: ['client', 'director', 'commission'],
      }),
    );
    walk.act(
      actors.commission,
      'commission-advice',
      {
        advice: [
          { part: 'p1', outcome: 'gegrond' },
          { part: 'p2', outcome: 'gegrond' },
        ],
        reasoning: 'Laat, maar met redenen: de commissie adviseert gegrond.',
      },
      '2026-04-20',
    );
    expect(walk.state.clocks['antwoord-bestuur']?.status).toBe('running');
  });

  it('is only routed to a commission when the complaint is against the directie', () => {
    const walk = atWrittenComplaintStage();
    walk.refused(actors.client, 'request-independent-commission', {}, '2026-03-10', 'guard-failed');
  });
});
