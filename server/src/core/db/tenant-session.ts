import { AsyncLocalStorage } from 'node:async_hooks';
import type { EntityManager } from '@mikro-orm/postgresql';
import type pg from 'pg';
import type { Orm } from './orm.js';

/** The part of knex's per-transaction client every statement of the transaction passes through. */
interface TransactionClient {
  _query(connection: unknown, statement: unknown): Promise<unknown>;
  acquireConnection(): Promise<pg.ClientBase>;
  emit(event: 'query', statement: { sql: string; bindings: readonly unknown[] }): boolean;
}

/** knex's transaction, as far as sending a statement past it needs to know. */
interface KnexTransaction {
  client: TransactionClient;
  isCompleted(): boolean;
}

/**
 * A statement sent by `TenantTransaction.query`: constant text with `$1`-style parameters, whose
 * values travel apart from it (never spliced into the text).
 */
export type Statement = (text: string, values?: readonly unknown[]) => Promise<pg.QueryResult>;

/**
 * What a transaction may see. Row-level security policies read these through `app.*` functions;
 * each is set with `set_config(name, value, true)`, so it lives exactly as long as the
 * transaction and can never leak to the next user of a pooled connection.
 */
export interface TenantScope {
  organisationId?: string | undefined;
  userId?: string | undefined;
  /** Lets sign-in read the one account it is checking, before anyone is signed in. */
  signInEmail?: string | undefined;
  /** Lets session resolution read the one session whose token was presented. */
  sessionTokenHash?: string | undefined;
  /** Lets acceptance read the one invitation whose token was presented (ADR 0090). */
  invitationTokenHash?: string | undefined;
  /** Lets a password reset read the one reset whose token was presented (ADR 0091). */
  resetTokenHash?: string | undefined;
  /** Names the platform operator whose token was presented (ADR 0092); never with a tenant's. */
  operatorTokenHash?: string | undefined;
}

const SETTINGS: Record<keyof TenantScope, string> = {
  organisationId: 'app.organisation_id',
  userId: 'app.user_id',
  signInEmail: 'app.sign_in_email',
  sessionTokenHash: 'app.session_token_hash',
  invitationTokenHash: 'app.invitation_token_hash',
  resetTokenHash: 'app.reset_token_hash',
  operatorTokenHash: 'app.operator_token_hash',
};

const EVERY_SETTING = Object.keys(SETTINGS) as (keyof TenantScope)[];

/** The transactions open inside `inOneTransaction`, outermost first. */
interface Enclosing {
  orm: Orm;
  open: TenantTransaction[];
}

const enclosing = new AsyncLocalStorage<Enclosing>();

/**
 * One database transaction with its tenant scope: the only way module code reaches the database.
 * The scope can narrow as a request learns who is asking (session first, then organisation).
 */
export class TenantTransaction {
  private finished = false;
  private scope: TenantScope = {};
  private readonly beforeCommit: (() => Promise<void>)[] = [];
  private readonly afterRollback: ((scope: TenantScope) => Promise<void>)[] = [];

  private constructor(
    readonly em: EntityManager,
    private readonly send: Statement,
    /** Inside `inOneTransaction`: the transaction this one is a savepoint of. */
    private readonly within?: { parent: TenantTransaction; enclosing: Enclosing },
  ) {}

  static async open(orm: Orm): Promise<TenantTransaction> {
    const around = enclosing.getStore();
    if (around?.orm === orm) {
      const parent = around.open.at(-1)!;
      const em = parent.em.fork({ clear: true, useContext: false });
      await em.begin({ ctx: parent.em.getTransactionContext() });
      const nested = new TenantTransaction(em, await oneStatementAtATime(em), {
        parent,
        enclosing: around,
      });
      around.open.push(nested);
      // A savepoint sees its parent's settings; it starts with none, as a transaction would.
      await nested.applyScope(EVERY_SETTING.map((key) => [key, undefined]));
      return nested;
    }
    const em = orm.em.fork({ clear: true, useContext: false });
    await em.begin();
    return new TenantTransaction(em, await oneStatementAtATime(em));
  }

  /**
   * Sends one statement on this transaction's connection, past the ORM and its query builder:
   * for the few statements every request makes (its scope, the session, the membership, the
   * access-log line), where building, formatting and wrapping cost more than the statement
   * itself (issue 14). The text is constant with `$1`-style parameters. It waits its turn with
   * the ORM's statements and is refused once the transaction has ended, as theirs are.
   */
  query<Row extends pg.QueryResultRow = pg.QueryResultRow>(
    text: string,
    values?: readonly unknown[],
  ): Promise<pg.QueryResult<Row>> {
    return this.send(text, values) as Promise<pg.QueryResult<Row>>;
  }

  /** Sets (or clears, with `undefined`) the given parts of the scope for this transaction. */
  async setScope(scope: TenantScope): Promise<void> {
    const entries = Object.entries(scope) as [keyof TenantScope, string | undefined][];
    if (entries.length === 0) return;
    this.scope = { ...this.scope, ...scope };
    await this.applyScope(entries);
  }

