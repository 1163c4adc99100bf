import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { parseSealingKey } from './crypto/sealed-secret.js';
import { parseClamdUrl, type ClamdAddress } from './scanning/clamd.js';

/**
 * Everything the server can be told from outside, read once at start-up and validated.
 * Production hardening is the default: only `KLACHTPAD_MODE=development` relaxes it, so a
 * deployment that forgets `NODE_ENV` still gets no introspection and no stack traces.
 */
const envSchema = z.object({
  KLACHTPAD_MODE: z.enum(['production', 'development']).default('production'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().url().optional(),
  MIGRATION_DATABASE_URL: z.string().url().optional(),
  KLACHTPAD_DATA_DIR: z.string().optional(),
  EMBEDDED_PG_PORT: z.coerce.number().int().min(1).max(65535).default(54329),
  DB_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).max(3_600_000).default(15_000),
  DB_LOCK_TIMEOUT_MS: z.coerce.number().int().min(10).max(600_000).default(3_000),
  DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(100)
    .max(3_600_000)
    .default(60_000),
  DB_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(5_000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).default(12),
  SIGN_IN_SLOWDOWN_AFTER: z.coerce.number().int().min(1).default(3),
  SIGN_IN_LOCK_AFTER: z.coerce.number().int().min(1).default(10),
  SIGN_IN_LOCK_MINUTES: z.coerce.number().int().min(1).default(15),
  SIGN_IN_ADDRESS_LIMIT: z.coerce.number().int().min(1).default(100),
  MFA_CODE_LIMIT: z.coerce.number().int().min(1).default(5),
  MFA_ENCRYPTION_KEY: z
    .string()
    .optional()
    .refine((value) => !value || parseSealingKey(value), {
      message: 'must be base64 of 32 random bytes (e.g. `openssl rand -base64 32`)',
    }),
  SEED_DEMO: z.enum(['auto', 'never']).default('auto'),
  WEB_DIST_DIR: z.string().optional(),
  TRUSTED_DOCUMENTS: z.enum(['allow', 'require']).optional(),
  ACCESS_LOG_SEAL_MS: z.coerce.number().int().min(10).max(3_600_000).default(1000),
  WORKER_MODE: z.enum(['in-process', 'off']).default('in-process'),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  SCHEDULER_TICK_MS: z.coerce.number().int().min(50).max(60_000).default(1000),
  IDEMPOTENCY_KEY_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 90)
    .default(24),
  RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  RATE_LIMIT_USER_COST: z.coerce.number().int().min(1).default(30_000),
  RATE_LIMIT_ORGANISATION_COST: z.coerce.number().int().min(1).default(150_000),
  SMTP_URL: z.string().url().optional(),
  MAIL_FROM: z.string().min(3).max(200).optional(),
  PUBLIC_URL: z.string().url().optional(),
  ALLOWED_ORIGINS: z.string().optional(),
  WS_INIT_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(3000),
  WS_MAX_SUBSCRIPTIONS: z.coerce.number().int().min(1).max(1000).default(20),
  WS_MAX_SOCKETS_PER_USER: z.coerce.number().int().min(1).max(1000).default(10),
  WS_SESSION_RECHECK_MS: z.coerce.number().int().min(50).max(600_000).default(5000),
  WS_MAX_UNSENT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(64 * 1024 * 1024)
    .default(1024 * 1024),
  DOCUMENT_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(100 * 1024 * 1024)
    .default(10 * 1024 * 1024),
  CLAMD_URL: z
    .string()
    .optional()
    .refine((value) => !value || parseClamdUrl(value), {
      message: 'must be tcp://host:port, unix:///path/to/clamd.socket or an absolute socket path',
    }),
  SECURITY_LOG_DAYS: z.coerce.number().int().min(1).max(3650).default(365),
  CLAMD_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(60_000),
});

