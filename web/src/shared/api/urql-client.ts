import { createClient as createWsClient, type Client as WsClient } from 'graphql-ws';
import { Client, cacheExchange, fetchExchange, subscriptionExchange } from 'urql';

export interface ApiClient {
  client: Client;
  /** Closes the WebSocket, if one was opened; a later subscription opens a new one. */
  dispose(): void;
}

/**
 * One urql client per active organisation. Switching organisation builds a new client, so no
 * cached result of one organisation can ever be shown in another.
 *
 * The session lives in an HttpOnly cookie the browser sends itself (same origin, also on the
 * WebSocket upgrade); the client never sees or stores a token.
 */
export function createApiClient(organisation: string | null): ApiClient {
  let ws: WsClient | undefined;
  const socket = (): WsClient => {
    ws ??= createWsClient({
      url: webSocketUrl(),
      lazy: true,
      connectionParams: () => (organisation ? { organisation } : {}),
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
      fetchExchange,
      subscriptionExchange({
        forwardSubscription(request) {
          const input = { ...request, query: request.query ?? '' };
          return {
            subscribe(sink) {
              const unsubscribe = socket().subscribe(input, sink);
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

function webSocketUrl(): string {
  const { protocol, host } = window.location;
  return `${protocol === 'https:' ? 'wss:' : 'ws:'}//${host}/graphql`;
}
