import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

/**
 * The request id of the HTTP request being served. Error formatting and logging read it from
 * here, because Apollo's error hook has no access to the request.
 */
export const requestIdStorage = new AsyncLocalStorage<string>();

const ACCEPTED_ID = /^[A-Za-z0-9-]{8,64}$/;

/** Takes a well-formed `X-Request-Id` from a proxy or makes one, and echoes it back. */
export function requestIdMiddleware(req: Request, res: Response, next: NextFunction) {
  const incoming = req.get('x-request-id');
  const requestId = incoming && ACCEPTED_ID.test(incoming) ? incoming : randomUUID();
  res.locals.requestId = requestId;
  res.setHeader('X-Request-Id', requestId);
  requestIdStorage.run(requestId, next);
}
