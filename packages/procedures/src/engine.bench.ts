// `pnpm bench`: availableActions and applyAction on the largest template (bureau-mhr), against
// baselines measured in the same run. Read the ratios, not the absolute numbers.
import { bench, describe } from 'vitest';
import { advanceTime, applyAction, availableActions, fileCase } from './engine.js';
import type { Actor, CaseState } from './state.js';
import { templates } from './templates.js';

const procedure = templates['bureau-mhr'];
const smallest = templates.awb9;
const at = (date: string): string => `${date}T12:00:00.000Z`;
const handler: Actor = { roles: ['handler'], relationships: [{ kind: 'assigned-handler' }] };
const client: Actor = { roles: ['client'], relationships: [{ kind: 'client' }] };
const director: Actor = { roles: ['director'], relationships: [] };

function must(result: ReturnType<typeof applyAction>): CaseState {
  if (!result.ok) throw new Error(result.refusal.code);
  return result.state;
}

// A case halfway: filed, subject informed, mediation failed, written complaint with the directie.
const filed = fileCase(
  procedure,
  { complainant: 'client', eventDate: '2026-02-20', parts: [{ summary: 'a' }, { summary: 'b' }] },
  at('2026-03-02'),
);
if (!filed.ok) throw new Error('filing failed');
let state = must(
  applyAction(
    procedure,
    filed.state,
    handler,
    'inform-subject',
    { 'informed-on': '2026-03-03' },
    at('2026-03-03'),
  ),
);
state = must(
  applyAction(
    procedure,
    state,
    handler,
    'record-mediation',
    {
      'held-on': '2026-03-09',
      report: ['doc'],
      signatures: ['client', 'subject', 'handler'].map((participant) => ({
        participant,
        name: 'N',
        signedOn: '2026-03-09',
      })),
      result: 'mislukt',
    },
    at('2026-03-09'),
  ),
);
state = must(
  applyAction(
    procedure,
    state,
    client,
    'submit-written-complaint',
    { complaint: 'Klacht', 'why-mediation-failed': 'Omdat het gesprek vastliep.' },
    at('2026-03-16'),
  ),
);
const atDirectie = state;
const answer = {
  outcomes: [
    { part: 'p1', outcome: 'gegrond' },
    { part: 'p2', outcome: 'ongegrond' },
  ],
  answer: 'Gemotiveerd antwoord van de directie.',
  measures: [{ description: 'Maatregel', owner: 'Teamleider', due: '2026-05-01' }],
};

const small = fileCase(
  smallest,
  { complainant: 'client', parts: [{ summary: 'a' }] },
  at('2026-03-02'),
);
if (!small.ok) throw new Error('filing failed');
const smallState = small.state;

// One group per question, each with its baseline, so vitest's summary prints every measurement
// as a ratio to the baseline it sits with (absolute numbers depend on the machine).
const recused: Actor = { roles: ['director'], relationships: [{ kind: 'subject' }] };

describe('availableActions on bureau-mhr (largest) vs awb9 (smallest)', () => {
  bench('baseline: availableActions on awb9', () => {
    availableActions(smallest, smallState, handler, at('2026-03-03'));
  });
  bench('availableActions on bureau-mhr (director, with the directie)', () => {
    availableActions(procedure, atDirectie, director, at('2026-03-20'));
  });
  bench('availableActions on bureau-mhr after a due date (advances time first)', () => {
    availableActions(procedure, atDirectie, director, at('2026-04-02'));
  });
});

describe('applyAction on bureau-mhr vs a JSON round-trip of the same case state', () => {
  bench('baseline: JSON round-trip of the case state', () => {
    JSON.parse(JSON.stringify(atDirectie));
  });
  bench('applyAction answer-directie', () => {
    applyAction(procedure, atDirectie, director, 'answer-directie', answer, at('2026-03-20'));
  });
  bench('applyAction refused (recused; no copy of the state)', () => {
    applyAction(procedure, atDirectie, recused, 'answer-directie', answer, at('2026-03-20'));
  });
  bench('advanceTime across the expiry into the bestuur', () => {
    advanceTime(procedure, atDirectie, at('2026-04-02'));
  });
});
