import type { z } from 'zod';
import { badInput } from '../errors.js';

/** Validates input before any work; every problem is reported per field as BAD_USER_INPUT. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((issue) => ({
      path: issue.path.join('.'),
      message: issue.message,
    }));
    throw badInput(
      `Controleer de invoer: ${fields.map((f) => `${f.path || 'invoer'}: ${f.message}`).join('; ')}`,
      { fields },
    );
  }
  return parsed.data;
}
