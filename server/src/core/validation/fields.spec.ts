import { describe, expect, it } from 'vitest';
import { isValidText, name, text } from './fields.js';

describe('text from people', () => {
  it.each([
    ['plain Dutch', 'Mijn begeleider kwam niet', true],
    ['emoji (a surrogate pair)', 'Dank je 😀', true],
    ['right-to-left script', 'شكوى', true],
    ['a NUL byte', 'a\u0000b', false],
    ['a lone high surrogate', 'a\uD800b', false],
    ['a lone low surrogate', '\uDC00', false],
    ['a reversed pair', '\uDE00\uD83D', false],
  ])('%s is %s', (_what, value, valid) => {
    expect(isValidText(value)).toBe(valid);
    expect(text(100).safeParse(value).success).toBe(valid);
  });

  it('refuses a lone surrogate in a short name too', () => {
    expect(name(40).safeParse('klacht\uD800').success).toBe(false);
    expect(name(40).safeParse('klacht').success).toBe(true);
  });
});
