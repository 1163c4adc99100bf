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
      { complainant: 'ouder', lastContactDate: '2026-02-01', category: 'bejegening', parts, flags },
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
    // A typed list of who was there is no hearing; the signed minutes of one are.
    walk.refused(
      actors.handler,
      'hold-hearing',
      { present: [{ name: 'Ouder' }, { name: 'Procesbegeleider' }] },
      '2026-03-10',
      'facts-missing',
    );
    walk.act(actors.handler, 'hold-hearing', {}, '2026-03-10', {
      meetings: [signedMeeting('hearing', '2026-03-10', ['client', 'confidant', 'handler'])],
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
    expect(walk.state.closed).toBe(true);

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
      { complainant: 'ouder', lastContactDate: '2026-02-01', category: 'overig', parts },
      '2026-03-24',
    );
    expect(walk.due('beslistermijn')).toBe('2026-05-06');
    expect(walk.explain('beslistermijn')).toBe(
      '05-05-2026 = ontvangen 24-03-2026 + 6 weken; 05-05-2026 valt op Bevrijdingsdag → volgende werkdag 06-05-2026',
    );
  });
});
