import net from 'node:net';

/**
 * A malware scanner's verdict on some bytes. `infected` names the signature that matched (a
 * scanner's own name, e.g. `Win.Test.EICAR_HDB-1`, never anything taken from the file).
 */
export type ScanVerdict = { clean: true } | { clean: false; signature: string };

/** Scans bytes for malware. Throws `ScannerUnavailable` when it cannot give a verdict. */
export interface MalwareScanner {
  scan(content: Buffer): Promise<ScanVerdict>;
}

/**
 * The scanner could not be asked or gave no verdict (not listening, timed out, refused the
 * stream, answered something we do not read): the bytes are neither clean nor infected.
 */
export class ScannerUnavailable extends Error {
  constructor(
    /** A short machine-readable reason for the log, e.g. `ECONNREFUSED` or `TIMEOUT`. */
    readonly reason: string,
  ) {
    super(`The malware scanner gave no verdict (${reason}).`);
    this.name = 'ScannerUnavailable';
  }
}

/** Where clamd listens: a TCP address or a local (Unix) socket. */
export type ClamdAddress = { host: string; port: number } | { path: string };

/**
 * Reads `CLAMD_URL`: `tcp://host:port`, `unix:///run/clamav/clamd.ctl`, or an absolute socket
 * path. Returns undefined for anything else, so configuration can refuse it with its own message.
 */
export function parseClamdUrl(value: string): ClamdAddress | undefined {
  if (value.startsWith('/')) return { path: value };
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  if (url.protocol === 'unix:')
    return url.pathname.startsWith('/') ? { path: url.pathname } : undefined;
  if (url.protocol !== 'tcp:' || !url.hostname || !url.port) return undefined;
  if (url.pathname && url.pathname !== '/') return undefined;
  return { host: url.hostname.replace(/^\[(.*)\]$/, '$1'), port: Number(url.port) };
}

/** clamd's stream chunks: well under its default StreamMaxLength (25 MB) per chunk. */
const CHUNK_BYTES = 64 * 1024;
/** No reply of clamd to INSTREAM is longer than a signature name and a few words. */
const MAX_REPLY_BYTES = 4096;

/**
 * A client of clamd's INSTREAM command (clamd(8)): `zINSTREAM\0`, then the bytes in chunks each
 * led by its length as four bytes in network order, then a chunk of length zero; clamd answers
 * one NUL-terminated line, `stream: OK`, `stream: <signature> FOUND` or `<message> ERROR`.
 * One connection per scan, so a clamd that restarts between scans is simply asked again.
 */
export function clamdScanner(
  address: ClamdAddress,
  options: { timeoutMs: number },
): MalwareScanner {
  return {
    scan: (content) =>
      new Promise<ScanVerdict>((resolve, reject) => {
        const socket = net.connect(address as net.NetConnectOpts);
        const chunks: Buffer[] = [];
        let received = 0;
        let settled = false;
        const fail = (reason: string) => {
          if (settled) return;
          settled = true;
          socket.destroy();
          reject(new ScannerUnavailable(reason));
        };
        socket.setTimeout(options.timeoutMs, () => fail('TIMEOUT'));
        socket.on('error', (error: NodeJS.ErrnoException) => fail(error.code ?? 'SOCKET_ERROR'));
        socket.on('data', (data: Buffer) => {
          received += data.length;
          if (received > MAX_REPLY_BYTES) return fail('REPLY_TOO_LONG');
          chunks.push(data);
          const reply = Buffer.concat(chunks);
          const end = reply.indexOf(0);
          if (end < 0) return;
          settled = true;
          socket.end();
          const verdict = readReply(reply.subarray(0, end).toString('utf8'));
          if (verdict) resolve(verdict);
          else reject(new ScannerUnavailable('UNEXPECTED_REPLY'));
        });
        socket.on('close', () => fail('CLOSED'));
        socket.on('connect', () => {
          socket.write('zINSTREAM\0');
          for (let offset = 0; offset < content.length; offset += CHUNK_BYTES) {
            const chunk = content.subarray(offset, offset + CHUNK_BYTES);
            const length = Buffer.alloc(4);
            length.writeUInt32BE(chunk.length);
            socket.write(length);
            socket.write(chunk);
          }
          socket.write(Buffer.alloc(4));
        });
      }),
  };
}

/** `stream: OK` is clean, `stream: <name> FOUND` infected; anything else is no verdict. */
function readReply(line: string): ScanVerdict | undefined {
  if (line === 'stream: OK') return { clean: true };
  const found = /^stream: (.+) FOUND$/.exec(line);
  if (found) return { clean: false, signature: found[1]!.slice(0, 200) };
  return undefined;
}
