import type { AddressInfo } from 'node:net';
import { MessageType, parseMessage, stringifyMessage } from 'graphql-ws';
import { describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { nextFrames } from './next-frames.js';

/** A socket that keeps what is written to it and how much waits unsent. */
function socketKeeping() {
  const sent: string[] = [];
  const closes: { code: number; reason: string }[] = [];
  const socket = {
    OPEN: 1,
    readyState: 1,
    bufferedAmount: 0,
    // No `extensions`: a socket that is not a plain `ws` one is written through `send`.
    send(data: Buffer | string) {
      sent.push(String(data));
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
    expect(frames.write(Buffer.from(JSON.stringify(payload)))).toBe(true);
    expect(sent).toHaveLength(1);
    expect(parseMessage(sent[0]!)).toEqual({ id: 'op "1"', type: MessageType.Next, payload });
    expect(sent[0]).toBe(stringifyMessage({ id: 'op "1"', type: MessageType.Next, payload }));
  });

  it('writes nothing once the operation ended or its socket closed', () => {
    const { socket, live, sent } = socketKeeping();
    const ended = nextFrames(live, { id: 'a', maxUnsentBytes: 1024 });
    ended.end();
    expect(ended.write(Buffer.from('{}'))).toBe(false);
    socket.readyState = 3;
    expect(nextFrames(live, { id: 'b', maxUnsentBytes: 1024 }).write(Buffer.from('{}'))).toBe(
      false,
    );
    expect(sent).toEqual([]);
  });

  it('closes a socket that leaves too much unread with 4429, instead of buffering more', () => {
    const { socket, live, sent, closes } = socketKeeping();
    const frames = nextFrames(live, { id: 'a', maxUnsentBytes: 1024 });
    socket.bufferedAmount = 1024;
    expect(frames.write(Buffer.from('{}'))).toBe(true);
    socket.bufferedAmount = 1025;
    expect(frames.write(Buffer.from('{}'))).toBe(false);
    expect(closes).toEqual([{ code: 4429, reason: 'Too slow: updates piled up' }]);
    expect(frames.write(Buffer.from('{}'))).toBe(false);
    expect(sent).toHaveLength(1);
  });

  it("frames them for a real ws client, at every length encoding, in order with ws's own", async () => {
    const server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await new Promise((resolve) => server.once('listening', resolve));
    const port = (server.address() as AddressInfo).port;
    const accepted = new Promise<WebSocket>((resolve) => server.once('connection', resolve));
    const client = new WebSocket(`ws://127.0.0.1:${port}`);
    const received: string[] = [];
    const expected: string[] = [];
    try {
      const socket = await accepted;
      await new Promise((resolve) => client.once('open', resolve));
      expect(socket.extensions).toBe('');
      const frames = nextFrames(
        { socket, close: () => expect.fail('not too slow') },
        { id: 'op-é', maxUnsentBytes: 1 << 24 },
      );
      const message = (text: string) =>
        stringifyMessage({ id: 'op-\u00e9', type: MessageType.Next, payload: { data: { text } } });
      const base = Buffer.byteLength(message('é'));
      // Messages of these many bytes: both sides of each of the frame header's length encodings.
      for (const length of [125, 126, 65_535, 65_536, 200_000]) {
        const text = `é${'a'.repeat(length - base)}`;
        expected.push(message(text));
        expect(Buffer.byteLength(expected.at(-1)!)).toBe(length);
        expect(frames.write(Buffer.from(JSON.stringify({ data: { text } })))).toBe(true);
        socket.send(`ws ${length}`);
        expected.push(`ws ${length}`);
      }
      await new Promise<void>((resolve) => {
        client.on('message', (data: Buffer, binary: boolean) => {
          expect(binary).toBe(false);
          received.push(data.toString());
          if (received.length === expected.length) resolve();
        });
      });
      expect(received).toEqual(expected);
    } finally {
      client.terminate();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
