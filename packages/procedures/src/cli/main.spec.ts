import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { templateSource } from '../templates.js';

const cli = new URL('./main.ts', import.meta.url).pathname;

function run(...args: string[]): { code: number; out: string } {
  try {
    const out = execFileSync(
      process.execPath,
      ['--conditions=source', '--import', 'tsx', cli, ...args],
      {
        encoding: 'utf8',
        env: { ...process.env, INIT_CWD: '' },
      },
    );
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

  it('check exits 0 for a valid file and 1 with the findings for an invalid one', () => {
    expect(run('check', good)).toEqual({ code: 0, out: expect.stringContaining('is valid') });
    const result = run('check', bad);
    expect(result.code).toBe(1);
    expect(result.out).toContain('regime-decision-term-too-long');
    expect(result.out).toContain('clocks[0].duration');
  });

  it('diagram and explain print the procedure', () => {
    expect(run('diagram', good).out).toContain('stateDiagram-v2');
    expect(run('explain', good, '--lang', 'en').out).toContain('## Actions by role');
  });
});
