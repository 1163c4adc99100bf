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

/** Too much asked in a short time; the client may retry after `retryAfterSeconds`. */
export const rateLimited = (retryAfterSeconds: number) =>
  new AppError('RATE_LIMITED', 'Too many requests in a short time. Wait a moment and try again.', {
    retryAfterSeconds,
  });

/** The HTTP status every transport answers an expected failure with. */
export function httpStatusOf(code: AppError['code']): number {
  switch (code) {
    case 'UNAUTHENTICATED':
      return 401;
    case 'FORBIDDEN':
      return 403;
    case 'NOT_FOUND':
      return 404;
    case 'CONFLICT':
      return 409;
    case 'BAD_USER_INPUT':
      return 400;
    case 'RATE_LIMITED':
      return 429;
    case 'UNAVAILABLE':
      return 503;
    default:
      return assertUnreachable(code);
  }
}

/** `Retry-After` for failures that have one (RATE_LIMITED, UNAVAILABLE). */
export function retryAfterOf(error: AppError): number | undefined {
  if (error.code === 'UNAVAILABLE') return 5;
  const seconds = error.details.retryAfterSeconds;
  return typeof seconds === 'number' ? Math.max(1, Math.ceil(seconds)) : undefined;
}

export function assertUnreachable(value: never): never {
  throw new Error(`Unhandled case: ${String(value)}`);
}
