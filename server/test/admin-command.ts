import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';

const repoDir = fileURLToPath(new URL('../..', import.meta.url));

export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
  /** The JSON the command printed on success. */
  json: Record<string, unknown> | undefined;
}

/** Runs `pnpm admin …` as an operator types it, against the test database. */
export function runAdmin(args: string[], env: Record<string, string> = {}): Promise<CommandResult> {
  const database = inject('database');
  return new Promise((resolve) => {
    execFile(
      'pnpm',
      ['--silent', 'admin', ...args],
      {
        cwd: repoDir,
        env: {
          ...process.env,
          NODE_ENV: '',
          DATABASE_URL: database.runtimeUrl,
          MIGRATION_DATABASE_URL: database.migrationUrl,
          LOG_LEVEL: 'warn',
          ...env,
        },
        timeout: 120_000,
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        let json: Record<string, unknown> | undefined;
        try {
          json = code === 0 ? (JSON.parse(stdout) as Record<string, unknown>) : undefined;
        } catch {
          json = undefined;
        }
        resolve({ code, stdout, stderr, json });
      },
    );
  });
}
