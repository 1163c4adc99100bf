import type { Duplex } from 'node:stream';
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
 * (`{"id","type":"next","payload"}`) with that shared payload spliced in, as bytes encoded once
 * for the group: each socket gets one WebSocket frame, built by copying its operation's head
 * and the shared bytes behind the frame header, in one write (`ws` would measure and encode the
 * text again per socket and write header and text apart). Written in the iteration graphql-ws
 * drives, so the operation's frames keep their order among themselves and before its
 * `complete`. Nothing is written once the operation ended (the client's `complete`, a closed
 * socket); a socket that lets more than `maxUnsentBytes` wait unread is closed as too slow
 * (`STOPPED_READING_CLOSE`), as a subscription whose signals pile up is.
 */
export interface NextFrames {
  /** Whether the push was written; false when the operation is over (or was just closed). */
  write(payload: Buffer): boolean;
  end(): void;
}

const CLOSING_BRACE = 0x7d;

export function nextFrames(
  live: { socket: WebSocket; close(code: number, reason: string): void },
  operation: { id: string; maxUnsentBytes: number },
): NextFrames {
  const { socket } = live;
  const head = Buffer.from(`{"id":${JSON.stringify(operation.id)},"type":"next","payload":`);
  const raw = rawSocketOf(socket);
  let ended = false;
  return {
    write(payload) {
      if (ended || socket.readyState !== socket.OPEN) return false;
      if (socket.bufferedAmount > operation.maxUnsentBytes) {
        live.close(STOPPED_READING_CLOSE.code, STOPPED_READING_CLOSE.reason);
        return false;
      }
      if (raw) raw.write(textFrame(head, payload));
      else socket.send(Buffer.concat([head, payload, Buffer.of(CLOSING_BRACE)]), { binary: false });
      return true;
    },
    end() {
      ended = true;
    },
  };
}

/**
 * The connection under a `ws` socket, where frames may be written to it directly: when no
 * extension was negotiated (the server offers none; permessage-deflate would have to compress
 * each frame), `ws` writes every frame of its own to that connection at once and in call order,
 * so a frame written there lands between two of `ws`'s, never inside one, and counts in the
 * socket's `bufferedAmount`. Anything else is sent through `ws`.
 */
function rawSocketOf(socket: WebSocket): Duplex | undefined {
  if (socket.extensions !== '') return undefined;
  const raw = (socket as unknown as { _socket?: unknown })._socket;
  return raw && typeof (raw as Duplex).write === 'function' ? (raw as Duplex) : undefined;
}

/**
 * One unmasked, unfragmented text frame (RFC 6455 5.2) carrying `head`, `payload` and the
 * message's closing brace: a server's frames are never masked.
 */
export function textFrame(head: Buffer, payload: Buffer): Buffer {
  const length = head.length + payload.length + 1;
  const headerLength = length < 126 ? 2 : length < 65_536 ? 4 : 10;
  const frame = Buffer.allocUnsafe(headerLength + length);
  frame[0] = 0x81; // FIN, opcode 1 (text)
  if (length < 126) frame[1] = length;
  else if (length < 65_536) {
    frame[1] = 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 127;
    frame.writeUInt32BE(Math.floor(length / 2 ** 32), 2);
    frame.writeUInt32BE(length % 2 ** 32, 6);
  }
  head.copy(frame, headerLength);
  payload.copy(frame, headerLength + head.length);
  frame[frame.length - 1] = CLOSING_BRACE;
  return frame;
}