export interface Config {
  mode: 'production' | 'development';
  port: number;
  host: string;
  /** Set when an external PostgreSQL is used; otherwise an embedded one is started. */
  database: { runtimeUrl: string; migrationUrl: string } | undefined;
  dataDir: string;
  embeddedPgPort: number;
  poolMax: number;
  /**
   * Limits on every session of the runtime role (ADR 0065): a statement, a wait for a lock and a
   * transaction left idle end with an error instead of holding a pooled connection.
   */
  dbTimeouts: DatabaseTimeouts;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  sessions: { idleMinutes: number; absoluteHours: number };
  signIn: {
    /** Failures after which each further attempt is answered more slowly. */
    slowdownAfter: number;
    /** Failures after which the account is locked for `lockMinutes`. */
    lockAfter: number;
    lockMinutes: number;
    /** Upper bound of the added delay; tests lower it. */
    maxDelayMs: number;
    /** Sign-ins without success from one client address per `lockMinutes`; then 429. */
    addressLimit: number;
    /** Wrong second-factor codes per account per `lockMinutes`, across sessions; then 429. */
    mfaCodeLimit: number;
  };
  /**
   * The key sealing TOTP secrets (ADR 0060), when configured; `provideSealingKey` supplies the
   * embedded default.
   */
  mfaKey: Buffer | undefined;
  seedDemo: boolean;
  webDistDir: string | undefined;
  /**
   * What a browser session may send (ADR 0063). `require`: a request that presents the session
   * cookie runs only the web build's registered operations, sent by id; `allow`: ids are
   * resolved, and full documents accepted too. Bearer-token and anonymous requests may always
   * send full documents, under the same limits. The default is `require` in production.
   */
  trustedDocuments: 'allow' | 'require';
  accessLog: {
    /** How often the sealer chains the lines requests appended (ADR 0021). */
    sealIntervalMs: number;
  };
  documents: {
    /** Largest upload accepted; enforced while the body streams in, never after buffering it. */
    maxBytes: number;
    /**
     * clamd, when configured (ADR 0066): uploads wait as `pending` until it finds them clean.
     * Unset: nothing is scanned, and uploads are served at once.
     */
    scanner: { address: ClamdAddress; timeoutMs: number } | undefined;
  };
  worker: {
    /** `in-process`: the server runs the job queue too; `off`: a separate `pnpm worker` does. */
    mode: 'in-process' | 'off';
    concurrency: number;
    /** How often the scheduler looks for work that fell due by the clock (ADR 0050). */
    tickMs: number;
  };
  idempotencyKeyHours: number;
  /** How long the security log keeps its lines (ADR 0068). */
  securityLogDays: number;
  mail: {
    /** SMTP server (`smtp://user:pass@host:587`, `smtps://…`); unset: no mail leaves the process. */
    smtpUrl: string | undefined;
    from: string | undefined;
    /** Where people open Klachtpad: the link in every e-mail. */
    publicUrl: string;
  };
  /** GraphQL cost each person and each organisation may spend per window (ADR 0065). */
  rateLimits: { userCost: number; organisationCost: number; windowSeconds: number };
  realtime: {
    /**
     * Browser origins besides the server's own (and PUBLIC_URL's) that may open a WebSocket; a
     * handshake from any other `Origin` is refused (ADR 0076).
     */
    allowedOrigins: string[];
    /** How long a socket may wait before `connection_init` (then 4408). */
    initTimeoutMs: number;
    maxSubscriptionsPerSocket: number;
    /** Open sockets per person in this process (then 4429). */
    maxSocketsPerUser: number;
    /** How often a socket's session and membership are checked again (then 4403). */
    sessionRecheckMs: number;
    /**
     * Bytes of pushes a socket may have waiting to be written before it counts as a consumer that
     * stopped reading (then 4429): the live fan-out writes its frames without waiting for each.
     */
    maxUnsentBytes: number;
  };
  limits: {
    bodyBytes: number;
    maxDepth: number;
    maxAliases: number;
    maxTokens: number;
    maxCost: number;
  };
}

export interface DatabaseTimeouts {
  statementMs: number;
  lockMs: number;
  idleInTransactionMs: number;
  /** How long opening a connection may take before the request is answered UNAVAILABLE. */
  connectMs: number;
}

