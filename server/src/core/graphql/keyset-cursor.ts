import { badInput } from '../errors.js';

/**
 * Where a page ended in a list ordered newest first by (createdAt, id), optionally after a
 * leading key the list is ordered by first (e.g. a due date, null where a row has none).
 */
export interface Keyset {
  createdAt: Date;
  id: string;
  rank?: string | null | undefined;
}

/** An opaque cursor for a Relay connection over such a list. */
export function encodeKeysetCursor(row: Keyset): string {
  const key = [row.createdAt.toISOString(), row.id];
  return Buffer.from(JSON.stringify(row.rank === undefined ? key : [...key, row.rank])).toString(
    'base64url',
  );
}

/** Reads a cursor back; anything else is bad input on `after`. */
export function decodeKeysetCursor(cursor: string): Keyset {
  try {
    const [createdAt, id, ...rest] = JSON.parse(
      Buffer.from(cursor, 'base64url').toString('utf8'),
    ) as [string, string, ...unknown[]];
    const date = new Date(createdAt);
    if (Number.isNaN(date.getTime()) || typeof id !== 'string') throw new Error('bad cursor');
    if (rest.length === 0) return { createdAt: date, id };
    const [rank] = rest;
    if (rest.length > 1 || (rank !== null && typeof rank !== 'string'))
      throw new Error('bad cursor');
    return { createdAt: date, id, rank };
  } catch {
    throw badInput('Ongeldige cursor.', { field: 'after' });
  }
}
