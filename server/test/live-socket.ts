import { WebSocket } from 'ws';

/** One frame of the `graphql-transport-ws` protocol, as received. */
export interface Frame {
  type: string;
  id?: string;
  payload?: unknown;
}

/**
 * A raw `graphql-transport-ws` client for the realtime stories: every frame it receives is kept
 * as text (to scan for what must never arrive) and the close code is observable.
 */
export class LiveSocket {
  readonly frames: Frame[] = [];
  readonly raw: string[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  private readonly waiters = new Set<() => void>();

  private constructor(readonly ws: WebSocket) {
    this.closed = new Promise((resolve) =>
      ws.on('close', (code, reason) => {
        resolve({ code, reason: reason.toString() });
        this.wake();
      }),
    );
    ws.on('message', (data) => {
      const text = data.toString();
      this.raw.push(text);
      this.frames.push(JSON.parse(text) as Frame);
      this.wake();
    });
  }

  /** Opens a socket; with `init`, sends `connection_init` and waits for the acknowledgement. */
  static async open(
    url: string,
    options: {
      token?: string | undefined;
      organisation?: string | undefined;
      origin?: string;
      cookie?: string;
      init?: boolean;
      protocol?: string;
    } = {},
  ): Promise<LiveSocket> {
    const ws = new WebSocket(
      `${url.replace(/^http/, 'ws')}/graphql`,
      options.protocol ?? 'graphql-transport-ws',
      {
        headers: {
          ...(options.origin ? { origin: options.origin } : {}),
          ...(options.cookie ? { cookie: options.cookie } : {}),
        },
      },
    );
    const socket = new LiveSocket(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
      ws.once('unexpected-response', (_req, res) =>
        reject(new Error(`upgrade refused: ${res.statusCode}`)),
      );
    });
    if (options.init ?? true) {
      socket.send({
        type: 'connection_init',
        payload: {
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
          ...(options.organisation ? { organisation: options.organisation } : {}),
        },
      });
      await socket.waitFor((f) => f.type === 'connection_ack', 'connection_ack');
    }
    return socket;
  }

  send(message: unknown) {
    this.ws.send(JSON.stringify(message));
  }

  subscribe(id: string, query: string, variables: Record<string, unknown> = {}) {
    this.send({ id, type: 'subscribe', payload: { query, variables } });
  }

  /** The `next` payloads received for one operation, in order. */
  nexts<T = Record<string, unknown>>(id: string): T[] {
    return this.frames
      .filter((f) => f.type === 'next' && f.id === id)
      .map((f) => (f.payload as { data: T }).data);
  }

  /** Waits until a received frame matches (or the socket closes, which fails the wait). */
  async waitFor(
    match: (frame: Frame) => boolean,
    what: string,
    timeoutMs = 45_000,
  ): Promise<Frame> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.frames.find(match);
      if (found) return found;
      if (this.ws.readyState === WebSocket.CLOSED)
        throw new Error(`closed while waiting for ${what}`);
      if (Date.now() > deadline)
        throw new Error(`timed out waiting for ${what}; received: ${this.raw.join('\n')}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 200);
        this.waiters.add(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Waits until `count` `next` frames arrived for the operation. */
  async waitForNexts<T = Record<string, unknown>>(id: string, count: number, timeoutMs = 45_000) {
    await this.waitFor(
      () => this.nexts(id).length >= count,
      `${count} updates on ${id} (have ${this.nexts(id).length})`,
      timeoutMs,
    );
    return this.nexts<T>(id);
  }

  close() {
    this.ws.close(1000);
    return this.closed;
  }

  private wake() {
    for (const waiter of [...this.waiters]) waiter();
    this.waiters.clear();
  }
}

/**
 * Waits until the server's state says so (a count it keeps, say), woken every few milliseconds:
 * for what no frame announces, such as a subscription having joined the live feed.
 */
export async function waitUntil(
  condition: () => boolean,
  what: string,
  timeoutMs = 45_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
