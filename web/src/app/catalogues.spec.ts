import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { dutch } from './catalogues';
import { english } from './catalogues.en';

function leaves(tree: unknown, prefix = ''): [string, string][] {
  if (typeof tree === 'string') return [[prefix, tree]];
  return Object.entries(tree as Record<string, unknown>).flatMap(([key, value]) =>
    leaves(value, prefix ? `${prefix}.${key}` : key),
  );
}

/** The names of the values a message takes, from its ICU syntax tree. */
function argumentsOf(nodes: unknown): string[] {
  if (!Array.isArray(nodes)) return [];
  return nodes.flatMap(
    (node: { value?: unknown; options?: Record<string, { value: unknown }> }) => [
      ...(typeof node.value === 'string' && 'type' in node && node.type !== 0 ? [node.value] : []),
      ...Object.values(node.options ?? {}).flatMap((option) => argumentsOf(option.value)),
    ],
  );
}

describe('the message catalogues', () => {
  const nl = leaves(dutch);
  const en = leaves(english);

  it('have the same messages in Dutch and English', () => {
    expect(en.map(([key]) => key).sort()).toEqual(nl.map(([key]) => key).sort());
  });

  it.each([
    ['nl', nl],
    ['en', en],
  ] as const)('are all valid ICU messages (%s)', (locale, messages) => {
    for (const [key, message] of messages) {
      expect(() => new IntlMessageFormat(message, locale), key).not.toThrow();
    }
  });

  it('use the same placeholders in both languages', () => {
    const placeholders = (message: string) =>
      [...new Set(argumentsOf(new IntlMessageFormat(message, 'nl').getAst()))].sort();
    const english = new Map(en);
    for (const [key, message] of nl) {
      expect(placeholders(english.get(key) ?? ''), key).toEqual(placeholders(message));
    }
  });

  it('speak to the reader as “u”, never “je” or “jij”', () => {
    for (const [key, message] of nl) {
      expect(/\b(je|jij|jou|jouw)\b/i.test(message), key).toBe(false);
    }
  });
});
