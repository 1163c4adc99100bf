import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { REPOSITORY_ROOT } from './repository.js';

const run = promisify(execFile);

/**
 * Journeys test the built client exactly as the server serves it in production. They build it
 * only when no build is there, or one from before its operations were registered (without
 * `trusted-documents.json` the server would refuse them, ADR 0063); a stale build is the
 * developer's to refresh.
 */
export async function ensureWebBuild(): Promise<void> {
  const dist = path.join(REPOSITORY_ROOT, 'web', 'dist');
  const built = ['index.html', 'trusted-documents.json'].every((file) =>
    existsSync(path.join(dist, file)),
  );
  if (built) return;
  await run('pnpm', ['--filter', '@klachtpad/web', 'build'], {
    cwd: REPOSITORY_ROOT,
    maxBuffer: 16 * 1024 * 1024,
  });
}

/** The id under which the web build registered one of its operations (ADR 0063). */
export async function registeredId(operationName: string): Promise<string> {
  const manifest = JSON.parse(
    await readFile(path.join(REPOSITORY_ROOT, 'web', 'dist', 'trusted-documents.json'), 'utf8'),
  ) as Record<string, string>;
  const named = new RegExp(`^(query|mutation|subscription) ${operationName}\\b`);
  const found = Object.entries(manifest).find(([, text]) => named.test(text));
  if (!found) throw new Error(`The web build registered no operation ${operationName}.`);
  return found[0];
}
