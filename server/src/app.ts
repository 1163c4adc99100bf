import { isUtf8 } from 'node:buffer';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expressMiddleware } from '@as-integrations/express5';
import { parseCookie, stringifySetCookie } from 'cookie';
import express, { type Request, type Response } from 'express';
import { execute, parse, type DocumentNode } from 'graphql';
import type { Config } from './core/config.js';
import type { RequestContext } from './core/context.js';
import type { Orm } from './core/db/orm.js';
import { databaseFailure } from './core/db/failures.js';
import { Admission, admissionGate } from './core/graphql/admission.js';
import { createApolloServer } from './core/graphql/apollo.js';
import { createErrorFormatter, earlyFailure } from './core/graphql/errors.js';
import { TrustedDocuments, trustedDocumentsGate } from './core/graphql/trusted-documents.js';
import { bearerToken, presentedToken, type Credentials } from './core/http/credentials.js';
import {
  sessionCookieFor,
  type SessionCookie,
  type Transport,
} from './core/http/session-cookie.js';
import { logRefusal, principalOf, type Principal } from './core/http/refusals.js';
import { requestIdMiddleware } from './core/http/request-id.js';
import { securityHeaders } from './core/http/security-headers.js';
import { webClient } from './core/http/web-client.js';
import type { Logger } from './core/logger.js';
import {
  startAccessLogSealer,
  type AccessLogSealer,
} from './modules/access-log/access-log-sealer.js';
import { documentRoutes } from './modules/documents/document.routes.js';
import { dataExportRoutes } from './modules/data-subject-requests/data-export.routes.js';
import { dossierDocuments } from './modules/data-subject-requests/dossier-documents.js';
import { devInboxRoutes } from './modules/mail/dev-inbox.routes.js';
import type { Mailer } from './modules/mail/mailer.js';
import { operatorRoutes } from './modules/operators/operator.routes.js';
import { OutboxFeed } from './core/realtime/outbox-feed.js';
import { createRequestContext, type ContextDeps } from './request/request-context.js';
import { attachWebSocketServer } from './request/websocket.js';
import { buildKlachtpadSchema } from './schema.js';
import { flushSecurityLog, recordSecurityEvent } from './modules/security-log/security-log.js';

export interface AppDeps {
  config: Config;
  orm: Orm;
  log: Logger;
  clock?: () => Date;
  /** The mailer the worker of this process sends with: its development inbox is served. */
  mailer?: Mailer;
}

export interface App {
  httpServer: http.Server;
  /** Chains the access-log lines requests appended, on demand and at shutdown (ADR 0021). */
  accessLogSealer: AccessLogSealer;
  /** This process's live feed: what its subscriptions are told (ADR 0075). */
  feed: OutboxFeed;
  /** Open WebSocket connections (for tests that check nothing is left behind). */
  sockets(): number;
  /**
   * What the `caseUpdated` fan-out did: batches served, documents executed, subscriptions joined
   * (ADR 0079).
   */
  liveFanout: {
    readonly batches: number;
    readonly executions: number;
    readonly joined: number;
  };
  /** Starts listening; resolves with the bound port (useful with port 0). */
  listen(port: number, host?: string): Promise<number>;
  /** Stops taking requests, lets in-flight ones finish, then closes the server. */
  close(): Promise<void>;
}

