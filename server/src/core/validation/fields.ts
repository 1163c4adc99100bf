import { z } from 'zod';
import { civilDateProblem } from '../graphql/scalars.js';

// The field shapes every input is built from, so one rule (length, characters, id format) is
// written once.

/**
 * Characters no text from people may hold: NUL (PostgreSQL rejects it, and it hides content) and
 * a lone surrogate (half of a character: invalid Unicode that would be stored as a replacement
 * character, silently changing what the person wrote).
 */
// eslint-disable-next-line no-control-regex -- NUL is exactly what this refuses.
const INVALID_CHARACTER = /[\u0000\p{Cs}]/u;

/** Whether a string is valid text to store as it was sent. */
export const isValidText = (value: string): boolean => !INVALID_CHARACTER.test(value);

/** Text from people: valid Unicode without NUL bytes, bounded length. */
export const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'Vul dit in.')
    .max(max, `Maximaal ${max} tekens.`)
    .refine(isValidText, 'Bevat een ongeldig teken.');

/**
 * Short names chosen from the procedure (complainant kind, entry, category): the procedure decides
 * whether they exist, but control characters never reach it (PostgreSQL's jsonb refuses NUL).
 */
export const name = (max: number) =>
  z
    .string()
    .min(1, 'Vul dit in.')
    .max(max, `Maximaal ${max} tekens.`)
    .refine((value) => !/[\p{Cc}\p{Cs}]/u.test(value), 'Bevat een ongeldig teken.');

/**
 * A civil date, YYYY-MM-DD, that exists, in the years the server accepts (1900–2199). In GraphQL
 * it is the `CivilDate` scalar, which refuses the same before any work (ADR 0064).
 */
export const plainDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Een datum als 2026-03-02.')
  .refine((value) => civilDateProblem(value) !== 'INVALID_DATE', 'Geen bestaande datum.')
  .refine((value) => civilDateProblem(value) === undefined, 'Een datum tussen 1900 en 2199.')
  .meta({ graphql: { type: 'CivilDate' } });

export const uuid = z.string().uuid('Geen geldig id.');

/** A local id from a procedure definition, such as externe-klachtencommissie. */
export const localId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,59}$/, 'Een id uit de procedure, zoals externe-klachtencommissie.');

/** A retry with the same key returns the first result instead of acting again. */
export const idempotencyKey = z
  .string()
  .regex(/^[A-Za-z0-9._:-]{8,128}$/, '8 tot 128 letters, cijfers of . _ : -');
