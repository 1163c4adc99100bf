// Seed 004 (Ondersteuningsteam), with Awb chapter 9 above it.
import { describe, expect, it } from 'vitest';
import { fileCase } from '../../src/engine.js';
import type { FileCaseInput } from '../../src/state.js';
import { loadTemplate } from '../../src/templates.js';
import { pendingNotices, readableInputs } from '../../src/case-queries.js';
import { actors, noon, sentLetter, signedMeeting, Walk } from '../walk.js';

const procedure = loadTemplate('ondersteuningsteam');
const parts = [
  { id: 'p1', summary: 'Ik moet te lang wachten op een welkomstgesprek', category: 'wachttijd' },
];

describe('Ondersteuningsteam: who may complain, and until when', () => {
  it.each<[string, Partial<FileCaseInput>, string[]]>([
    [
      'a parent, 6 months after the last contact',
      { complainant: 'ouder', lastContactDate: '2025-09-02' },
      [],
    ],
    [
      'a parent, 6 months and 1 day after the last contact',
      { complainant: 'ouder', lastContactDate: '2025-09-01' },
      ['out-of-time'],
    ],
    [
      'a child, 5 months after the last contact',
      { complainant: 'kind', lastContactDate: '2025-10-02' },
      [],
    ],
    [
      'a partner, 6 months after the event',
      { complainant: 'partner', eventDate: '2025-09-02' },
      [],
    ],
    [
      'a partner, 7 months after the event',
      { complainant: 'partner', eventDate: '2025-08-02' },
      ['out-of-time'],
    ],
    [
      'a partner whose last contact is recent but the event is old',
      { complainant: 'partner', eventDate: '2025-06-01', lastContactDate: '2026-02-01' },
      ['out-of-time'],
    ],
    ['a neighbour', { complainant: 'buurman' }, ['complainant-not-listed']],
    ['a parent without a date of last contact', { complainant: 'ouder' }, ['window-date-missing']],
  ])('%s → %j', (_name, input, codes) => {
    const result = fileCase(
      procedure,
      { complainant: 'ouder', parts, category: 'wachttijd', ...input },
      noon('2026-03-02'),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.state.admissibility.warnings.map((w) => w.code)).toEqual(codes);
    const pending = codes.includes('out-of-time') || codes.includes('complainant-not-listed');
    expect(result.state.admissibility.status).toBe(pending ? 'pending' : 'not-needed');
  });

  it('points a privacy complaint to the FG of the VNG', () => {
    const walk = new Walk(
      procedure,
      { complainant: 'ouder', lastContactDate: '2026-02-01', category: 'persoonsgegevens', parts },
      '2026-03-02',
    );
    expect(walk.events).toContainEqual(
      expect.objectContaining({
        type: 'notification-requested',
        to: ['client'],
        message: expect.objectContaining({ nl: expect.stringContaining('FG@vng.nl') }),
      }),
    );
  });
});

