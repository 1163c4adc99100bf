import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { SCHEMA_FILE, printKlachtpadSchema } from './emit-schema.js';

describe('the committed schema', () => {
  it('matches the schema the resolvers build (run `pnpm --filter @klachtpad/server schema`)', async () => {
    expect(await readFile(SCHEMA_FILE, 'utf8')).toBe(await printKlachtpadSchema());
  });
});
