// The command line for procedure authors; the only place in this package that does I/O.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { procedureJsonSchema } from '../definition.schema.js';
import { explainProcedure } from '../explain.js';
import { toMermaid } from '../mermaid.js';
import { validateProcedure, type Finding } from '../validate.js';

const USAGE = `Usage:
  pnpm procedure check <file.json>              validate; exit 1 with the findings when invalid
  pnpm procedure diagram <file.json> [--lang en] Mermaid state diagram
  pnpm procedure explain <file.json> [--lang en] stages, actions by role, clocks in plain words
  pnpm procedure schema [--write]               print (or write schema/procedure.schema.json)`;

/** The package's own directory: the nearest one up from this file with a package.json. */
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('No package.json above the command line.');
    dir = parent;
  }
  return dir;
}

/** Where the generated JSON Schema lives (the command runs from dist/src/cli). */
export const SCHEMA_FILE = join(packageRoot(), 'schema/procedure.schema.json');

function read(file: string | undefined): unknown {
  if (!file) throw new UsageError('Missing <file.json>.');
  const text = readFileSync(resolve(process.env.INIT_CWD ?? process.cwd(), file), 'utf8');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${file} is not valid JSON: ${(error as Error).message}`);
  }
}

class UsageError extends Error {}

function formatFinding(f: Finding): string {
  return `${f.severity === 'error' ? 'error  ' : 'warning'} ${f.code.padEnd(34)} ${f.path}\n        ${f.message}`;
}

function main(argv: string[]): number {
  const [command, file, ...rest] = argv;
  const lang = rest.includes('--lang') && rest[rest.indexOf('--lang') + 1] === 'en' ? 'en' : 'nl';
  switch (command) {
    case 'check': {
      const result = validateProcedure(read(file));
      for (const finding of result.findings) console.log(formatFinding(finding));
      const errors = result.findings.filter((f) => f.severity === 'error').length;
      console.log(result.valid ? `OK: ${file} is valid.` : `${errors} error(s) in ${file}.`);
      return result.valid ? 0 : 1;
    }
    case 'diagram':
    case 'explain': {
      const result = validateProcedure(read(file));
      if (!result.procedure || !result.valid) {
        for (const finding of result.findings) console.error(formatFinding(finding));
        return 1;
      }
      const out =
        command === 'diagram'
          ? toMermaid(result.procedure, lang)
          : explainProcedure(result.procedure, lang);
      process.stdout.write(out);
      return 0;
    }
    case 'schema': {
      const json = `${JSON.stringify(procedureJsonSchema(), null, 2)}\n`;
      if (argv.includes('--write')) writeFileSync(SCHEMA_FILE, json);
      else process.stdout.write(json);
      return 0;
    }
    default:
      console.error(USAGE);
      return command === undefined || command === 'help' ? 0 : 2;
  }
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  if (error instanceof UsageError || (error as NodeJS.ErrnoException).code === 'ENOENT') {
    console.error((error as Error).message);
    console.error(USAGE);
    process.exitCode = 2;
  } else throw error;
}