/**
 * Reads and validates the environment; throws one readable error listing every bad variable.
 * A variable set to the empty string counts as unset (`DATABASE_URL= pnpm start`, or a blank
 * line in a deployment's env file), so it gets the default or the message for a missing one.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const given = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ''),
  );
  const parsed = envSchema.safeParse(given);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (e.SMTP_URL && !e.MAIL_FROM) {
    throw new Error('Invalid configuration: SMTP_URL needs MAIL_FROM, the sender of every e-mail.');
  }
  if (Boolean(e.DATABASE_URL) !== Boolean(e.MIGRATION_DATABASE_URL)) {
    throw new Error(
      'Invalid configuration: set both DATABASE_URL (runtime role) and MIGRATION_DATABASE_URL (owner role), or neither to use the embedded PostgreSQL.',
    );
  }
  return {
    mode: e.KLACHTPAD_MODE,
    port: e.PORT,
    host: e.HOST,
    database:
      e.DATABASE_URL && e.MIGRATION_DATABASE_URL
        ? { runtimeUrl: e.DATABASE_URL, migrationUrl: e.MIGRATION_DATABASE_URL }
        : undefined,
    // `.data/` at the repository root by default (this file sits three levels below it in both
    // src/ and dist/); a relative path is taken from where the command was typed, which pnpm
    // passes on as INIT_CWD when it runs the script in the package folder.
    dataDir: e.KLACHTPAD_DATA_DIR
      ? path.resolve(given.INIT_CWD ?? process.cwd(), e.KLACHTPAD_DATA_DIR)
      : fileURLToPath(new URL('../../../.data', import.meta.url)),
    embeddedPgPort: e.EMBEDDED_PG_PORT,
    poolMax: e.DB_POOL_MAX,
    dbTimeouts: {
      statementMs: e.DB_STATEMENT_TIMEOUT_MS,
      lockMs: e.DB_LOCK_TIMEOUT_MS,
      idleInTransactionMs: e.DB_IDLE_IN_TRANSACTION_TIMEOUT_MS,
      connectMs: e.DB_CONNECT_TIMEOUT_MS,
    },
    logLevel: e.LOG_LEVEL,
    sessions: { idleMinutes: e.SESSION_IDLE_MINUTES, absoluteHours: e.SESSION_ABSOLUTE_HOURS },
    signIn: {
      slowdownAfter: e.SIGN_IN_SLOWDOWN_AFTER,
      lockAfter: e.SIGN_IN_LOCK_AFTER,
      lockMinutes: e.SIGN_IN_LOCK_MINUTES,
      maxDelayMs: 2000,
      addressLimit: e.SIGN_IN_ADDRESS_LIMIT,
      mfaCodeLimit: e.MFA_CODE_LIMIT,
    },
    mfaKey: e.MFA_ENCRYPTION_KEY ? parseSealingKey(e.MFA_ENCRYPTION_KEY) : undefined,
    seedDemo: e.SEED_DEMO === 'auto',
    webDistDir: e.WEB_DIST_DIR,
    trustedDocuments:
      e.TRUSTED_DOCUMENTS ?? (e.KLACHTPAD_MODE === 'production' ? 'require' : 'allow'),
    accessLog: { sealIntervalMs: e.ACCESS_LOG_SEAL_MS },
    documents: {
      maxBytes: e.DOCUMENT_MAX_BYTES,
      scanner: e.CLAMD_URL
        ? { address: parseClamdUrl(e.CLAMD_URL)!, timeoutMs: e.CLAMD_TIMEOUT_MS }
        : undefined,
    },
    worker: {
      mode: e.WORKER_MODE,
      concurrency: e.WORKER_CONCURRENCY,
      tickMs: e.SCHEDULER_TICK_MS,
    },
    idempotencyKeyHours: e.IDEMPOTENCY_KEY_HOURS,
    securityLogDays: e.SECURITY_LOG_DAYS,
    mail: {
      smtpUrl: e.SMTP_URL,
      from: e.MAIL_FROM,
      publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    },
    rateLimits: {
      userCost: e.RATE_LIMIT_USER_COST,
      organisationCost: e.RATE_LIMIT_ORGANISATION_COST,
      windowSeconds: e.RATE_LIMIT_WINDOW_SECONDS,
    },
    realtime: {
      allowedOrigins: [
        ...(e.PUBLIC_URL ? [new URL(e.PUBLIC_URL).origin] : []),
        ...(e.ALLOWED_ORIGINS ?? '')
          .split(',')
          .map((origin) => origin.trim())
          .filter((origin) => origin.length > 0)
          .map((origin) => new URL(origin).origin),
      ],
      initTimeoutMs: e.WS_INIT_TIMEOUT_MS,
      maxSubscriptionsPerSocket: e.WS_MAX_SUBSCRIPTIONS,
      maxSocketsPerUser: e.WS_MAX_SOCKETS_PER_USER,
      sessionRecheckMs: e.WS_SESSION_RECHECK_MS,
      maxUnsentBytes: e.WS_MAX_UNSENT_BYTES,
    },
    limits: { bodyBytes: 1_000_000, maxDepth: 10, maxAliases: 15, maxTokens: 2000, maxCost: 5000 },
  };
}
