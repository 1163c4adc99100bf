import { createHash } from 'node:crypto';
import { RateLimiterPostgres } from 'rate-limiter-flexible';
import type { Config } from '../../core/config.js';
import type { Orm } from '../../core/db/orm.js';
import { Budget } from '../../core/rate-limit/budget.js';

/**
 * The budgets that slow and stop guessing (ADR 0062), kept in PostgreSQL (`sign_in_limits`) so
 * they hold across server processes and restarts:
 * - `address`: sign-ins without success from one client address (429 past it), whatever the
 *   accounts tried;
 * - `email`: attempts on one e-mail address since its last success, which set the slow-down,
 *   whether or not the address has an account (so the delay tells nothing);
 * - `mfaCode`: wrong second-factor codes of one account, across its sessions (429 past it); a
 *   new password sign-in does not give them back.
 * Every attempt is counted before it is checked, so parallel guesses are counted too; a
 * success gives its own attempt back (and the e-mail's and account's whole count).
 */
export interface AttemptLimits {
  address: Budget;
  email: Budget;
  mfaCode: Budget;
}

const built = new WeakMap<Orm, AttemptLimits>();

/** The limits over this pool's database: one set per process and database. */
export function attemptLimits(orm: Orm, config: Config): AttemptLimits {
  let limits = built.get(orm);
  if (!limits) {
    // The runtime pool's own connections, outside the request's transaction: a counted attempt
    // stays counted when the request rolls back with the refusal it answers.
    const store = (options: { keyPrefix: string; points: number; duration: number }) =>
      new RateLimiterPostgres({
        ...options,
        storeClient: orm.em.getKnex(),
        storeType: 'knex',
        tableName: 'sign_in_limits',
        // Made by migration 0062: the runtime role may not create tables.
        tableCreated: true,
      });
    const windowSeconds = config.signIn.lockMinutes * 60;
    limits = {
      address: new Budget({
        name: 'sign-in-address',
        points: config.signIn.addressLimit,
        windowSeconds,
        store,
      }),
      // Counts only (the account lock is the user's); the budget is never reached.
      email: new Budget({ name: 'sign-in-email', points: 1_000_000, windowSeconds, store }),
      mfaCode: new Budget({
        name: 'mfa-code',
        points: config.signIn.mfaCodeLimit,
        windowSeconds,
        store,
      }),
    };
    built.set(orm, limits);
  }
  return limits;
}

/** A limiter key that names an address or account without holding it in clear. */
export function limitKey(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}
