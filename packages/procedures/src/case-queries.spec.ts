import { describe, expect, it } from 'vitest';
import { actors, Walk } from '../test/walk.js';
import {
  appealRoute,
  isDirectExternal,
  partsAbout,
  readableInputs,
  responsibleNow,
  sideOf,
  subjectView,
} from './case-queries.js';
import { loadTemplate, templateSource } from './templates.js';
import { loadProcedure, ProcedureInvalidError } from './validate.js';

const mo = loadTemplate('mo');

/** A MO complaint with one part about Jansen and one about De Vries, handled to the directeur. */
function appealed(): Walk {
  return new Walk(
    mo,
    {
      entry: 'officieel',
      complainant: 'client',
      category: 'klacht',
      parts: [
        { id: 'p1', summary: 'Jansen schreeuwde tegen mij', subjectIds: ['jansen'] },
        { id: 'p2', summary: 'De Vries las mijn post', subjectIds: ['de-vries'] },
        { id: 'p3', summary: 'Het eten was koud' },
      ],
    },
    '2026-03-02',
  )
    .act(actors.manager, 'schedule-meeting', { 'meeting-on': '2026-03-05' }, '2026-03-03')
    .act(
      actors.manager,
      'record-handling',
      {
        outcomes: [
          { part: 'p1', outcome: 'gegrond', reasoning: 'Twee collega’s bevestigen het.' },
          { part: 'p2', outcome: 'ongegrond', reasoning: 'Post wordt alleen overhandigd.' },
          { part: 'p3', outcome: 'deels-gegrond' },
        ],
        solution: 'Besproken met beide medewerkers; afspraken gemaakt over de toon.',
        form: ['doc-formulier'],
        measures: [
          {
            description: 'Gesprek over bejegening',
            owner: 'Teamleider',
            due: '2026-04-01',
            parts: ['p1'],
          },
          {
            description: 'Postprotocol herhalen',
            owner: 'Teamleider',
            due: '2026-04-01',
            parts: ['p2'],
          },
        ],
      },
      '2026-03-06',
    )
    .act(
      actors.client,
      'appeal-to-director',
      { why: 'De leidinggevende heeft mijn kant niet gehoord over de post.' },
      '2026-03-09',
    );
}

describe('whom a complaint part is about', () => {
  it('keeps the subjects per part from the filing, and gives a subject only their own parts', () => {
    const walk = appealed();
    expect(walk.state.parts.map((p) => p.subjectIds)).toEqual([['jansen'], ['de-vries'], []]);
    expect(partsAbout(walk.state, 'jansen').map((p) => p.id)).toEqual(['p1']);
    expect(subjectView(walk.state, 'de-vries')).toEqual({
      parts: [
        {
          id: 'p2',
          summary: 'De Vries las mijn post',
          outcome: 'ongegrond',
          decidedOn: '2026-03-06',
          judgments: [
            {
              outcome: 'ongegrond',
              on: '2026-03-06',
              by: 'record-handling',
              reasoning: 'Post wordt alleen overhandigd.',
              advisory: false,
            },
          ],
        },
      ],
    });
    expect(subjectView(walk.state, 'someone-else').parts).toEqual([]);
  });
});

describe('what people typed, read back', () => {
  it('shows the client’s reason for going to the directeur to staff, and never to the subject', () => {
    const walk = appealed();
    const appeal = (side: 'staff' | 'client' | 'subject' | 'commission') =>
      readableInputs(mo, walk.state, { side, subjectId: 'jansen' }).find(
        (e) => e.action === 'appeal-to-director',
      );
    expect(appeal('staff')?.inputs).toEqual([
      {
        id: 'why',
        kind: 'motivation',
        label: expect.any(Object),
        value: 'De leidinggevende heeft mijn kant niet gehoord over de post.',
      },
    ]);
    expect(appeal('client')?.inputs.map((i) => i.id)).toEqual(['why']);
    expect(appeal('subject')?.inputs).toEqual([]);
    expect(appeal('commission')?.inputs).toEqual([]);
  });

  it('gives the subject the outcomes and measures of their own parts only', () => {
    const walk = appealed();
    const entry = walk.state.history.findIndex(
      (e) => e.kind === 'action' && e.action === 'record-handling',
    );
    expect(walk.events.length).toBeGreaterThan(0);
    const handling = readableInputs(mo, walk.state, { side: 'subject', subjectId: 'jansen' }).find(
      (e) => e.entry === entry,
    );
    // The outcome and reasons of the part about Jansen, and its measure; nothing about De Vries or
    // the other part, and not the form (staff and the client side only).
    expect(handling?.inputs.map((i) => [i.id, i.value])).toEqual([
      [
        'outcomes',
        [{ part: 'p1', outcome: 'gegrond', reasoning: 'Twee collega’s bevestigen het.' }],
      ],
      // Who carries a measure out is staff work: what will be done and by when, not by whom.
      ['measures', [{ description: 'Gesprek over bejegening', due: '2026-04-01', parts: ['p1'] }]],
    ]);
    const client = readableInputs(mo, walk.state, { side: 'client' }).find(
      (e) => e.entry === entry,
    );
    expect(client?.inputs.map((i) => i.id)).toEqual(['outcomes', 'solution', 'measures']);
    const staff = readableInputs(mo, walk.state, { side: 'staff' }).find((e) => e.entry === entry);
    expect(staff?.inputs.map((i) => i.id)).toEqual(['outcomes', 'solution', 'form', 'measures']);
    // Someone who is no subject of any part reads nothing per part.
    const stranger = readableInputs(mo, walk.state, { side: 'subject', subjectId: 'x' }).find(
      (e) => e.entry === entry,
    );
    expect(stranger?.inputs).toEqual([]);
  });

  it('points the action-taken event at the history entry that keeps its inputs', () => {
    const walk = appealed();
    const taken = walk.events.find((e) => e.type === 'action-taken');
    expect(taken).toMatchObject({
      action: 'appeal-to-director',
      entry: walk.state.history.length - 1,
    });
  });

  it('tells the side a person acted from', () => {
    expect(sideOf(actors.confidantSubmit)).toBe('client');
    expect(sideOf(actors.handlerSubject)).toBe('subject');
    expect(sideOf(actors.commission)).toBe('commission');
    expect(sideOf(actors.director)).toBe('staff');
  });
});

