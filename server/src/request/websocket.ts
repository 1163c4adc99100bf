import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import type { Duplex } from 'node:stream';
import { parseCookie } from 'cookie';
import {
  createSourceEventStream,
  execute,
  GraphQLError,
  OperationTypeNode,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLSchema,
} from 'graphql';
import { CloseCode } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Role } from '@klachtpad/contracts';
import type { RequestContext } from '../core/context.js';
import { AppError } from '../core/errors.js';
import { Admission, Refusal } from '../core/graphql/admission.js';
import { createErrorFormatter, originalOf } from '../core/graphql/errors.js';
import type { TrustedDocuments } from '../core/graphql/trusted-documents.js';
import {
  bearerToken,
  presentedToken,
  type Credentials,
  type Presented,
} from '../core/http/credentials.js';
import { originAllowed } from '../core/http/origin-policy.js';
import { logRefusal, principalOf } from '../core/http/refusals.js';
import { sessionCookieFor, transportOf } from '../core/http/session-cookie.js';
import { SlowConsumerError } from '../core/realtime/live-stream.js';
import type { CaseChangeSignal } from '../core/realtime/outbox-feed.js';
import { LiveAccessEnded } from '../modules/realtime/realtime.service.js';
import { liveDocument, LiveCaseFanout, type LiveDocument } from './live-fanout.js';
import { nextFrames, STOPPED_READING_CLOSE, type NextFrames } from './next-frames.js';
import { createRequestContext, type ContextDeps } from './request-context.js';

export interface WebSocketOptions {
  path: string;
  /** The web build's operations: a browser's subscriptions come by id, as over HTTP (ADR 0063). */
  trusted: TrustedDocuments;
  /** The admission step HTTP requests pass too (ADR 0064): one judge for both transports. */
  admission: Admission;
}

/** One authenticated socket: what it presented, checked again on every push and on a timer. */
interface LiveConnection {
  credentials: Credentials;
  /** Whether the socket signed in with the session cookie of its upgrade or with a token. */
  presented: Presented;
  userId: string;
  /**
   * The roles the socket was opened with. A socket whose person has lost one since is closed
   * (4403), so the client reconnects with what is left rather than keep a view it no longer has.
   */
  roles: readonly Role[];
  socket: WebSocket;
  recheck: NodeJS.Timeout | undefined;
  /** A request context for one push or check, exactly as an HTTP request gets one. */
  open(): Promise<RequestContext>;
  close(code: number, reason: string): void;
}

type ConnectionExtra = Record<PropertyKey, unknown> & { live?: LiveConnection | undefined };

/**
 * GraphQL over WebSocket (`graphql-transport-ws`) on the HTTP server's own port and path
 * (ADR 0076). Sockets authenticate at `connection_init` with the same code as HTTP requests
 * (`connectionParams.authorization` or the session cookie, `connectionParams.organisation`), and
 * are checked again while they live; operations get HTTP's validation, limits, introspection
 * policy and error masking, which graphql-ws would otherwise not apply. Only subscriptions are
 * served here: queries and mutations go over HTTP, where their transactions are handled.
 */
