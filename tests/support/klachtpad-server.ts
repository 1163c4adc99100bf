import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from './free-port.js';
import { REPOSITORY_ROOT } from './repository.js';

export interface RunningServer {
  url: string;
  /** What the server wrote, for the failure message of a journey. */
  output(): string;
  /** SIGTERM, wait for a clean exit, then remove the data directory. */
  stop(): Promise<void>;
}

// A first start builds the database and walks the demo cases through the real services: seconds
// on a quiet machine, minutes on a loaded, shared one. Waiting long is a hang detector, not a test.
const READY_WITHIN_MS = 600_000;
const STOP_WITHIN_MS = 30_000;

/**
 * The real server from source, as `pnpm start` runs it but with a throwaway embedded PostgreSQL:
 * fresh data directory, free ports, demo organisations loaded on first start.
 */
export async function startServer(): Promise<RunningServer> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'klachtpad-journey-'));
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', 'src/main.ts'], {
    // tsx is the server's dev dependency and its tsconfig enables decorators: run from there.
    cwd: path.join(REPOSITORY_ROOT, 'server'),
    env: {
      ...environmentWithoutExternalDatabase(),
      KLACHTPAD_DATA_DIR: dataDir,
      // The server takes a port of its own and says which: a port picked here could be taken by
      // another process during a start that lasts minutes on a busy machine, and a readiness probe
      // would then talk to someone else's server.
      PORT: '0',
      EMBEDDED_PG_PORT: String(await freePort()),
      LOG_LEVEL: 'info',
      // Production's default, said out loud: the journeys prove the web client runs on
      // registered operations alone (ADR 0063).
      TRUSTED_DOCUMENTS: 'require',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let readyPort: string | undefined;
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
    readyPort ??= /Klachtpad ready on http:\/\/localhost:(\d+)/.exec(output)?.[1];
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );

  const server: RunningServer = {
    url: '',
    output: () => output,
    async stop() {
      await stopProcess(child, exited);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  try {
    server.url = await waitUntilReady(() => readyPort, child, exited);
  } catch (error) {
    await server.stop();
    throw new Error(`${(error as Error).message}\n--- server output ---\n${output}`);
  }
  return server;
}

/** The journey always gets its own embedded database, even where CI provides a shared one. */
function environmentWithoutExternalDatabase(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.DATABASE_URL;
  delete env.MIGRATION_DATABASE_URL;
  return env;
}

/** Waits for the server's own "ready on" line, then for its /readyz; resolves with its URL. */
async function waitUntilReady(
  readyPort: () => string | undefined,
  child: ChildProcess,
  exited: Promise<number | null>,
): Promise<string> {
  const deadline = Date.now() + READY_WITHIN_MS;
  let hasExited = false;
  void exited.then(() => (hasExited = true));
  while (Date.now() < deadline) {
    if (hasExited)
      throw new Error(`The server exited with code ${String(child.exitCode)} before it was ready.`);
    const port = readyPort();
    if (port) {
      const url = `http://127.0.0.1:${port}`;
      try {
        const response = await fetch(`${url}/readyz`);
        if (response.status === 200) return url;
      } catch {
        // Not answering yet.
      }
    }
    await sleep(250);
  }
  throw new Error(`The server was not ready within ${READY_WITHIN_MS / 1000} s.`);
}

async function stopProcess(child: ChildProcess, exited: Promise<number | null>) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timedOut = Symbol('timed out');
  const result = await Promise.race([exited, sleep(STOP_WITHIN_MS, timedOut)]);
  if (result === timedOut) {
    child.kill('SIGKILL');
    await exited;
    throw new Error(`The server did not stop within ${STOP_WITHIN_MS / 1000} s of SIGTERM.`);
  }
}
