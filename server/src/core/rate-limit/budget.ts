import { RateLimiterMemory, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { rateLimited } from '../errors.js';

export interface BudgetOptions {
  /** What the budget is of, e.g. `graphql-cost-user`; keeps the keys of two budgets apart. */
  name: string;
  /** Points each key may spend per window. */
  points: number;
  windowSeconds: number;
  /**
   * Where the spent points are kept; in this process's memory unless another store is given
   * (rate-limiter-flexible's Postgres or Redis limiters, built from the same options).
   */
  store?: (options: { keyPrefix: string; points: number; duration: number }) => RateLimiterAbstract;
}

/**
 * A budget of points per key and time window, with rate-limiter-flexible's fixed windows: the
 * one rate limiter of the server (ADR 0065), for GraphQL cost per user and organisation and for
 * anything else that must be throttled (sign-in attempts). Spending past the budget throws
 * `RATE_LIMITED` with the seconds until the window frees points again (`Retry-After`).
 */
export class Budget {
  private readonly limiter: RateLimiterAbstract;

  constructor(readonly options: BudgetOptions) {
    const limiterOptions = {
      keyPrefix: options.name,
      points: options.points,
      duration: options.windowSeconds,
    };
    this.limiter = options.store?.(limiterOptions) ?? new RateLimiterMemory(limiterOptions);
  }

  /**
   * Takes `points` from `key`'s budget, or throws RATE_LIMITED when it is spent; answers how
   * many points `key` has spent in this window, these included.
   */
  async spend(key: string, points = 1): Promise<number> {
    try {
      return (await this.limiter.consume(key, points)).consumedPoints;
    } catch (refusal) {
      // The limiter rejects with its result when the budget is spent, with an Error when its
      // store failed: a broken store must not pass as "too many requests".
      if (!(refusal instanceof RateLimiterRes)) throw refusal;
      throw rateLimited(refusal.msBeforeNext / 1000);
    }
  }

  /** What is left of `key`'s budget in the current window. */
  async remaining(key: string): Promise<number> {
    const state = await this.limiter.get(key);
    return state ? Math.max(0, state.remainingPoints) : this.options.points;
  }

  /** Gives `points` back to `key`'s budget (an attempt that turned out to be no guess). */
  async refund(key: string, points = 1): Promise<void> {
    await this.limiter.reward(key, points);
  }

  /** Gives `key` its whole budget back (e.g. after a successful sign-in). */
  async reset(key: string): Promise<void> {
    await this.limiter.delete(key);
  }
}
