import { ERROR_CODES, type ErrorCode } from '@klachtpad/contracts';
import type { TFunction } from 'i18next';
import type { CombinedError } from 'urql';

/** What went wrong, as the UI branches on it: the server's stable code, or no answer at all. */
export interface ApiFailure {
  code: ErrorCode | 'NETWORK_ERROR';
  /** `extensions.reason`, e.g. `MFA_REQUIRED`. */
  reason?: string;
  /** `extensions.field`: the input the server refused. */
  field?: string;
  /** `extensions.fields`: every input the server refused, with its message. */
  fields?: { path: string; message: string }[];
  /** `extensions.requestId` of an unexpected failure, to quote to support. */
  requestId?: string;
}

function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function fieldList(value: unknown): { path: string; message: string }[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const fields = value.flatMap((entry: unknown) => {
    if (typeof entry !== 'object' || entry === null) return [];
    const { path, message } = entry as Record<string, unknown>;
    return typeof path === 'string' && typeof message === 'string' ? [{ path, message }] : [];
  });
  return fields.length > 0 ? fields : undefined;
}

/** Reads the first GraphQL error's extensions; never the message, which is not for branching. */
export function apiFailure(error: CombinedError | undefined): ApiFailure | undefined {
  if (!error) return undefined;
  const first = error.graphQLErrors[0];
  if (!first) return { code: 'NETWORK_ERROR' };
  const { code, reason, field, fields, requestId } = first.extensions;
  const failure: ApiFailure = { code: isErrorCode(code) ? code : 'INTERNAL_SERVER_ERROR' };
  const reasonText = text(reason);
  const fieldText = text(field);
  const fieldsList = fieldList(fields);
  const requestIdText = text(requestId);
  if (reasonText) failure.reason = reasonText;
  if (fieldText) failure.field = fieldText;
  if (fieldsList) failure.fields = fieldsList;
  if (requestIdText) failure.requestId = requestIdText;
  return failure;
}

/** A calm sentence for failures no screen handles in its own words. */
export function generalFailureMessage(failure: ApiFailure, t: TFunction): string {
  switch (failure.code) {
    case 'NETWORK_ERROR':
      return t('failure.network');
    case 'UNAUTHENTICATED':
      return t('failure.unauthenticated');
    case 'FORBIDDEN':
      return t('failure.forbidden');
    case 'NOT_FOUND':
      return t('failure.notFound');
    case 'BAD_USER_INPUT':
      return t('failure.badInput');
    case 'CONFLICT':
      return t('failure.conflict');
    case 'RATE_LIMITED':
      return t('failure.rateLimited');
    case 'UNAVAILABLE':
      return t('failure.unavailable');
    case 'INTERNAL_SERVER_ERROR':
      return failure.requestId
        ? t('failure.internalWithReference', { requestId: failure.requestId })
        : t('failure.internal');
  }
}
