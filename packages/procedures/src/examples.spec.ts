import { describe, expect, it } from 'vitest';
import type { InputDefinition } from './definition.schema.js';
import { examplePayload } from './examples.js';
import type { CaseState } from './state.js';
import { loadTemplate, TEMPLATE_SLUGS } from './templates.js';

const documents = (min: number): InputDefinition => ({
  kind: 'documents',
  id: 'stukken',
  label: { nl: 'Stukken', en: 'Documents' },
  min,
  max: 50,
});
/** The typed sign-off list of procedures published before ADR 0030, which still load. */
const signOff: InputDefinition = {
  kind: 'sign-off',
  id: 'ondertekening',
  label: { nl: 'Ondertekening', en: 'Sign-off' },
  participants: ['client', 'handler'],
};

describe('examplePayload', () => {
  const state = { parts: [] } as unknown as CaseState;

  it('names no documents when none are required, and placeholders for each required one', () => {
    expect(examplePayload([documents(0)], state, '2026-03-03')).toEqual({ stukken: [] });
    expect(examplePayload([documents(2)], state, '2026-03-03')).toEqual({
      stukken: ['stuk-1', 'stuk-2'],
    });
  });

  it('types no list of who signed: the engine refuses that as a claim, not a fact', () => {
    expect(examplePayload([signOff, documents(1)], state, '2026-03-03')).toEqual({
      stukken: ['stuk-1'],
    });
  });

  it.each(TEMPLATE_SLUGS)('gives every action of %s only inputs it has', (slug) => {
    for (const action of loadTemplate(slug).actions) {
      const payload = examplePayload(action.inputs, state, '2026-03-03');
      expect(Object.keys(payload).sort(), action.id).toEqual(
        action.inputs
          .filter((input) => input.kind !== 'sign-off')
          .map((input) => input.id)
          .sort(),
      );
    }
  });
});