describe('Ondersteuningsteam: handling', () => {
  function filed(flags: Record<string, boolean> = { 'tegen-medewerker': true }): Walk {
    return new Walk(
      procedure,
      {
        entry: 'klachtenformulier',
        complainant: 'ouder',
        lastContactDate: '2026-02-01',
        category: 'bejegening',
        parts,
        flags,
      },
      '2026-03-02',
    );
  }

  it('contacts the complainant and the employee, may hold a hearing, and always tells the complainant and the projectleider', () => {
    const walk = filed();
    walk.act(
      actors.handler,
      'contact-complainant',
      { 'contacted-on': '2026-03-03', notes: 'Telefonisch besproken.' },
      '2026-03-03',
    );
    walk.act(
      actors.handler,
      'contact-employee',
      { 'contacted-on': '2026-03-04', notes: 'Reactie ontvangen.' },
      '2026-03-04',
    );
    // A typed list of who was there is no hearing, and no input either (ADR 0099); the signed
    // minutes of one are.
    walk.refused(
      actors.handler,
      'hold-hearing',
      { present: [{ name: 'Ouder' }, { name: 'Procesbegeleider' }] },
      '2026-03-10',
      'unknown-input',
    );
    walk.refused(actors.handler, 'hold-hearing', {}, '2026-03-10', 'facts-missing');
    // The complaint is about an employee: a hearing of the complainant alone is not enough.
    const missing = walk.refused(
      actors.handler,
      'hold-hearing',
      {},
      '2026-03-10',
      'facts-missing',
      {
        meetings: [signedMeeting('hearing', '2026-03-10', ['client', 'confidant', 'handler'])],
      },
    );
    expect(missing.join(' ')).toContain('invited: client, person complained about');
    walk.act(actors.handler, 'hold-hearing', {}, '2026-03-10', {
      meetings: [
        signedMeeting('hearing', '2026-03-10', ['client', 'confidant', 'subject', 'handler']),
      ],
    });
    expect(walk.state.flags).toMatchObject({
      'medewerker-gehoord': true,
      'hoorzitting-gehouden': true,
    });
    walk.act(
      actors.handler,
      'decide',
      {
        outcomes: [{ part: 'p1', outcome: 'gegrond' }],
        'what-was-done': 'Welkomstgesprek is ingepland; wachtlijst herzien.',
      },
      '2026-03-20',
    );
    const told = walk.events
      .filter((e) => e.type === 'notification-requested')
      .map((e) => (e.type === 'notification-requested' ? e.to : []));
    expect(told).toEqual([['client'], ['manager']]);
    // "De klager krijgt altijd te horen wat er met de klacht is gedaan": not closed until the
    // letter saying so went to the complainant; a letter from before the decision does not count.
    expect(walk.stage('intern')).toBe('klager-informeren');
    expect(walk.missing(actors.handler, 'close-after-informing', '2026-03-21')).toEqual([
      'First send the complainant the letter saying what was done with the complaint.',
    ]);
    walk.refused(actors.handler, 'close-after-informing', {}, '2026-03-21', 'facts-missing', {
      letters: [sentLetter('outcome', '2026-03-19', ['client'])],
    });
    walk.act(actors.handler, 'close-after-informing', {}, '2026-03-21', {
      letters: [sentLetter('outcome', '2026-03-21', ['client'])],
    });
    expect(walk.state.closed).toBe(true);
    walk.expectReplays();
  });

  it('only contacts an employee when the complaint is about one', () => {
    const walk = filed({}).act(
      actors.handler,
      'contact-complainant',
      { 'contacted-on': '2026-03-03', notes: 'x' },
      '2026-03-03',
    );
    walk.refused(
      actors.handler,
      'contact-employee',
      { 'contacted-on': '2026-03-04', notes: 'x' },
      '2026-03-04',
      'guard-failed',
    );
  });

  it('records the handling only after the employee complained about has been contacted', () => {
    const decision = {
      outcomes: [{ part: 'p1', outcome: 'ongegrond' }],
      'what-was-done': 'Met klager en medewerker gesproken; de wachttijd was volgens afspraak.',
    };
    const walk = filed().act(
      actors.handler,
      'contact-complainant',
      { 'contacted-on': '2026-03-03', notes: 'Telefonisch besproken.' },
      '2026-03-03',
    );
    expect(walk.available(actors.handler, '2026-03-04')).not.toContain('decide');
    const reasons = walk.refused(actors.handler, 'decide', decision, '2026-03-04', 'guard-failed');
    expect(reasons).toEqual(['First contact the employee the complaint is about.']);
    walk.act(
      actors.handler,
      'contact-employee',
      { 'contacted-on': '2026-03-05', notes: 'Reactie ontvangen.' },
      '2026-03-05',
    );
    walk.act(actors.handler, 'decide', decision, '2026-03-05');
    expect(walk.stage('intern')).toBe('klager-informeren');

    // A complaint not about an employee needs no such contact.
    filed({})
      .act(
        actors.handler,
        'contact-complainant',
        { 'contacted-on': '2026-03-03', notes: 'x' },
        '2026-03-03',
      )
      .act(actors.handler, 'decide', decision, '2026-03-04');
  });

  it('an extension needs its letter to both the complainant and the employee before the term ends (Awb 9:11)', () => {
    const walk = filed();
    walk.act(
      actors.handler,
      'extend-decision-term',
      { extension: { amount: 4, unit: 'weeks', reason: 'De medewerker is drie weken afwezig.' } },
      '2026-04-08',
    );
    expect(pendingNotices(procedure, walk.state)[0]?.noticeTo).toEqual(['client', 'subject']);
    walk.advance('2026-04-09', { letters: [sentLetter('extension', '2026-04-08', ['client'])] });
    expect(walk.due('beslistermijn')).toBe('2026-04-13');
    expect(
      pendingNotices(procedure, walk.state, {
        letters: [sentLetter('extension', '2026-04-08', ['client'])],
      })[0]?.sentTo,
    ).toEqual(['client']);
    walk.advance('2026-04-10', {
      letters: [
        sentLetter('extension', '2026-04-08', ['client']),
        sentLetter('extension', '2026-04-10', ['subject']),
      ],
    });
    expect(walk.due('beslistermijn')).toBe('2026-05-11');
    expect(walk.state.clocks.beslistermijn?.extensions[0]?.notice).toMatchObject({
      sentOn: '2026-04-10',
      to: ['client', 'subject'],
    });
    // The person complained about may read why, like the complainant.
    const readable = readableInputs(procedure, walk.state, { side: 'subject', subjectId: 'mw-1' });
    expect(
      readable.find((e) => e.action === 'extend-decision-term')?.inputs[0]?.value,
    ).toMatchObject({
      reason: 'De medewerker is drie weken afwezig.',
    });
    walk.expectReplays();
  });

  it('a term ending on Bevrijdingsdag runs to the next working day', () => {
    const walk = new Walk(
      procedure,
      {
        entry: 'klachtenformulier',
        complainant: 'ouder',
        lastContactDate: '2026-02-01',
        category: 'overig',
        parts,
      },
      '2026-03-24',
    );
    expect(walk.due('beslistermijn')).toBe('2026-05-06');
    expect(walk.explain('beslistermijn')).toBe(
      '05-05-2026 = ontvangen 24-03-2026 + 6 weken; 05-05-2026 valt op Bevrijdingsdag → volgende werkdag 06-05-2026',
    );
  });
});