export function attachWebSocketServer(
  httpServer: http.Server,
  schema: GraphQLSchema,
  deps: ContextDeps,
  options: WebSocketOptions,
): {
  close(): Promise<void>;
  sockets(): number;
  fanout: LiveCaseFanout['stats'];
} {
  const { config, log } = deps;
  const limits = config.realtime;
  const formatError = createErrorFormatter(log);
  const socketsPerUser = new Map<string, number>();
  const connections = new Set<LiveConnection>();
  const fanout = new LiveCaseFanout(deps);
  // graphql-ws hands `subscribe` the very arguments `onSubscribe` returned: the operation's id
  // rides along with them, for the frames the fan-out writes itself.
  const operationIds = new WeakMap<ExecutionArgs, string>();
  const wss = new WebSocketServer({ noServer: true, maxPayload: config.limits.bodyBytes });

  const onUpgrade = (request: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = (request.url ?? '').split('?')[0];
    if (path !== options.path) return void refuseUpgrade(socket, 404, 'Not Found');
    if (!originAllowed(config, request)) return void refuseUpgrade(socket, 403, 'Forbidden');
    wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
  };
  httpServer.on('upgrade', onUpgrade);

  const mask = (errors: readonly GraphQLError[]) =>
    errors.map((error) => formatError(error.toJSON(), error));

  const server = useServer<Record<string, unknown>, ConnectionExtra>(
    {
      schema,
      connectionInitWaitTimeout: limits.initTimeoutMs,
      isProd: config.mode !== 'development',
      async onConnect(ctx) {
        const params = ctx.connectionParams ?? {};
        const { socket, request } = ctx.extra;
        const authorization =
          typeof params.authorization === 'string' ? params.authorization : undefined;
        const { token, presented } = presentedToken(
          authorization && (bearerToken(authorization) ?? authorization),
          parseCookie(request.headers.cookie ?? '')[
            sessionCookieFor(deps.config, transportOf(request)).name
          ],
        );
        const credentials: Credentials = {
          token,
          organisationSlug:
            typeof params.organisation === 'string' ? params.organisation : undefined,
        };
        const open = () => createRequestContext(deps, credentials);
        const admitted = await admission(open);
        if ('code' in admitted) {
          socket.close(admitted.code, admitted.reason);
          return false;
        }
        const { userId, roles } = admitted;
        const count = (socketsPerUser.get(userId) ?? 0) + 1;
        if (count > limits.maxSocketsPerUser) {
          socket.close(CloseCode.TooManyInitialisationRequests, 'Too many connections');
          return false;
        }
        socketsPerUser.set(userId, count);
        const live: LiveConnection = {
          credentials,
          presented,
          userId,
          roles,
          socket,
          recheck: undefined,
          open,
          close: (code, reason) => {
            if (socket.readyState === socket.OPEN) socket.close(code, reason);
          },
        };
        // A session that ends or a membership that goes closes the socket within seconds, even
        // while nothing happens on it. The next check is planned when this one has answered, so
        // a slow database never piles checks up.
        const plan = () => {
          live.recheck = setTimeout(() => {
            admission(open).then(
              (still) => {
                if ('code' in still || lostRoles(live, still.roles))
                  live.close(CloseCode.Forbidden, 'Forbidden');
                else if (connections.has(live)) plan();
              },
              (error: unknown) => {
                log.warn({ err: error }, 'websocket recheck failed');
                if (connections.has(live)) plan();
              },
            );
          }, limits.sessionRecheckMs);
          live.recheck.unref();
        };
        plan();
        connections.add(live);
        ctx.extra.live = live;
        return true;
      },
      onClose(ctx) {
        const live = ctx.extra.live;
        if (!live) return;
        ctx.extra.live = undefined;
        connections.delete(live);
        clearTimeout(live.recheck);
        const left = (socketsPerUser.get(live.userId) ?? 1) - 1;
        if (left > 0) socketsPerUser.set(live.userId, left);
        else socketsPerUser.delete(live.userId);
      },
      onSubscribe(ctx, id, payload) {
        const live = ctx.extra.live!;
        // A socket has no request id of its own; each operation gets one for its log lines.
        const principal = principalOf(
          { ...live.credentials, requestId: randomUUID() },
          live.presented,
        );
        if (Object.keys(ctx.subscriptions).length > limits.maxSubscriptionsPerSocket) {
          logRefusal(log, principal, 'TOO_MANY_SUBSCRIPTIONS');
          const refusal = new AppError(
            'BAD_USER_INPUT',
            'Too many subscriptions on this connection.',
            {
              reason: 'TOO_MANY_SUBSCRIPTIONS',
            },
          );
          return [new GraphQLError(refusal.message, { originalError: refusal })];
        }
        const resolved = options.trusted.resolve(payload, live.presented);
        if (resolved instanceof AppError) {
          logRefusal(log, principal, String(resolved.details.reason));
          return [new GraphQLError(resolved.message, { originalError: resolved })];
        }
        const admitted = options.admission.admit(
          {
            query: resolved.query,
            operationName: payload.operationName,
            variables: payload.variables,
            serves: [OperationTypeNode.SUBSCRIPTION],
          },
          principal,
        );
        if (admitted instanceof Refusal) return [...admitted.errors];
        const { document } = admitted;
        const args: ExecutionArgs = {
          schema,
          document,
          operationName: payload.operationName,
          variableValues: payload.variables,
          contextValue: live,
        };
        operationIds.set(args, id);
        return args;
      },
      subscribe: (args) =>
        liveOperation(args, fanout, {
          id: operationIds.get(args)!,
          maxUnsentBytes: limits.maxUnsentBytes,
        }),
      onNext(_ctx, _id, _payload, _args, result) {
        return result.errors ? { ...result, errors: mask(result.errors) } : undefined;
      },
      onError(_ctx, _id, _payload, errors) {
        return mask(errors);
      },
    },
    wss,
  );

  return {
    sockets: () => wss.clients.size,
    fanout: fanout.stats,
    async close() {
      httpServer.off('upgrade', onUpgrade);
      for (const live of connections) clearTimeout(live.recheck);
      await server.dispose();
    },
  };
}