describe('who is responsible', () => {
  it('routes each stage to its responsible party and says so when the case enters it', () => {
    const walk = appealed();
    expect(responsibleNow(mo, walk.state)).toEqual([
      { track: 'intern', stage: 'directeur', responsible: { role: 'director' } },
    ]);
    expect(walk.events).toContainEqual(
      expect.objectContaining({
        type: 'stage-entered',
        stage: 'directeur',
        responsible: { role: 'director' },
      }),
    );
    expect(walk.state.tracks.intern?.responsible).toEqual({ role: 'director' });
  });
});

describe('the appeal route', () => {
  it('gives the sentence every decision letter prints', () => {
    expect(appealRoute(loadTemplate('wkkgz'))?.text.nl).toBe(
      'Bent u het niet eens met dit oordeel? Dan kunt u uw klacht binnen 12 maanden na de datum van deze brief voorleggen aan de geschilleninstantie waarbij wij zijn aangesloten.',
    );
    expect(appealRoute(loadTemplate('awb9'))).toMatchObject({ body: 'ombudsman' });
    expect(appealRoute(mo)).toBeUndefined();
  });
});

describe('published procedures keep running', () => {
  it('loads a version a newer engine would not publish, but not one it cannot run', () => {
    const old = templateSource('awb9') as {
      actions: { id: string; inputs: unknown[] }[];
      clocks: { duration: unknown }[];
    };
    old.actions
      .find((a) => a.id === 'record-hearing')!
      .inputs.push({
        kind: 'sign-off',
        id: 'heard',
        label: { nl: 'Gehoord', en: 'Heard' },
        participants: ['client', 'subject'],
      });
    old.clocks[0]!.duration = { amount: 8, unit: 'weeks' };
    expect(loadProcedure(old).id).toBe('awb9');
    const broken = structuredClone(old) as unknown as { actions: { from: string[] }[] };
    broken.actions[1]!.from = ['nergens'];
    expect(() => loadProcedure(broken)).toThrow(ProcedureInvalidError);
  });
});

describe('direct external referrals, for the register', () => {
  it('counts a case that went straight to an external body, not one that went there later', () => {
    const kleine = loadTemplate('kleine-ontmoeting');
    const direct = new Walk(
      kleine,
      { entry: 'extern', complainant: 'client', parts: [{ summary: 'Te laat opgehaald' }] },
      '2026-03-02',
    );
    expect(isDirectExternal(kleine, direct.state)).toBe(true);
    const later = new Walk(
      mo,
      {
        entry: 'officieel',
        complainant: 'client',
        category: 'klacht',
        parts: [{ summary: 'Koud eten' }],
      },
      '2026-03-02',
    ).act(actors.client, 'file-external', { internal: 'doorgaan' }, '2026-03-04');
    expect(later.state.tracks['extern']?.status).toBe('active');
    expect(isDirectExternal(mo, later.state)).toBe(false);
    // An external route that is no commission counts too: the privacy complaint to the FG only.
    const team = loadTemplate('ondersteuningsteam');
    const fg = new Walk(
      team,
      {
        entry: 'fg',
        complainant: 'ouder',
        category: 'persoonsgegevens',
        lastContactDate: '2026-02-20',
        parts: [{ summary: 'Mijn gegevens zijn gedeeld' }],
      },
      '2026-03-02',
    );
    expect(isDirectExternal(team, fg.state)).toBe(true);
  });
});
