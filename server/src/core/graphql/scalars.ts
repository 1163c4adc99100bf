import { GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { badInput } from '../errors.js';
import { decodePosition } from '../realtime/outbox-feed.js';
import { readKeysetCursor } from './keyset-cursor.js';

// The scalars whose values the server judges while it coerces a request's variables and checks
// its literals: the admission step (admission.ts) runs that before a session is looked up or a
// statement is sent, so what these refuse never costs a transaction (ADR 0064). They throw
// AppErrors (not GraphQLErrors): graphql-js keeps a thrown Error as the coercion error's
// `originalError`, which is how the reason reaches the answer and the log.

/** The years a date the server is given may lie in: any complaint, birth or term fits. */
export const FIRST_YEAR = 1900;
export const LAST_YEAR = 2199;

const outOfRange = () =>
  badInput(`Dates lie in the years ${FIRST_YEAR} to ${LAST_YEAR}.`, {
    reason: 'DATE_OUT_OF_RANGE',
  });
const inRange = (year: number) => year >= FIRST_YEAR && year <= LAST_YEAR;
/** The year as written: `2026-01-01T00:30:00+01:00` is 2026 even though its UTC year is 2025. */
const writtenYear = (value: string) => Number(/^(\d{4})-/.exec(value)?.[1] ?? Number.NaN);

function dateTimeFrom(value: unknown, parse: () => Date): Date {
  let date: Date;
  try {
    date = parse();
  } catch {
    throw badInput(
      'Not a date and time with its offset (RFC 3339), such as 2026-03-02T09:30:00Z.',
      {
        reason: 'INVALID_DATE',
      },
    );
  }
  const year = typeof value === 'string' ? writtenYear(value) : date.getUTCFullYear();
  if (!inRange(year) || !inRange(date.getUTCFullYear())) throw outOfRange();
  return date;
}

/** RFC 3339 date and time (graphql-scalars' DateTime), refused outside the years above. */
export const DateTimeScalar = new GraphQLScalarType({
  ...DateTimeResolver.toConfig(),
  description: `${DateTimeResolver.description ?? 'A date and time.'} Only years ${FIRST_YEAR} to ${LAST_YEAR} are accepted.`,
  parseValue: (value) => dateTimeFrom(value, () => DateTimeResolver.parseValue(value) as Date),
  parseLiteral: (ast: ValueNode, variables) =>
    dateTimeFrom(
      ast.kind === Kind.STRING ? ast.value : undefined,
      () => DateTimeResolver.parseLiteral(ast, variables) as Date,
    ),
});

/** Whether a string is a civil date (YYYY-MM-DD) that exists in the accepted years. */
export function civilDateProblem(value: string): 'INVALID_DATE' | 'DATE_OUT_OF_RANGE' | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return 'INVALID_DATE';
  const date = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || !date.toISOString().startsWith(value)) return 'INVALID_DATE';
  return inRange(writtenYear(value)) ? undefined : 'DATE_OUT_OF_RANGE';
}

function civilDateFrom(value: unknown): string {
  const problem = typeof value === 'string' ? civilDateProblem(value) : 'INVALID_DATE';
  if (problem === 'DATE_OUT_OF_RANGE') throw outOfRange();
  if (problem) throw badInput('Not a date such as 2026-03-02.', { reason: 'INVALID_DATE' });
  return value as string;
}

/** A civil date (a day, no time or zone) given to the server, as YYYY-MM-DD. */
export const CivilDateScalar = new GraphQLScalarType({
  name: 'CivilDate',
  description: `A day as YYYY-MM-DD (no time, no zone), such as 2026-03-02. Only years ${FIRST_YEAR} to ${LAST_YEAR} are accepted.`,
  // What the server stores it gives back as it is; only what it is given is judged.
  serialize: (value) => String(value),
  parseValue: civilDateFrom,
  parseLiteral: (ast) => civilDateFrom(ast.kind === Kind.STRING ? ast.value : undefined),
});

/** Cursors are short; anything longer is not one of ours, whatever it decodes to. */
const MAX_CURSOR_LENGTH = 512;

/** Whether a string is a cursor this server hands out: a page's keyset or a live feed position. */
export function isCursor(value: string): boolean {
  if (value.length === 0 || value.length > MAX_CURSOR_LENGTH) return false;
  return decodePosition(value) !== undefined || readKeysetCursor(value) !== undefined;
}

function cursorFrom(value: unknown): string {
  if (typeof value === 'string' && isCursor(value)) return value;
  throw badInput('`after` takes a cursor the server gave (`cursor`, `endCursor`), unchanged.', {
    reason: 'INVALID_CURSOR',
  });
}

/**
 * Where a page or a live feed ended, as the server gave it: passed back unchanged as `after`.
 * Opaque to clients; the server refuses a string that is none of its cursors before any work.
 */
export const CursorScalar = new GraphQLScalarType({
  name: 'Cursor',
  description:
    'Where a page or a live feed ended, as the server gave it (`cursor`, `endCursor`): opaque, passed back unchanged as `after`. Anything else is refused with BAD_USER_INPUT (reason INVALID_CURSOR).',
  serialize: (value) => {
    if (typeof value !== 'string') throw new TypeError('A cursor is a string.');
    return value;
  },
  parseValue: cursorFrom,
  parseLiteral: (ast) => cursorFrom(ast.kind === Kind.STRING ? ast.value : undefined),
});
