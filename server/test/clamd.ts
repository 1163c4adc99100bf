import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** The EICAR test file: harmless, and what every scanner is meant to flag. */
export const EICAR = Buffer.from(
  'X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*',
);
/** The name our test database gives it (clamd adds `.UNOFFICIAL` to signatures it did not ship). */
export const EICAR_SIGNATURE = 'Klachtpad.Test.EICAR.UNOFFICIAL';

export interface TestClamd {
  /** `tcp://127.0.0.1:<port>` or the socket path, as `CLAMD_URL` takes it. */
  url: string;
  stop(): Promise<void>;
}

/**
 * A real clamd (Debian's clamav-daemon; .ci/run installs it), of this test's own: its own config
 * and temporary directory, no freshclam and no downloaded database — one signature, the MD5 of
 * the EICAR file (a `.hdb` line: md5:size:name), so it starts in well under a second. Listens on
 * `listen` (a TCP port on loopback, or a socket path) and answers PING before this resolves.
 */
export async function startClamd(
  listen: { port: number } | { socket: string },
): Promise<TestClamd> {
  const dir = await mkdtemp(path.join(tmpdir(), 'klachtpad-clamd-'));
  const db = path.join(dir, 'db');
  await mkdir(db);
  const md5 = createHash('md5').update(EICAR).digest('hex');
  await writeFile(
    path.join(db, 'klachtpad-test.hdb'),
    `${md5}:${EICAR.length}:Klachtpad.Test.EICAR\n`,
  );
  const conf = path.join(dir, 'clamd.conf');
  await writeFile(
    conf,
    [
      'Foreground yes',
      `DatabaseDirectory ${db}`,
      `TemporaryDirectory ${dir}`,
      `PidFile ${path.join(dir, 'clamd.pid')}`,
      'LogFile /dev/null',
      'LogTime no',
      ...('port' in listen
        ? ['TCPAddr 127.0.0.1', `TCPSocket ${listen.port}`]
        : [`LocalSocket ${listen.socket}`]),
      '',
    ].join('\n'),
  );
  const child = spawn(process.env.CLAMD_BINARY ?? 'clamd', ['-c', conf], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  let spawnError: Error | undefined;
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.once('error', (error) => {
      spawnError = error;
      resolve();
    });
  });
  const address: net.NetConnectOpts =
    'port' in listen ? { host: '127.0.0.1', port: listen.port } : { path: listen.socket };
  const stop = async () => {
    if (!spawnError && child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await waitForPong(child, address, () => (spawnError ? String(spawnError) : stderr));
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    url: 'port' in listen ? `tcp://127.0.0.1:${listen.port}` : listen.socket,
    stop,
  };
}

/** Waits (up to two minutes: a loaded machine) until clamd answers PING, or fails if it exited. */
async function waitForPong(child: ChildProcess, address: net.NetConnectOpts, stderr: () => string) {
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined)
      throw new Error(
        `clamd exited before it listened (is clamav-daemon installed?):\n${stderr()}`,
      );
    if (await pong(address)) return;
    if (Date.now() > deadline) throw new Error(`clamd did not answer PING:\n${stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function pong(address: net.NetConnectOpts): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(address);
    let reply = '';
    socket.on('connect', () => socket.write('zPING\0'));
    socket.on('data', (data: Buffer) => {
      reply += data.toString();
    });
    socket.on('error', () => resolve(false));
    socket.on('close', () => resolve(reply.startsWith('PONG')));
  });
}
