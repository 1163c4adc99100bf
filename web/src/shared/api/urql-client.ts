import {
  CloseCode,
  createClient as createWsClient,
  type Client as WsClient,
  type ClientOptions as WsClientOptions,
} from 'graphql-ws';
import { persistedExchange } from '@urql/exchange-persisted';
import {
  Client,
  cacheExchange,
  fetchExchange,
  subscriptionExchange,
  type ExecutionResult,
} from 'urql';
import { documentId } from './document-id';

export interface ApiClient {
  client: Client;
  /** Closes the WebSocket, if one was opened; a later subscription opens a new one. */
  dispose(): void;
}

/** Where the WebSocket goes and how it is made; the browser's own unless a test says otherwise. */
export interface LiveSocketOptions {
  url?: string;
  webSocketImpl?: WsClientOptions['webSocketImpl'];
}

/** The longest wait between two attempts to reconnect the WebSocket. */
const MAX_RETRY_WAIT_MS = 30_000;

/**
 * One urql client per active organisation. Switching organisation builds a new client, so no
 * cached result of one organisation can ever be shown in another.
 *
 * The session lives in an HttpOnly cookie the browser sends itself (same origin, also on the
 * WebSocket upgrade, where the server reads it at `connection_init`); the client never sees or
 * stores a token. Subscriptions share this client's exchanges, so they are built, typed and sent
 * like every other operation (ADR 0077).
 *
 * Every operation, subscriptions included, goes by its id alone (ADR 0063): the build registered
 * it, and a server that requires registered documents refuses anything else from a browser
 * session. A server that does not know an id answers `PersistedQueryNotFound`, and the exchange
 * sends the document once more in full (which such a server then refuses, or runs).
 */
export function createApiClient(
  organisation: string | null,
  live: LiveSocketOptions = {},
): ApiClient {
  let ws: WsClient | undefined;
  const socket = (): WsClient => {
    ws ??= createWsClient({
      url: live.url ?? webSocketUrl(),
      ...(live.webSocketImpl ? { webSocketImpl: live.webSocketImpl } : {}),
      lazy: true,
      connectionParams: () => (organisation ? { organisation } : {}),
      // A dropped connection (a server restarting, a phone changing networks) is tried again for
      // as long as the page is open, at most every half minute. 4403 is not: the session or the
      // membership is gone, and the feed ends so the page can ask who is signed in.
      retryAttempts: Infinity,
      retryWait: (retries) =>
        new Promise((resolve) =>
          setTimeout(
            resolve,
            Math.min(MAX_RETRY_WAIT_MS, 1000 * 2 ** retries + Math.random() * 1000),
          ),
        ),
      shouldRetry: (event) => isCloseEvent(event) && event.code !== CloseCode.Forbidden,
    });
    return ws;
  };

  const client = new Client({
    url: '/graphql',
    // Apollo's CSRF prevention refuses GET requests without a preflight header; POST with
    // `content-type: application/json` always passes.
    preferGetMethod: false,
    fetchOptions: (): RequestInit => ({
      credentials: 'same-origin',
      headers: organisation ? { 'X-Organisation': organisation } : {},
    }),
    exchanges: [
      cacheExchange,
      persistedExchange({
        // POST like every other request (CSRF prevention, above).
        preferGetForPersistedQueries: false,
        enableForMutation: true,
        enableForSubscriptions: true,
        generateHash: (text) => Promise.resolve(documentId(text)),
      }),
      fetchExchange,
      subscriptionExchange({
        forwardSubscription(request) {
          // The payload is ours to keep: graphql-ws sends this very object again on every
          // reconnect, so a feed resumes from the last cursor it received (`after`) and misses
          // nothing while the connection was down. Sent by id, the document is left out, but
          // the protocol wants a string there.
          const payload = {
            query: request.query ?? '',
            operationName: request.operationName,
            variables: { ...request.variables },
            ...(request.extensions ? { extensions: request.extensions } : {}),
          };
          return {
            subscribe(sink) {
              const unsubscribe = socket().subscribe(payload, {
                next(result) {
                  const cursor = cursorOf(result.data);
                  if (cursor !== undefined && 'after' in payload.variables)
                    payload.variables.after = cursor;
                  // graphql-ws types `extensions` loosely; the result is the server's as it came.
                  sink.next(result as ExecutionResult);
                },
                error: (error) => sink.error(error),
                complete: () => sink.complete(),
              });
              return { unsubscribe };
            },
          };
        },
      }),
    ],
  });

  return {
    client,
    dispose() {
      void ws?.dispose();
      ws = undefined;
    },
  };
}

/** The `cursor` of a push's root field (`caseUpdated { cursor }`), if it has one. */
function cursorOf(data: unknown): string | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  for (const value of Object.values(data)) {
    if (typeof value === 'object' && value !== null && 'cursor' in value) {
      const cursor = (value as { cursor: unknown }).cursor;
      if (typeof cursor === 'string') return cursor;
    }
  }
  return undefined;
}

function isCloseEvent(event: unknown): event is { code: number } {
  return typeof event === 'object' && event !== null && 'code' in event && 'reason' in event;
}

function webSocketUrl(): string {
  const { protocol, host } = window.location;
  return `${protocol === 'https:' ? 'wss:' : 'ws:'}//${host}/graphql`;
}