/** Builds the whole HTTP application without listening; main.ts and tests listen. */
export async function createApp(deps: AppDeps): Promise<App> {
  const { config, log } = deps;
  // One connection per process LISTENs for what any process committed (ADR 0075).
  const feed = new OutboxFeed({ connectionString: deps.orm.config.getClientUrl(), log });
  await feed.start();
  const contextDeps: ContextDeps = { ...deps, clock: deps.clock ?? (() => new Date()), feed };
  const schema = await buildKlachtpadSchema();
  const webDist = config.webDistDir ?? fileURLToPath(new URL('../../web/dist', import.meta.url));
  // The web build's operations, read once: a new build is served by a new start (ADR 0063).
  const trusted = TrustedDocuments.load(
    path.join(webDist, 'trusted-documents.json'),
    config.trustedDocuments,
    log,
  );
  const app = express();
  const httpServer = http.createServer(app);
  const apollo = createApolloServer(schema, config, log, httpServer, (ctx, refusal) =>
    recordSecurityEvent(ctx, { kind: 'rate-limited', reason: `${refusal.budget}-budget` }),
  );
  await apollo.start();
  // What can be judged from the request alone is judged before any session or statement.
  const admission = new Admission(schema, config, log);
  const webSockets = attachWebSocketServer(httpServer, schema, contextDeps, {
    path: '/graphql',
    trusted,
    admission,
  });
  // Regular sealing is the queue's periodic job; this one seals on demand and at shutdown.
  const accessLogSealer = startAccessLogSealer({
    connectionString: deps.orm.config.getClientUrl(),
    log,
  });
  let draining = false;

  app.disable('x-powered-by');
  // Every answer of the API is one person's and no-store: a validator would never be asked for,
  // yet Express would hash each whole response body to make one (the static web client's files
  // keep theirs, which serve-static makes apart from this setting).
  app.set('etag', false);
  app.set('trust proxy', 'loopback');
  app.use(requestIdMiddleware);
  app.use(securityHeaders());
  app.use(accessLog(log));

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    if (draining) return void res.status(503).json({ status: 'draining' });
    try {
      await deps.orm.em.fork().execute('select 1');
      res.json({ status: 'ready' });
    } catch {
      res.status(503).json({ status: 'database unavailable' });
    }
  });

  const presented = (req: Request) =>
    presentedToken(
      bearerToken(req.get('authorization')),
      parseCookie(req.get('cookie') ?? '')[sessionCookieFor(config, transport(req)).name],
    );
  const credentials = (req: Request, res: Response): Credentials => ({
    requestId: res.locals.requestId as string,
    token: presented(req).token,
    organisationSlug: req.get('x-organisation') ?? undefined,
    clientAddress: req.ip,
    setSessionCookie: (token, expiresAt) =>
      setSessionCookie(res, sessionCookieFor(config, transport(req)), token, expiresAt),
  });

  const principal = (req: Request, res: Response) =>
    principalOf(credentials(req, res), presented(req).presented);
  const formatError = createErrorFormatter(log);

  app.use(
    '/graphql',
    express.json({ limit: config.limits.bodyBytes, verify: refuseInvalidUtf8 }),
    trustedDocumentsGate(trusted, principal, formatError, log),
    admissionGate(admission, principal, formatError),
    expressMiddleware(apollo, {
      context: async ({ req, res }): Promise<RequestContext> => {
        const ctx = await createRequestContext(contextDeps, credentials(req, res)).catch(
          (error: unknown) => {
            // A database that cannot be reached is a 503 the client may retry, not a 500.
            const failure = databaseFailure(error);
            throw failure ? earlyFailure(failure) : error;
          },
        );
        // Apollo refuses some requests (batches, malformed bodies) after the context exists but
        // before any plugin hook runs; whatever is still open when the response ends rolls back.
        res.once('close', () => void ctx.tx.rollback().catch(() => undefined));
        return ctx;
      },
    }),
  );

  app.use(
    '/documents',
    documentRoutes(
      {
        openContext: (presented) => createRequestContext(contextDeps, presented),
        log,
        credentials,
      },
      { maxBytes: config.documents.maxBytes },
    ),
  );

  // The answer to a client's access request is their own view, run through this very schema as
  // them (ADR 0095): the export cannot show what the API would not.
  const dossier = dossierDocuments(schema);
  const parsed = new Map<string, DocumentNode>();
  app.use(
    '/data-exports',
    dataExportRoutes({
      openContext: (presented) => createRequestContext(contextDeps, presented),
      log,
      credentials,
      documents: dossier,
      async view(ctx, document, variables) {
        let node = parsed.get(document);
        if (!node) parsed.set(document, (node = parse(document)));
        const result = await execute({
          schema,
          document: node,
          contextValue: ctx,
          variableValues: variables ?? {},
        });
        if (result.errors?.length) throw result.errors[0]!.originalError ?? result.errors[0]!;
        return result.data as Record<string, unknown>;
      },
    }),
  );

  app.use('/operator', operatorRoutes({ orm: deps.orm, log, clock: contextDeps.clock }));

  if (config.mode === 'development' && deps.mailer?.kind === 'dev-inbox') {
    app.use('/dev', devInboxRoutes(deps.mailer));
  }

  serveWebClient(app, webDist);
  app.use(jsonErrors(log, principal));

  return {
    httpServer,
    accessLogSealer,
    feed,
    sockets: () => webSockets.sockets(),
    liveFanout: webSockets.fanout,
    listen: (port, host = config.host) =>
      new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => resolve((httpServer.address() as AddressInfo).port));
      }),
    async close() {
      draining = true;
      // Sockets first (1001, going away: clients reconnect elsewhere), or the HTTP server
      // would wait for them.
      await webSockets.close();
      await feed.stop();
      // Apollo's drain plugin stops the HTTP server and waits for in-flight requests; then the
      // lines they appended get their seal before the pool closes.
      await apollo.stop();
      await accessLogSealer.stop();
      await flushSecurityLog(deps.orm);
    },
  };
}