/** Who a socket serves, or why it may not (or no longer) be served. */
async function admission(
  open: () => Promise<RequestContext>,
): Promise<{ userId: string; roles: readonly Role[] } | { code: number; reason: string }> {
  let ctx: RequestContext;
  try {
    ctx = await open();
  } catch (error) {
    if (error instanceof AppError) return { code: CloseCode.Unauthorized, reason: 'Unauthorized' };
    throw error;
  }
  try {
    if (!ctx.viewer) return { code: CloseCode.Unauthorized, reason: 'Unauthorized' };
    if (ctx.organisationRefusal || !ctx.active)
      return { code: CloseCode.Forbidden, reason: 'Forbidden' };
    return { userId: ctx.viewer.userId, roles: ctx.active.roles };
  } finally {
    await ctx.tx.rollback().catch(() => undefined);
  }
}

/** Whether the person holds fewer roles than the socket was opened with (ADR 0096). */
function lostRoles(live: LiveConnection, now: readonly Role[]): boolean {
  return live.roles.some((role) => !now.includes(role));
}

function refuseUpgrade(socket: Duplex, status: number, text: string) {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/**
 * A subscription: its source is opened in one request context (refused as the matching query
 * would be), then every signal is resolved in a fresh one — session, membership and ability
 * checked anew, its own transaction — as that subscriber. `caseUpdated` is checked and built
 * with every other subscriber's push of the same batch instead (ADR 0079), in a fresh context
 * only when its document asks for more than the batch holds. A push that resolves to nothing is
 * not sent, nor one that repeats the last.
 */
async function liveOperation(
  args: ExecutionArgs,
  fanout: LiveCaseFanout,
  operation: { id: string; maxUnsentBytes: number },
): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> {
  const live = args.contextValue as LiveConnection;
  const batched = liveDocument(args);
  const first = await live.open();
  let source: Awaited<ReturnType<typeof createSourceEventStream>>;
  try {
    source = await createSourceEventStream({ ...args, contextValue: first });
    if (Symbol.asyncIterator in source) {
      if (batched) await fanout.keep(live, first);
      await first.tx.commit();
    } else await first.tx.rollback();
  } catch (error) {
    await first.tx.rollback().catch(() => undefined);
    throw error;
  }
  if (!(Symbol.asyncIterator in source)) return source;
  // From here on the feed routes this subscription its changes.
  if (batched) fanout.stats.joined += 1;
  return pushes(
    source as AsyncIterableIterator<unknown>,
    args,
    live,
    batched && { fanout, document: batched, frames: nextFrames(live, operation) },
  );
}

/**
 * A batch gives one result to a whole group of sockets (ADR 0079): it is serialised once, and
 * encoded once for the frames written to every socket of the group.
 */
const texts = new WeakMap<ExecutionResult, string>();
const encodings = new WeakMap<ExecutionResult, Buffer>();

function serialised(result: ExecutionResult): string {
  let text = texts.get(result);
  if (text === undefined) {
    text = JSON.stringify(result);
    texts.set(result, text);
  }
  return text;
}

function encoded(result: ExecutionResult): Buffer {
  let bytes = encodings.get(result);
  if (bytes === undefined) {
    bytes = Buffer.from(serialised(result));
    encodings.set(result, bytes);
  }
  return bytes;
}

function pushes(
  source: AsyncIterableIterator<unknown>,
  args: ExecutionArgs,
  live: LiveConnection,
  batched: { fanout: LiveCaseFanout; document: LiveDocument; frames: NextFrames } | undefined,
): AsyncIterableIterator<ExecutionResult> {
  let previous: string | undefined;
  const done = { value: undefined, done: true } as const;
  const end = async () => {
    batched?.frames.end();
    await source.return?.();
    return done;
  };
  // Not an async generator: a generator waiting for its next signal would only act on
  // return() after that signal came, and a closed socket would keep its feed subscription.
  const iterator: AsyncIterableIterator<ExecutionResult> = {
    [Symbol.asyncIterator]: () => iterator,
    return: end,
    async next() {
      for (;;) {
        let signal: IteratorResult<unknown>;
        try {
          signal = await source.next();
        } catch (error) {
          if (!(error instanceof SlowConsumerError)) throw error;
          live.close(STOPPED_READING_CLOSE.code, STOPPED_READING_CLOSE.reason);
          return end();
        }
        if (signal.done) return end();
        let batchedResult: ExecutionResult | undefined;
        if (batched) {
          const push = await batched.fanout.push(
            live,
            signal.value as CaseChangeSignal,
            batched.document,
          );
          if (push.kind === 'close') {
            live.close(CloseCode.Forbidden, 'Forbidden');
            return end();
          }
          if (push.kind === 'skip') continue;
          if (push.kind === 'result') batchedResult = push.result;
        }
        const result = batchedResult ?? (await ownPush(signal.value));
        if (result === 'closed') return end();
        if (!result.errors && Object.values(result.data ?? {}).every((value) => value === null))
          continue;
        const text = serialised(result);
        if (text === previous) continue;
        previous = text;
        // A batch's result without errors goes out as it is; one with errors is masked by
        // graphql-ws's `onNext` like any other push.
        if (result === batchedResult && !result.errors) {
          if (!batched!.frames.write(encoded(result))) return end();
          continue;
        }
        return { value: result, done: false };
      }
    },
  };
  /** A push resolved in a request context of its own, as the subscriber. */
  const ownPush = async (rootValue: unknown): Promise<ExecutionResult | 'closed'> => {
    const ctx = await live.open();
    let result: ExecutionResult;
    try {
      if (
        !ctx.viewer ||
        ctx.organisationRefusal ||
        !ctx.active ||
        lostRoles(live, ctx.active.roles)
      ) {
        live.close(CloseCode.Forbidden, 'Forbidden');
        return 'closed';
      }
      result = await execute({ ...args, rootValue, contextValue: ctx });
      if (result.errors?.length) await ctx.tx.rollback();
      else await ctx.tx.commit();
    } finally {
      await ctx.tx.rollback().catch(() => undefined);
    }
    if (result.errors?.some((error) => originalOf(error) instanceof LiveAccessEnded)) {
      live.close(CloseCode.Forbidden, 'Forbidden');
      return 'closed';
    }
    return result;
  };
  return iterator;
}