  private async applyScope(entries: [keyof TenantScope, string | undefined][]): Promise<void> {
    const calls = entries.map(
      ([key], index) => `set_config('${SETTINGS[key]}', $${index + 1}, true) as s${index}`,
    );
    await this.query(
      `select ${calls.join(', ')}`,
      entries.map(([, value]) => value ?? ''),
    );
  }

  get isFinished(): boolean {
    return this.finished;
  }

  /** Work that must join the transaction last, just before it commits (e.g. the access log). */
  onBeforeCommit(hook: () => Promise<void>): void {
    this.beforeCommit.push(hook);
  }

  /**
   * Work that must survive a rollback, run afterwards in a transaction of its own with the same
   * scope (e.g. recording a refused attempt).
   */
  onAfterRollback(hook: (scope: TenantScope) => Promise<void>): void {
    this.afterRollback.push(hook);
  }

  /** Runs the before-commit work, flushes pending changes and commits. */
  async commit(): Promise<void> {
    if (this.finished) return;
    for (const hook of this.beforeCommit.splice(0)) await hook();
    this.finished = true;
    await this.em.commit();
    await this.leave();
    this.afterRollback.length = 0;
  }

  async rollback(): Promise<void> {
    if (this.finished && this.afterRollback.length === 0) return;
    if (!this.finished) {
      this.finished = true;
      await this.em.rollback();
      await this.leave();
    }
    for (const hook of this.afterRollback.splice(0)) await hook(this.scope);
  }

  /**
   * A savepoint that ends hands the transaction back to its parent with the parent's scope: a
   * released savepoint keeps the settings made in it, and the parent must not go on as the
   * person the savepoint acted for.
   */
  private async leave(): Promise<void> {
    if (!this.within) return;
    const { parent, enclosing: around } = this.within;
    around.open.splice(around.open.indexOf(this), 1);
    if (parent.finished) return;
    await parent.applyScope(EVERY_SETTING.map((key) => [key, parent.scope[key]]));
  }
}

/**
 * Runs `work` so that everything it writes through `orm` commits together or not at all: each
 * transaction it opens there (through the services, `actAs`, `withTenantTransaction`) becomes a
 * savepoint of one transaction, committed when `work` resolves. A process killed before then
 * leaves nothing behind (the demo data, issue 15). Its work must open transactions one after
 * another, as the demo loader does: savepoints of one connection cannot run side by side.
 */
export async function inOneTransaction<T>(orm: Orm, work: () => Promise<T>): Promise<T> {
  const outer = await TenantTransaction.open(orm);
  try {
    const result = await enclosing.run({ orm, open: [outer] }, work);
    await outer.commit();
    return result;
  } catch (error) {
    await outer.rollback().catch(() => undefined);
    throw error;
  }
}

/**
 * Field resolvers of one GraphQL response run together and share the request's transaction, so
 * their statements would reach its one connection while another is still running: pg 8 queues
 * them behind a deprecation warning, pg 9 refuses them. Every statement of the transaction
 * (the ORM's, ours, and COMMIT itself) passes knex's transaction client, which exists for this
 * transaction only: a queue there sends the next statement when the previous one has answered.
 */
async function oneStatementAtATime(em: EntityManager): Promise<Statement> {
  const trx = em.getTransactionContext<KnexTransaction>();
  if (!trx) throw new Error('The transaction has not begun.');
  const client = trx.client;
  const connection = await client.acquireConnection();
  const send = client._query.bind(client);
  let previous: Promise<unknown> = Promise.resolve();
  const inTurn = <T>(statement: () => Promise<T>): Promise<T> => {
    const next = previous.then(statement);
    previous = next.catch(() => undefined);
    return next;
  };
  client._query = (conn, statement) => inTurn(() => send(conn, statement));
  return (text, values) =>
    inTurn(() => {
      // knex refuses a statement on a finished transaction; so does this path.
      if (trx.isCompleted()) throw new Error(`The transaction has ended: ${text.slice(0, 60)}`);
      // Told like knex's own statements, so whoever counts them (tests, plans) sees every one.
      client.emit('query', { sql: text, bindings: values ?? [] });
      return connection.query(text, values as unknown[]);
    });
}

/**
 * Runs `work` in one scoped transaction: commits when it resolves, rolls back when it throws.
 * Jobs, seeding and tests use this; GraphQL requests open theirs in the request context.
 */
export async function withTenantTransaction<T>(
  orm: Orm,
  scope: TenantScope,
  work: (em: EntityManager) => Promise<T>,
): Promise<T> {
  const tx = await TenantTransaction.open(orm);
  try {
    await tx.setScope(scope);
    const result = await work(tx.em);
    await tx.commit();
    return result;
  } catch (error) {
    await tx.rollback().catch(() => undefined);
    throw error;
  }
}
