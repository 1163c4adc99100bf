import type { Finding } from '@klachtpad/procedures/authoring';
import { describe, expect, it } from 'vitest';
import { pathOf, placeFindings, setAt, stagesOf, termsOf, valueAt } from './editor-draft';
import { explanationBlocks } from './explanation-text';

const finding = (path: string): Finding => ({
  code: 'schema',
  severity: 'error',
  path,
  message: path,
});

describe('the editor draft', () => {
  it('writes paths as the validator does', () => {
    expect(pathOf(['clocks', 0, 'extension', 'max'])).toBe('clocks[0].extension.max');
    expect(pathOf(['tracks', 1, 'stages', 2])).toBe('tracks[1].stages[2]');
  });

  it('sets a value without touching the draft it came from', () => {
    const draft = { clocks: [{ id: 'a', duration: { amount: 6, unit: 'weeks' } }], other: {} };
    const next = setAt(draft, ['clocks', 0, 'duration', 'amount'], 8);
    expect(valueAt(next, ['clocks', 0, 'duration', 'amount'])).toBe(8);
    expect(valueAt(draft, ['clocks', 0, 'duration', 'amount'])).toBe(6);
    expect(next.other).toBe(draft.other);
  });

  it('sends each finding to the most specific place that holds it, the rest elsewhere', () => {
    const places = [
      { path: 'clocks[0]', fieldId: 'a' },
      { path: 'clocks[0].duration', fieldId: 'b' },
      { path: 'clocks[1]', fieldId: 'c' },
    ];
    const { at, elsewhere } = placeFindings(
      [
        finding('clocks[0].duration.amount'),
        finding('clocks[0].label'),
        finding('clocks[10].duration'),
        finding('actions[2].by[0].role'),
      ],
      places,
    );
    expect(at.get('clocks[0].duration')?.map((f) => f.path)).toEqual(['clocks[0].duration.amount']);
    expect(at.get('clocks[0]')?.map((f) => f.path)).toEqual(['clocks[0].label']);
    // clocks[10] is not clocks[1]: a prefix counts only up to a separator.
    expect(at.get('clocks[1]')).toBeUndefined();
    expect(elsewhere.map((f) => f.path)).toEqual(['clocks[10].duration', 'actions[2].by[0].role']);
  });

  it('lists the terms and the stages the form shows', () => {
    const draft = {
      clocks: [{ id: 'x', label: { nl: 'X', en: 'X' }, extension: { max: {} } }, { id: 'y' }],
      tracks: [{ label: { nl: 'Intern', en: 'Internal' }, stages: [{ id: 's1' }, { id: 's2' }] }],
    };
    expect(termsOf(draft).map((t) => [t.id, t.extendable])).toEqual([
      ['x', true],
      ['y', false],
    ]);
    expect(stagesOf(draft).map((s) => [s.track, s.stage, s.id])).toEqual([
      [0, 0, 's1'],
      [0, 1, 's2'],
    ]);
  });
});

describe('the explanation in words', () => {
  it('reads headings, lists and paragraphs as text', () => {
    expect(
      explanationBlocks('# Titel\n\nUitleg <b>niet</b> vet.\n\n## Wie\n- een\n- twee\n\n### Fase'),
    ).toEqual([
      { kind: 'heading', level: 1, text: 'Titel' },
      { kind: 'paragraph', text: 'Uitleg <b>niet</b> vet.' },
      { kind: 'heading', level: 2, text: 'Wie' },
      { kind: 'list', items: ['een', 'twee'] },
      { kind: 'heading', level: 3, text: 'Fase' },
    ]);
  });
});
