import express, { Router, type Request, type Response } from 'express';
import type { Orm } from '../../core/db/orm.js';
import { TenantTransaction } from '../../core/db/tenant-session.js';
import { bearerToken } from '../../core/http/credentials.js';
import { sendError } from '../../core/http/rest-operation.js';
import type { Logger } from '../../core/logger.js';
import {
  enterAsOperator,
  listOrganisations,
  onboardOrganisation,
  setAccountDisabled,
  type OperatorContext,
} from './operator.service.js';
import { readSecurityLog } from '../security-log/security-log.service.js';

export interface OperatorRouteDeps {
  orm: Orm;
  log: Logger;
  clock: () => Date;
}

/**
 * The operator API (ADR 0092): JSON over HTTP under /operator, with an operator's own bearer
 * token, never a member's session (no cookie is read). One transaction per request, committed
 * before the answer is written.
 */
export function operatorRoutes(deps: OperatorRouteDeps): Router {
  const router = Router();
  router.use(express.json({ limit: '16kb' }));

  const run =
    (work: (op: OperatorContext, req: Request) => Promise<{ status: number; body: unknown }>) =>
    async (req: Request, res: Response) => {
      const tx = await TenantTransaction.open(deps.orm);
      try {
        const op = await enterAsOperator(tx, bearerToken(req.get('authorization')), deps.clock());
        const answer = await work(op, req);
        await tx.commit();
        res.status(answer.status).json(answer.body);
      } catch (error) {
        await tx.rollback().catch(() => undefined);
        sendError(res, deps.log, error);
      }
    };

  router.post(
    '/organisations',
    run(async (op, req) => ({ status: 201, body: await onboardOrganisation(op, req.body) })),
  );
  router.get(
    '/organisations',
    run(async (op) => ({ status: 200, body: { organisations: await listOrganisations(op) } })),
  );
  // The address travels in the body, never in the path: paths end up in proxies' logs.
  router.post(
    '/accounts/disable',
    run(async (op, req) => ({ status: 200, body: await setAccountDisabled(op, req.body, true) })),
  );
  router.post(
    '/accounts/enable',
    run(async (op, req) => ({ status: 200, body: await setAccountDisabled(op, req.body, false) })),
  );
  router.get(
    '/security-log',
    run(async (op, req) => ({ status: 200, body: await readSecurityLog(op, req.query) })),
  );
  return router;
}
