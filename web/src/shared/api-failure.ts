import { ERROR_CODES, type ErrorCode } from '@klachtpad/contracts';
import type { CombinedError } from 'urql';

/** What went wrong, as the UI branches on it: the server's stable code, or no answer at all. */
export interface ApiFailure {
  code: ErrorCode | 'NETWORK_ERROR';
  /** `extensions.reason`, e.g. `MFA_REQUIRED`. */
  reason?: string;
  /** `extensions.field`: the input the server refused. */
  field?: string;
  /** `extensions.requestId` of an unexpected failure, to quote to support. */
  requestId?: string;
}

function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** Reads the first GraphQL error's extensions; never the message, which is not for branching. */
export function apiFailure(error: CombinedError | undefined): ApiFailure | undefined {
  if (!error) return undefined;
  const first = error.graphQLErrors[0];
  if (!first) return { code: 'NETWORK_ERROR' };
  const { code, reason, field, requestId } = first.extensions;
  const failure: ApiFailure = { code: isErrorCode(code) ? code : 'INTERNAL_SERVER_ERROR' };
  const reasonText = text(reason);
  const fieldText = text(field);
  const requestIdText = text(requestId);
  if (reasonText) failure.reason = reasonText;
  if (fieldText) failure.field = fieldText;
  if (requestIdText) failure.requestId = requestIdText;
  return failure;
}

/** A calm Dutch sentence for failures no screen handles in its own words. */
export function generalFailureMessage(failure: ApiFailure): string {
  switch (failure.code) {
    case 'NETWORK_ERROR':
      return 'Klachtpad is nu niet bereikbaar. Controleer uw internetverbinding en probeer het zo opnieuw.';
    case 'UNAUTHENTICATED':
      return 'U bent niet (meer) ingelogd. Log opnieuw in om verder te gaan.';
    case 'FORBIDDEN':
      return 'U heeft hier geen toegang toe.';
    case 'NOT_FOUND':
      return 'Wat u zoekt, is niet gevonden.';
    case 'BAD_USER_INPUT':
      return 'Niet alle gegevens zijn goed ingevuld. Controleer ze en probeer het opnieuw.';
    case 'CONFLICT':
      return 'Iemand anders heeft dit net gewijzigd. Laad de pagina opnieuw en probeer het nog eens.';
    case 'INTERNAL_SERVER_ERROR':
      return failure.requestId
        ? `Er ging bij ons iets mis. Probeer het later opnieuw. Noem bij contact met de helpdesk dit kenmerk: ${failure.requestId}.`
        : 'Er ging bij ons iets mis. Probeer het later opnieuw.';
  }
}
