import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The shape of the server, checked on its imports (ADR 0035): `core` is the ground floor and knows
 * no feature; modules know neither the request layer nor the composition root; the case aggregate
 * does not know the modules that react to it (they register hooks); and no file depends on itself
 * through others. Test files are left out: they arrange whatever a story needs.
 */
const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [full] : [];
  });
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"](\.[^'"]+)['"]/g;

/** Each production file with the files it imports (relative imports, resolved). */
const graph = new Map(
  sourceFiles(SRC).map((file) => {
    const text = readFileSync(file, 'utf8');
    const imports = [...text.matchAll(IMPORT)].map((match) =>
      path.relative(SRC, path.resolve(path.dirname(file), match[1]!.replace(/\.js$/, '.ts'))),
    );
    return [path.relative(SRC, file), imports] as const;
  }),
);

const within = (area: string) => (file: string) => file.startsWith(area);
function offending(from: (file: string) => boolean, to: (file: string) => boolean): string[] {
  return [...graph].flatMap(([file, imports]) =>
    from(file) ? imports.filter(to).map((target) => `${file} → ${target}`) : [],
  );
}

/** Layers above the modules: the request layer, the composition roots and the entry points. */
const ABOVE_MODULES = (file: string) =>
  ['request/', 'demo/', 'jobs/'].some((area) => file.startsWith(area)) || !file.includes('/');

describe('the architecture', () => {
  it('keeps core free of every feature and of the layers above it', () => {
    expect(offending(within('core/'), (file) => !file.startsWith('core/'))).toEqual([]);
  });

  it('keeps the modules free of the request layer and the composition roots', () => {
    expect(offending(within('modules/'), ABOVE_MODULES)).toEqual([]);
  });

  it('keeps the case aggregate free of the modules that react to it', () => {
    const allowed = [
      'cases',
      'case-access',
      'access-log',
      'idempotency',
      'memberships',
      'procedures',
    ];
    const aggregate = (file: string) => file.startsWith('modules/cases/');
    const satellite = (file: string) =>
      file.startsWith('modules/') && !allowed.includes(file.split('/')[1]!);
    expect(offending(aggregate, satellite)).toEqual([]);
  });

  it('has no import cycles', () => {
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (file: string, trail: string[]) => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        cycles.push([...trail.slice(trail.indexOf(file)), file].join(' → '));
        return;
      }
      state.set(file, 'open');
      for (const next of graph.get(file) ?? []) if (graph.has(next)) visit(next, [...trail, file]);
      state.set(file, 'done');
    };
    for (const file of graph.keys()) visit(file, []);
    expect(cycles).toEqual([]);
  });
});
