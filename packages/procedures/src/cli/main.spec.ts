import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { templateSource } from '../templates.js';

// The command line is tested as it is run: compiled JavaScript from dist, started by plain node,
// with no TypeScript loader. The build is incremental, so an up-to-date dist costs little.
const root = fileURLToPath(new URL('../..', import.meta.url));
const cli = join(root, 'dist/src/cli/main.js');
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

// Compiling and starting processes takes what the machine gives it: on a busy shared runner many
// times what it takes on a quiet one. Neither decides the outcome.
const SLOW = { timeout: 300_000 };

function run(...args: string[]): { code: number; out: string } {
  try {
    const out = execFileSync(process.execPath, [cli, ...args], {
      encoding: 'utf8',
      env: { ...process.env, INIT_CWD: '' },
    });
    return { code: 0, out };
  } catch (error) {
    const e = error as { status: number; stdout: string };
    return { code: e.status, out: e.stdout };
  }
}

describe('pnpm procedure', () => {
  const dir = mkdtempSync(join(tmpdir(), 'procedure-cli-'));
  const good = join(dir, 'good.json');
  const bad = join(dir, 'bad.json');
  writeFileSync(good, JSON.stringify(templateSource('awb9')));
  const broken = templateSource('awb9') as { clocks: { duration: unknown }[] };
  if (broken.clocks[0]) broken.clocks[0].duration = { amount: 8, unit: 'weeks' };
  writeFileSync(bad, JSON.stringify(broken));

  beforeAll(() => {
    for (const project of ['../contracts/tsconfig.json', 'tsconfig.build.json']) {
      execFileSync(process.execPath, [tsc, '-p', project], { cwd: root, stdio: 'inherit' });
    }
  }, SLOW.timeout);

  it('check exits 0 for a valid file and 1 with the findings for an invalid one', SLOW, () => {
    expect(run('check', good)).toEqual({ code: 0, out: expect.stringContaining('is valid') });
    const result = run('check', bad);
    expect(result.code).toBe(1);
    expect(result.out).toContain('regime-decision-term-too-long');
    expect(result.out).toContain('clocks[0].duration');
  });

  it('diagram and explain print the procedure', SLOW, () => {
    expect(run('diagram', good).out).toContain('stateDiagram-v2');
    expect(run('explain', good, '--lang', 'en').out).toContain('## Actions by role');
  });

  it('prints the JSON Schema that is committed', SLOW, () => {
    const printed = JSON.parse(run('schema').out) as { description?: string };
    expect(printed.description).toBe('A Klachtpad complaint procedure.');
  });
});
