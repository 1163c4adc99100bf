import type { ErrorCode } from '@klachtpad/contracts';

/**
 * A failure the client caused or may see: it carries a stable code and a message that is safe to
 * show. Anything else that is thrown is unexpected, logged once and masked (core/graphql/errors).
 */
export class AppError extends Error {
  constructor(
    readonly code: Exclude<ErrorCode, 'INTERNAL_SERVER_ERROR'>,
    message: string,
    /** Extra machine-readable detail, e.g. `{ reason: 'MFA_REQUIRED' }` or field errors. */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const unauthenticated = (message = 'Sign in first.') =>
  new AppError('UNAUTHENTICATED', message);

export const forbidden = (message: string, details?: Record<string, unknown>) =>
  new AppError('FORBIDDEN', message, details);

/** The one answer for "does not exist" and "exists but is not yours". */
export const notFound = (what: string) => new AppError('NOT_FOUND', `${what} not found.`);

export const badInput = (message: string, details?: Record<string, unknown>) =>
  new AppError('BAD_USER_INPUT', message, details);

export const conflict = (message: string, details?: Record<string, unknown>) =>
  new AppError('CONFLICT', message, details);

export function assertUnreachable(value: never): never {
  throw new Error(`Unhandled case: ${String(value)}`);
}