/** How Express saw the request come in (`trust proxy` is loopback: a local proxy may say). */
function transport(req: Request): Transport {
  return { secure: req.secure, hostname: req.hostname };
}

function setSessionCookie(
  res: Response,
  cookie: SessionCookie,
  token: string | undefined,
  expiresAt?: Date,
) {
  res.append(
    'Set-Cookie',
    stringifySetCookie({
      name: cookie.name,
      value: token ?? '',
      httpOnly: true,
      // Lax, not Strict: a link from a mail or another site (the address confirmation, a
      // notification) opens the page signed in. Cross-site POSTs still carry no cookie, and the
      // API refuses requests without its own headers (CSRF prevention).
      sameSite: 'lax',
      secure: cookie.secure,
      path: '/',
      expires: token && expiresAt ? expiresAt : new Date(0),
    }),
  );
}

/** The built web client, when present (`core/http/web-client.ts`). */
function serveWebClient(app: express.Express, dist: string) {
  const client = webClient(dist);
  if (client) app.use(client);
}

/** One line per request: method, path, status, duration and request id; never bodies or ids of people. */
function accessLog(log: Logger) {
  return (req: Request, res: Response, next: () => void) => {
    // At `warn` (production) the line would be dropped: no clock and no listener per request.
    if (!log.isLevelEnabled('info')) return next();
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      log.info(
        {
          requestId: res.locals.requestId,
          method: req.method,
          path: req.originalUrl.split('?')[0],
          status: res.statusCode,
          ms: Number((process.hrtime.bigint() - started) / 1_000_000n),
        },
        'request',
      );
    });
    next();
  };
}

/**
 * A body that is not valid UTF-8 is refused, not read with replacement characters: what a person
 * wrote must not change silently on the way in (ADR 0064).
 */
function refuseInvalidUtf8(_req: Request, _res: Response, body: Buffer) {
  if (!isUtf8(body))
    throw Object.assign(new Error('The body is not valid UTF-8.'), {
      status: 400,
      type: 'encoding.invalid',
    });
}

/** Body-parser failures (too large, malformed JSON, not UTF-8) answered in the GraphQL error shape. */
function jsonErrors(log: Logger, principal: (req: Request, res: Response) => Principal) {
  return (error: unknown, req: Request, res: Response, _next: () => void) => {
    const status = (error as { status?: number }).status ?? 500;
    const tooLarge = status === 413;
    if (status >= 500) log.error({ err: error, requestId: res.locals.requestId }, 'http error');
    else
      logRefusal(
        log,
        principal(req, res),
        tooLarge
          ? 'BODY_TOO_LARGE'
          : (error as { type?: string }).type === 'encoding.invalid'
            ? 'INVALID_UNICODE'
            : 'UNREADABLE_BODY',
      );
    res.status(status).json({
      errors: [
        {
          message: tooLarge
            ? 'The request is too large.'
            : status < 500
              ? 'The request could not be read.'
              : `Something went wrong on our side. Reference: ${String(res.locals.requestId)}.`,
          extensions: {
            code: status < 500 ? 'BAD_USER_INPUT' : 'INTERNAL_SERVER_ERROR',
            requestId: res.locals.requestId,
          },
        },
      ],
    });
  };
}
