import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse, validate } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { buildKlachtpadSchema } from '../../schema.js';
import { admissionRules } from './admission.js';

/** The manifest the web build writes (web/vite.config.ts); `pnpm test` builds before it tests. */
const manifestFile = fileURLToPath(
  new URL('../../../../web/dist/trusted-documents.json', import.meta.url),
);

/**
 * Every operation the web client registers must pass the limits a production server applies to
 * it (depth, aliases, tokens, cost), or the screen that sends it shows nothing but an error. The
 * cost limit counts a document's shape, not the page size it asks for, so a screen can cross it
 * by one more field or fragment without any test of the screen noticing: the component tests
 * answer from a fake client, and only a browser journey against the real server would.
 */
describe('the web client’s registered operations', () => {
  let documents: [string, string][];
  const rules = admissionRules(loadConfig({}));

  beforeAll(() => {
    if (!existsSync(manifestFile)) {
      throw new Error(`${manifestFile} is missing: build the web client first (pnpm build).`);
    }
    documents = Object.entries(JSON.parse(readFileSync(manifestFile, 'utf8')) as object);
  });

  it('are there to check', () => {
    expect(documents.length).toBeGreaterThan(20);
  });

  it('each pass the production server’s validation and document limits', async () => {
    const schema = await buildKlachtpadSchema();
    const refused = documents.flatMap(([, text]) => {
      const document = parse(text);
      const name = document.definitions.find((d) => d.kind === 'OperationDefinition')?.name?.value;
      return validate(schema, document, rules).map((error) => `${name}: ${error.message}`);
    });
    expect(refused).toEqual([]);
  });
});
