import { describe, expect, it } from 'vitest';
import type { InputDefinition } from './definition.schema.js';
import { examplePayload } from './examples.js';
import type { CaseState } from './state.js';

const documents = (min: number): InputDefinition => ({
  kind: 'documents',
  id: 'stukken',
  label: { nl: 'Stukken', en: 'Documents' },
  min,
  max: 50,
});

describe('examplePayload', () => {
  it('names no documents when none are required, and placeholders for each required one', () => {
    const state = { parts: [] } as unknown as CaseState;
    expect(examplePayload([documents(0)], state, '2026-03-03')).toEqual({ stukken: [] });
    expect(examplePayload([documents(2)], state, '2026-03-03')).toEqual({
      stukken: ['stuk-1', 'stuk-2'],
    });
  });
});
