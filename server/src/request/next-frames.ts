import { CloseCode } from 'graphql-ws';
import type { WebSocket } from 'ws';

/**
 * How a socket is closed once its client stopped reading its pushes (ADR 0076, 0079). graphql-ws
 * names 4429 for a second init; it is reused as the protocol's "too many" code, which the web
 * client retries after a wait, as a consumer that fell behind should.
 */
export const STOPPED_READING_CLOSE = {
  code: CloseCode.TooManyInitialisationRequests,
  reason: 'Too slow: updates piled up',
} as const;

/**
 * The `next` messages of one operation, written straight to its socket (ADR 0079): graphql-ws
 * would build and serialise the whole message per socket and wait for each write, while a batch
 * gives a whole group of sockets one serialised result. The message is the protocol's
 * (`{"id","type":"next","payload"}`) with that shared text spliced in as its payload. Written in
 * the iteration graphql-ws drives, so the operation's frames keep their order among themselves
 * and before its `complete`. Nothing is written once the operation ended (the client's
 * `complete`, a closed socket); a socket that lets more than `maxUnsentBytes` wait unread is
 * closed as too slow (`STOPPED_READING_CLOSE`), as a subscription whose signals pile up is.
 */
export interface NextFrames {
  /** Whether the push was written; false when the operation is over (or was just closed). */
  write(payload: string): boolean;
  end(): void;
}

export function nextFrames(
  live: { socket: WebSocket; close(code: number, reason: string): void },
  operation: { id: string; maxUnsentBytes: number },
): NextFrames {
  const { socket } = live;
  const head = `{"id":${JSON.stringify(operation.id)},"type":"next","payload":`;
  let ended = false;
  return {
    write(payload) {
      if (ended || socket.readyState !== socket.OPEN) return false;
      if (socket.bufferedAmount > operation.maxUnsentBytes) {
        live.close(STOPPED_READING_CLOSE.code, STOPPED_READING_CLOSE.reason);
        return false;
      }
      socket.send(`${head}${payload}}`);
      return true;
    },
    end() {
      ended = true;
    },
  };
}
