// Seed 000 (Maatschappelijke Opvang), walked through its text.
import { describe, expect, it } from 'vitest';
import { fileCase } from '../../src/engine.js';
import { loadTemplate } from '../../src/templates.js';
import { actors, noon, Walk } from '../walk.js';

const procedure = loadTemplate('mo');
const parts = [{ id: 'p1', summary: 'Mijn kamer werd zonder overleg doorzocht' }];
const handled = {
  outcomes: [{ part: 'p1', outcome: 'deels-gegrond' }],
  solution: 'Besproken met cliënt en medewerker; voortaan wordt vooraf overlegd.',
  form: ['doc-afhandelingsformulier'],
  measures: [
    {
      description: 'Werkinstructie kamercontrole aanpassen',
      owner: 'Leidinggevende',
      due: '2026-05-01',
    },
  ],
};

function official(): Walk {
  return new Walk(
    procedure,
    { entry: 'officieel', complainant: 'client', category: 'klacht', parts },
    '2026-03-02',
  );
}

describe('MO: klacht, ongenoegen of advies', () => {
  it.each(['klacht', 'ongenoegen', 'advies'])('accepts the feedback category "%s"', (category) => {
    const result = fileCase(
      procedure,
      { complainant: 'client', category, parts },
      noon('2026-03-02'),
    );
    expect(result.ok && result.state.category).toBe(category);
  });

  it.each([
    [undefined, 'missing-input'],
    ['compliment', 'invalid-input'],
  ] as const)('refuses a filing with category %s (%s)', (category, code) => {
    const result = fileCase(
      procedure,
      { complainant: 'client', parts, ...(category ? { category } : {}) },
      noon('2026-03-02'),
    );
    expect(result.ok ? undefined : result.refusal.code).toBe(code);
  });

  it('informal steps first: talking it through can resolve it', () => {
    const walk = new Walk(
      procedure,
      { entry: 'informeel', complainant: 'client', category: 'ongenoegen', parts },
      '2026-03-02',
    );
    expect(walk.stage('intern')).toBe('informeel');
    walk.act(
      actors.handler,
      'resolve-informally',
      { solution: 'Excuses aangeboden en afspraak gemaakt.' },
      '2026-03-04',
    );
    expect(walk.outcomes()).toEqual({ p1: 'opgelost-door-bemiddeling' });
    expect(walk.state.closed).toBe(true);
  });

  it('official complaint: the leidinggevende meets both sides, records a form, the client gets a copy', () => {
    const walk = new Walk(
      procedure,
      { entry: 'informeel', complainant: 'client', category: 'klacht', parts },
      '2026-03-02',
    );
    walk.act(
      actors.confidantSubmit,
      'file-official-complaint',
      { complaint: 'Via het klachtenformulier' },
      '2026-03-05',
    );
    expect(walk.stage('intern')).toBe('leidinggevende');
    walk.refused(
      actors.handler,
      'schedule-meeting',
      { 'meeting-on': '2026-03-12' },
      '2026-03-06',
      'role-not-allowed',
    );
    walk.act(actors.manager, 'schedule-meeting', { 'meeting-on': '2026-03-12' }, '2026-03-06');
    expect(walk.events).toContainEqual(
      expect.objectContaining({ type: 'notification-requested', to: ['client', 'subject'] }),
    );
    walk.refused(
      actors.manager,
      'record-handling',
      { ...handled, form: [] },
      '2026-03-12',
      'invalid-input',
    );
    walk.act(actors.manager, 'record-handling', handled, '2026-03-12');
    expect(walk.stage('intern')).toBe('leidinggevende-afgehandeld');
    expect(walk.events).toContainEqual(
      expect.objectContaining({ type: 'notification-requested', to: ['client'] }),
    );
    walk.act(actors.client, 'accept-handling', {}, '2026-03-16');
    expect(walk.state.closed).toBe(true);
    walk.expectReplays();
  });

  it('disagreement goes to the directeur, who records a ruling with a copy to the client', () => {
    const walk = official()
      .act(actors.manager, 'schedule-meeting', { 'meeting-on': '2026-03-12' }, '2026-03-06')
      .act(actors.manager, 'record-handling', handled, '2026-03-12');
    walk.refused(
      actors.client,
      'appeal-to-director',
      { why: 'kort' },
      '2026-03-16',
      'invalid-input',
    );
    walk.act(
      actors.client,
      'appeal-to-director',
      { why: 'De oplossing voorkomt herhaling niet.' },
      '2026-03-16',
    );
    expect(walk.stage('intern')).toBe('directeur');
    walk.refused(actors.directorSubject, 'director-ruling', {}, '2026-03-20', 'recused');
    walk.act(
      actors.director,
      'director-ruling',
      {
        outcomes: [{ part: 'p1', outcome: 'gegrond' }],
        ruling: 'Na onderzoek is de klacht gegrond.',
        'ruling-document': ['doc-uitspraak'],
      },
      '2026-03-30',
    );
    expect(walk.outcomes()).toEqual({ p1: 'gegrond' });
    expect(walk.state.parts[0]?.decidedBy).toBe('director-ruling');
    expect(walk.state.tracks.intern?.status).toBe('ended');
    // "U hebt altijd het recht ...": the external commission stays open after the ruling.
    expect(walk.stage('extern')).toBe('extern-mogelijk');
    expect(walk.state.closed).toBe(false);
    expect(walk.available(actors.client, '2026-04-02')).toEqual(
      expect.arrayContaining(['file-external', 'no-external-complaint']),
    );
    const external = walk
      .fork()
      .act(actors.client, 'file-external', { internal: 'stoppen' }, '2026-04-10');
    expect(external.stage('extern')).toBe('extern-ingediend');
    expect(external.state.clocks['externe-termijn']?.status).toBe('stopped');
    walk.act(actors.client, 'no-external-complaint', {}, '2026-04-02');
    expect(walk.state.closed).toBe(true);
  });

  it('after the director’s ruling the external route stays open for a year, then the case closes', () => {
    const walk = official()
      .act(actors.manager, 'schedule-meeting', { 'meeting-on': '2026-03-12' }, '2026-03-06')
      .act(actors.manager, 'record-handling', handled, '2026-03-12')
      .act(
        actors.client,
        'appeal-to-director',
        { why: 'Dit voorkomt herhaling niet.' },
        '2026-03-16',
      )
      .act(
        actors.director,
        'director-ruling',
        {
          outcomes: [{ part: 'p1', outcome: 'ongegrond' }],
          ruling: 'Na onderzoek is de klacht ongegrond.',
          'ruling-document': ['doc-uitspraak'],
        },
        '2026-03-30',
      );
    expect(walk.due('externe-termijn')).toBe('2027-03-30');
    walk.advance('2027-03-31');
    expect(walk.stage('extern')).toBe('extern-niet-gebruikt');
    expect(walk.state.closed).toBe(true);
    walk.expectReplays();
  });

  it('the external commission can be used during internal handling: both tracks run', () => {
    const walk = official().act(
      actors.client,
      'file-external',
      { internal: 'doorgaan' },
      '2026-03-03',
    );
    expect(walk.state.tracks).toMatchObject({
      intern: { stage: 'leidinggevende', status: 'active' },
      extern: { stage: 'extern-ingediend', status: 'active' },
    });
    expect(walk.available(actors.manager, '2026-03-04')).toContain('schedule-meeting');
    walk.refused(
      actors.client,
      'file-external',
      { internal: 'doorgaan' },
      '2026-03-04',
      'guard-failed',
    );
    walk.act(
      actors.commission,
      'commission-verdict',
      {
        outcomes: [{ part: 'p1', outcome: 'ongegrond' }],
        reasoning: 'De commissie acht de klacht ongegrond.',
      },
      '2026-04-20',
    );
    expect(walk.state.closed).toBe(false);
    expect(walk.stage('intern')).toBe('leidinggevende');
    // The internal handling decides later; the commission's verdict stays in the part's history.
    walk
      .act(actors.manager, 'schedule-meeting', { 'meeting-on': '2026-04-22' }, '2026-04-21')
      .act(actors.manager, 'record-handling', handled, '2026-04-22');
    expect(walk.outcomes()).toEqual({ p1: 'deels-gegrond' });
    expect(walk.state.parts[0]?.judgments.map((j) => [j.by, j.outcome])).toEqual([
      ['commission-verdict', 'ongegrond'],
      ['record-handling', 'deels-gegrond'],
    ]);
  });

  it('… or instead of it: the internal track stops', () => {
    const walk = official().act(
      actors.client,
      'file-external',
      { internal: 'stoppen' },
      '2026-03-03',
    );
    expect(walk.state.tracks.intern?.status).toBe('ended');
    walk.refused(
      actors.manager,
      'schedule-meeting',
      { 'meeting-on': '2026-03-12' },
      '2026-03-04',
      'not-allowed-in-stage',
    );
    walk.act(
      actors.commission,
      'commission-verdict',
      {
        outcomes: [{ part: 'p1', outcome: 'gegrond' }],
        reasoning: 'De commissie acht de klacht gegrond.',
      },
      '2026-04-20',
    );
    // The organisation still says what it does with the verdict: measures, or none with reasons.
    expect(walk.stage('extern')).toBe('reactie-organisatie');
    expect(walk.due('reactietermijn')).toBe('2026-05-20');
    expect(walk.state.closed).toBe(false);
    walk.refused(
      actors.director,
      'react-without-measures',
      { reasons: 'kort' },
      '2026-05-01',
      'invalid-input',
    );
    const withMeasures = walk.fork().act(
      actors.director,
      'react-with-measures',
      {
        measures: [
          { description: 'Time-outs alleen na gesprek', owner: 'Directie', due: '2026-06-01' },
        ],
        reaction: 'Wij nemen de uitspraak over en passen het time-outbeleid aan.',
      },
      '2026-05-01',
    );
    expect(withMeasures.state.measures.map((m) => m.description)).toEqual([
      'Time-outs alleen na gesprek',
    ]);
    expect(withMeasures.state.closed).toBe(true);
    walk.act(
      actors.director,
      'react-without-measures',
      { reasons: 'De situatie is al opgelost voordat de commissie uitspraak deed.' },
      '2026-05-01',
    );
    expect(walk.state.clocks.reactietermijn?.status).toBe('stopped');
    expect(walk.state.closed).toBe(true);
    walk.expectReplays();
  });

  it('… or straight away, as a referral at filing', () => {
    const walk = new Walk(
      procedure,
      { entry: 'extern', complainant: 'client', category: 'klacht', parts },
      '2026-03-02',
    );
    expect(walk.state.referrals).toEqual([
      { commission: 'externe-klachtencommissie', since: '2026-03-02', active: true },
    ]);
    expect(walk.state.tracks.intern).toBeUndefined();
    expect(walk.available(actors.commission, '2026-03-03')).toEqual(['commission-verdict']);
  });

  it('a calamity can be reported in any stage and the client can withdraw', () => {
    const walk = official().act(
      actors.manager,
      'report-calamity',
      { description: 'Onveilige situatie op de gang.' },
      '2026-03-03',
    );
    expect(walk.state.flags.calamiteit).toBe(true);
    expect(walk.events).toContainEqual(
      expect.objectContaining({ type: 'task-created', for: 'director', due: '2026-03-04' }),
    );
    walk.act(actors.client, 'withdraw', {}, '2026-03-04');
    expect(walk.outcomes()).toEqual({ p1: 'ingetrokken' });
    expect(walk.state.closed).toBe(true);
    walk.refused(
      actors.manager,
      'schedule-meeting',
      { 'meeting-on': '2026-03-12' },
      '2026-03-05',
      'case-closed',
    );
  });
});
