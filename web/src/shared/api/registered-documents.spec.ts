import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { documentId } from './document-id';
import { registeredDocuments } from './registered-documents';

const SOURCES = path.resolve(import.meta.dirname, '../..');

function sourceFiles(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const file = path.join(directory, name);
    if (statSync(file).isDirectory()) return sourceFiles(file);
    return /\.(ts|tsx)$/.test(name) && !/\.spec\.tsx?$/.test(name) ? [file] : [];
  });
}

describe('the registered documents', () => {
  it('are declared in *.graphql.ts files only, where the build finds them', () => {
    const elsewhere = sourceFiles(SOURCES).filter(
      (file) =>
        !file.endsWith('.graphql.ts') &&
        !file.endsWith('graphql-env.d.ts') &&
        /\bgraphql\(\s*`/.test(readFileSync(file, 'utf8')),
    );
    expect(elsewhere.map((file) => path.relative(SOURCES, file))).toEqual([]);
  });

  it('hold every operation under the SHA-256 of its text, with its fragments', () => {
    const documents = registeredDocuments();
    const texts = Object.values(documents);
    expect(texts.some((text) => text.startsWith('mutation SignIn('))).toBe(true);
    expect(texts.some((text) => text.startsWith('subscription LiveCases'))).toBe(true);
    for (const [id, text] of Object.entries(documents)) expect(documentId(text)).toBe(id);
    // A document spreading a fragment carries its definition: the server runs it as it is.
    for (const text of texts) {
      for (const [, name] of text.matchAll(/\.\.\.(\w+)/g))
        expect(text).toContain(`fragment ${name} on`);
    }
  });

  it('have ids that are SHA-256 in hex', () => {
    expect(documentId('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });
});
