import { waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { OperationResult } from 'urql';
import { MeQuery, SignInMutation } from '../../features/auth/auth.graphql';
import { LiveCasesSubscription } from '../live/live.graphql';
import { registeredDocuments } from './registered-documents';
import { createApiClient, type ApiClient } from './urql-client';

interface Message {
  type: string;
  id?: string;
  payload?: {
    query?: string;
    variables?: Record<string, unknown>;
    organisation?: string;
    extensions?: { persistedQuery?: { version: number; sha256Hash: string } };
  };
}

/**
 * A WebSocket whose server is this test, speaking `graphql-transport-ws` as the server does:
 * it acknowledges `connection_init` and records every message the client sends.
 */
class TestSocket {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSING = 2;
  static readonly CLOSED = 3;
  static opened: TestSocket[] = [];

  readyState = TestSocket.CONNECTING;
  received: Message[] = [];
  onopen: (() => void) | null = null;
  onclose: ((event: { code: number; reason: string; wasClean: boolean }) => void) | null = null;
  onerror: ((error: unknown) => void) | null = null;
  onmessage: ((event: { data: string }) => void) | null = null;

  constructor(
    readonly url: string,
    readonly protocol: string,
  ) {
    TestSocket.opened.push(this);
    setTimeout(() => {
      this.readyState = TestSocket.OPEN;
      this.onopen?.();
    }, 0);
  }

  send(data: string) {
    const message = JSON.parse(data) as Message;
    this.received.push(message);
    if (message.type === 'connection_init') this.reply({ type: 'connection_ack' });
  }

  reply(message: object) {
    setTimeout(() => this.onmessage?.({ data: JSON.stringify(message) }), 0);
  }

  close(code = 1000, reason = '') {
    if (this.readyState === TestSocket.CLOSED) return;
    this.readyState = TestSocket.CLOSED;
    setTimeout(() => this.onclose?.({ code, reason, wasClean: code === 1000 }), 0);
  }

  subscription(): Message {
    const found = this.received.find((message) => message.type === 'subscribe');
    if (!found) throw new Error('no subscription on this socket yet');
    return found;
  }
}

let api: ApiClient | undefined;
afterEach(() => {
  api?.dispose();
  TestSocket.opened = [];
  vi.unstubAllGlobals();
});

function liveCases() {
  api = createApiClient('bureau-mhr', {
    url: 'ws://klachtpad.test/graphql',
    webSocketImpl: TestSocket,
  });
  const results: OperationResult[] = [];
  api.client
    .subscription(LiveCasesSubscription, { after: null })
    .subscribe((result) => results.push(result));
  return results;
}

async function socketWithSubscription(index: number) {
  await waitFor(() => expect(TestSocket.opened[index]?.subscription()).toBeTruthy(), {
    timeout: 10_000,
  });
  return TestSocket.opened[index]!;
}

describe('the live connection', () => {
  it('names the organisation at connection_init and relies on the session cookie', async () => {
    liveCases();
    const socket = await socketWithSubscription(0);
    const init = socket.received[0]!;
    expect(init.type).toBe('connection_init');
    // The browser sends the HttpOnly session cookie with the upgrade; no token in the page.
    expect(init.payload).toEqual({ organisation: 'bureau-mhr' });
  });

  it('subscribes by the id the build registered, without the document', async () => {
    liveCases();
    const { payload } = (await socketWithSubscription(0)).subscription();
    expect(payload?.query).toBe('');
    const id = payload?.extensions?.persistedQuery?.sha256Hash ?? '';
    expect(registeredDocuments()[id]).toMatch(/^subscription LiveCases\b/);
  });

  it('resumes after a dropped connection from the last cursor it received', async () => {
    const results = liveCases();
    const first = await socketWithSubscription(0);
    const { id } = first.subscription();
    expect(first.subscription().payload?.variables).toEqual({ after: null });
    first.reply({
      type: 'next',
      id,
      payload: {
        data: { caseUpdated: { __typename: 'CaseUpdate', cursor: 'k-41', case: { id: 'c1' } } },
      },
    });
    await waitFor(() => expect(results).toHaveLength(1));

    first.close(1006, 'gone');
    const second = await socketWithSubscription(1);
    expect(second.subscription().payload?.variables).toEqual({ after: 'k-41' });
    expect(results.some((result) => result.error)).toBe(false);
  });

  it('ends the feed without retrying when the server says the session may not go on (4403)', async () => {
    const results = liveCases();
    const socket = await socketWithSubscription(0);
    socket.close(4403, 'Forbidden');
    await waitFor(() => expect(results.at(-1)?.error).toBeTruthy());
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(TestSocket.opened).toHaveLength(1);
  });
});

interface SentBody {
  query?: string;
  operationName?: string;
  extensions?: { persistedQuery?: { version: number; sha256Hash: string } };
}

/** Records what the client POSTs; answers each request with `answer(body)`. */
function recordRequests(answer: (body: SentBody) => object) {
  const sent: { method: string; body: SentBody }[] = [];
  vi.stubGlobal('fetch', async (_input: unknown, init: RequestInit = {}) => {
    const body = JSON.parse(String(init.body)) as SentBody;
    sent.push({ method: init.method ?? 'GET', body });
    return new Response(JSON.stringify(answer(body)), {
      status: 200,
      headers: { 'content-type': 'application/json' },
    });
  });
  return sent;
}

describe('operations by id (trusted documents)', () => {
  it('sends queries and mutations by a registered id alone, over POST', async () => {
    const sent = recordRequests(() => ({ data: null }));
    api = createApiClient('bureau-mhr');
    await api.client.query(MeQuery, {}).toPromise();
    await api.client.mutation(SignInMutation, { email: 'a@b.example', password: 'x' }).toPromise();

    const registered = registeredDocuments();
    expect(sent.map(({ method }) => method)).toEqual(['POST', 'POST']);
    expect(sent.map(({ body }) => body.query)).toEqual([undefined, undefined]);
    const [me, signIn] = sent.map(
      ({ body }) => registered[body.extensions!.persistedQuery!.sha256Hash],
    );
    expect(me).toMatch(/^query Me\b/);
    expect(signIn).toMatch(/^mutation SignIn\b/);
  });

  it('sends the document in full once when the server does not know the id', async () => {
    const sent = recordRequests((body) =>
      body.query
        ? { data: { me: null } }
        : {
            errors: [{ message: 'PersistedQueryNotFound', extensions: { code: 'BAD_USER_INPUT' } }],
          },
    );
    api = createApiClient('bureau-mhr');
    const result = await api.client.query(MeQuery, {}).toPromise();
    expect(result.error).toBeUndefined();
    expect(sent).toHaveLength(2);
    expect(sent[1]!.body.query).toMatch(/^query Me\b/);
  });
});
