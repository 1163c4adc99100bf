import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { buildKlachtpadSchema } from './schema.js';

/** The committed schema file other code and reviewers read: `server/schema.graphql`. */
export const SCHEMA_FILE = fileURLToPath(new URL('../schema.graphql', import.meta.url));

export async function printKlachtpadSchema(): Promise<string> {
  return `${printSchema(lexicographicSortSchema(await buildKlachtpadSchema()))}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await writeFile(SCHEMA_FILE, await printKlachtpadSchema());
  console.log(`wrote ${SCHEMA_FILE}`);
}
