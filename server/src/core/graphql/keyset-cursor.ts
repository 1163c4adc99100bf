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

/** The id part of a keyset: a uuid, or the digits of a bigint id (access-log lines). */
const KEYSET_ID = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\d{1,20})$/i;

/** Reads a cursor back; undefined for anything that is not one (the `Cursor` scalar asks this). */
export function readKeysetCursor(cursor: string): Keyset | undefined {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!Array.isArray(decoded) || decoded.length < 2 || decoded.length > 3) return undefined;
    const [createdAt, id, ...rest] = decoded as unknown[];
    if (typeof createdAt !== 'string' || typeof id !== 'string' || !KEYSET_ID.test(id))
      return undefined;
    const date = new Date(createdAt);
    if (Number.isNaN(date.getTime())) return undefined;
    if (rest.length === 0) return { createdAt: date, id };
    const [rank] = rest;
    if (rank !== null && typeof rank !== 'string') return undefined;
    return { createdAt: date, id, rank };
  } catch {
    return undefined;
  }
}

/** Reads a cursor back; anything else is bad input on `after`. */
export function decodeKeysetCursor(cursor: string): Keyset {
  const keyset = readKeysetCursor(cursor);
  if (!keyset) throw badInput('Ongeldige cursor.', { field: 'after', reason: 'INVALID_CURSOR' });
  return keyset;
}
