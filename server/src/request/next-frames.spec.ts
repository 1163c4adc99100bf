import { MessageType, parseMessage, stringifyMessage } from 'graphql-ws';
import { describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { nextFrames } from './next-frames.js';

/** A socket that keeps what is written to it and how much waits unsent. */
function socketKeeping() {
  const sent: string[] = [];
  const closes: { code: number; reason: string }[] = [];
  const socket = {
    OPEN: 1,
    readyState: 1,
    bufferedAmount: 0,
    send(text: string) {
      sent.push(text);
    },
  };
  const live = {
    socket: socket as unknown as WebSocket,
    close: (code: number, reason: string) => {
      closes.push({ code, reason });
      socket.readyState = 3;
    },
  };
  return { socket, live, sent, closes };
}

const payload = { data: { caseUpdated: { cursor: '12:7', case: { id: 'c"1\u2028' } } } };

describe('next frames written by the fan-out (ADR 0079)', () => {
  it('writes the protocol message graphql-ws would, with the shared payload spliced in', () => {
    const { live, sent } = socketKeeping();
    const frames = nextFrames(live, { id: 'op "1"', maxUnsentBytes: 1024 });
    expect(frames.write(JSON.stringify(payload))).toBe(true);
    expect(sent).toHaveLength(1);
    expect(parseMessage(sent[0]!)).toEqual({ id: 'op "1"', type: MessageType.Next, payload });
    expect(sent[0]).toBe(stringifyMessage({ id: 'op "1"', type: MessageType.Next, payload }));
  });

  it('writes nothing once the operation ended or its socket closed', () => {
    const { socket, live, sent } = socketKeeping();
    const ended = nextFrames(live, { id: 'a', maxUnsentBytes: 1024 });
    ended.end();
    expect(ended.write('{}')).toBe(false);
    socket.readyState = 3;
    expect(nextFrames(live, { id: 'b', maxUnsentBytes: 1024 }).write('{}')).toBe(false);
    expect(sent).toEqual([]);
  });

  it('closes a socket that leaves too much unread with 4429, instead of buffering more', () => {
    const { socket, live, sent, closes } = socketKeeping();
    const frames = nextFrames(live, { id: 'a', maxUnsentBytes: 1024 });
    socket.bufferedAmount = 1024;
    expect(frames.write('{}')).toBe(true);
    socket.bufferedAmount = 1025;
    expect(frames.write('{}')).toBe(false);
    expect(closes).toEqual([{ code: 4429, reason: 'Too slow: updates piled up' }]);
    expect(frames.write('{}')).toBe(false);
    expect(sent).toHaveLength(1);
  });
});
