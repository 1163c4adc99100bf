import { badInput } from '../errors.js';

/** Where a page ended in a list ordered newest first by (createdAt, id). */
export interface Keyset {
  createdAt: Date;
  id: string;
}

/** An opaque cursor for a Relay connection over such a list. */
export function encodeKeysetCursor(row: Keyset): string {
  return Buffer.from(JSON.stringify([row.createdAt.toISOString(), row.id])).toString('base64url');
}

/** Reads a cursor back; anything else is bad input on `after`. */
export function decodeKeysetCursor(cursor: string): Keyset {
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [
      string,
      string,
    ];
    const date = new Date(createdAt);
    if (Number.isNaN(date.getTime()) || typeof id !== 'string') throw new Error('bad cursor');
    return { createdAt: date, id };
  } catch {
    throw badInput('Ongeldige cursor.', { field: 'after' });
  }
}
