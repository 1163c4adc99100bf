import type { Request, Response } from 'express';
import type { RequestContext } from '../context.js';
import { databaseFailure } from '../db/failures.js';
import { AppError, httpStatusOf, retryAfterOf } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Credentials, OpenRequestContext } from './credentials.js';

/** What an HTTP route outside GraphQL needs to run as one request with a session. */
export interface RestDeps {
  /** Opens the request's context (the request layer, wired in app.ts). */
  openContext: OpenRequestContext;
  log: Logger;
  /** The session token and organisation the request presents (bearer or cookie, X-Organisation). */
  credentials(req: Request, res: Response): Credentials;
}

/** Writes the answer once the transaction has committed. */
export type Reply = (res: Response) => void;

/** The HTTP status of an expected failure; `statusFor` may refine it (e.g. 413, 415). */
export function httpStatus(error: AppError, statusFor?: (error: AppError) => number | undefined) {
  return statusFor?.(error) ?? httpStatusOf(error.code);
}

/**
 * Answers a failure as JSON in the same words as the GraphQL error mapper: expected failures keep
 * their code, message and details; anything else is logged once and masked behind the request id.
 */
export function sendError(
  res: Response,
  log: Logger,
  error: unknown,
  statusFor?: (error: AppError) => number | undefined,
): void {
  const requestId = String(res.locals.requestId);
  if (res.headersSent) {
    log.error({ err: error, requestId }, 'failure after the answer started');
    res.destroy();
    return;
  }
  const expected = error instanceof AppError ? error : databaseFailure(error);
  if (expected) {
    if (expected.code === 'UNAVAILABLE')
      log.warn({ err: error, requestId }, 'database unavailable');
    const retryAfter = retryAfterOf(expected);
    if (retryAfter !== undefined) res.set('Retry-After', String(retryAfter));
    res.status(httpStatus(expected, statusFor)).json({
      error: { code: expected.code, message: expected.message, ...expected.details, requestId },
    });
    return;
  }
  log.error({ err: error, requestId }, 'request failed');
  res.status(500).json({
    error: {
      code: 'INTERNAL_SERVER_ERROR',
      message: `Something went wrong on our side. Reference: ${requestId}.`,
      requestId,
    },
  });
}

/**
 * Runs one HTTP operation as GraphQL operations run: one scoped transaction, committed when the
 * work succeeds (the access log joins it just before), rolled back otherwise (refused attempts
 * are still logged). The answer is written only after the commit, so a client is never told that
 * something was saved, or handed a document, when the transaction did not go through.
 */
export async function runInRequestContext(
  deps: RestDeps,
  req: Request,
  res: Response,
  work: (ctx: RequestContext) => Promise<Reply>,
  statusFor?: (error: AppError) => number | undefined,
): Promise<void> {
  const log = deps.log;
  let ctx: RequestContext | undefined;
  try {
    ctx = await deps.openContext({
      ...deps.credentials(req, res),
      requestId: String(res.locals.requestId),
    });
    const reply = await work(ctx);
    await ctx.tx.commit();
    reply(res);
  } catch (error) {
    await ctx?.tx.rollback().catch((rollbackError: unknown) => {
      log.error({ err: rollbackError, requestId: res.locals.requestId }, 'rollback failed');
    });
    sendError(res, log, error, statusFor);
  }
}