describe('Ondersteuningsteam: the contact person first, and the FG', () => {
  const filing = {
    complainant: 'ouder',
    lastContactDate: '2026-02-01',
    category: 'afspraken',
    parts,
  } satisfies Partial<FileCaseInput>;

  it('talks it over with the contact person first: no legal term runs until the formal complaint', () => {
    const walk = new Walk(procedure, { entry: 'contactpersoon', ...filing }, '2026-03-02');
    expect(walk.stage('intern')).toBe('contactpersoon');
    expect(walk.state.clocks.beslistermijn).toBeUndefined();
    expect(walk.available(actors.client, '2026-03-05')).toContain('file-with-complaints-handler');
    walk.act(
      actors.client,
      'file-with-complaints-handler',
      { complaint: 'We komen er samen niet uit: afspraken worden steeds verzet.' },
      '2026-03-16',
    );
    expect(walk.stage('intern')).toBe('ingediend');
    // Six weeks from the formal complaint, not from the first talk: 27 April is Koningsdag.
    expect(walk.due('beslistermijn')).toBe('2026-04-28');
    walk.expectReplays();
  });

  it('closes when it is sorted out with the contact person, without a formal complaint', () => {
    const walk = new Walk(procedure, { entry: 'contactpersoon', ...filing }, '2026-03-02').act(
      actors.handler,
      'resolve-with-contact-person',
      { solution: 'Vaste afspraakdag op dinsdag; bij verzetten belt de procesbegeleider zelf.' },
      '2026-03-05',
    );
    expect(walk.outcomes()).toEqual({ p1: 'opgelost-door-bemiddeling' });
    expect(walk.state.closed).toBe(true);
  });

  it('records the FG route for a privacy complaint without opening internal handling, unless the client asks for it too', () => {
    const walk = new Walk(
      procedure,
      { entry: 'fg', ...filing, category: 'persoonsgegevens' },
      '2026-03-02',
    );
    expect(walk.stage('fg')).toBe('fg-gemeld');
    expect(walk.state.tracks['intern']).toBeUndefined();
    expect(walk.state.clocks.beslistermijn).toBeUndefined();
    expect(walk.available(actors.handler, '2026-03-03')).not.toContain('contact-complainant');

    const also = walk.fork().act(actors.client, 'also-internal', {}, '2026-03-10');
    expect(also.stage('intern')).toBe('ingediend');
    expect(also.due('beslistermijn')).toBe('2026-04-21');
    also.refused(actors.client, 'also-internal', {}, '2026-03-11', 'guard-failed');

    walk.act(
      actors.manager,
      'record-dpo-outcome',
      { outcome: 'De FG heeft het delen van de gegevens onderzocht en geantwoord.' },
      '2026-04-20',
    );
    expect(walk.stage('fg')).toBe('fg-afgerond');
    expect(walk.state.closed).toBe(true);
    walk.expectReplays();
  });
});
