import { GraphQLError } from 'graphql';
import { CombinedError } from 'urql';
import { describe, expect, it } from 'vitest';
import { apiFailure } from './api-failure';

describe('apiFailure', () => {
  it('reads the code and reason the server put in extensions', () => {
    const error = new CombinedError({
      graphQLErrors: [
        new GraphQLError('Requires two-step verification.', {
          extensions: { code: 'FORBIDDEN', reason: 'MFA_REQUIRED' },
        }),
      ],
    });
    expect(apiFailure(error)).toEqual({ code: 'FORBIDDEN', reason: 'MFA_REQUIRED' });
  });

  it('treats a missing answer as a network failure', () => {
    expect(apiFailure(new CombinedError({ networkError: new Error('offline') }))).toEqual({
      code: 'NETWORK_ERROR',
    });
  });

  it('treats an unknown code as unexpected', () => {
    const error = new CombinedError({
      graphQLErrors: [new GraphQLError('?', { extensions: { code: 'SOMETHING_NEW' } })],
    });
    expect(apiFailure(error)?.code).toBe('INTERNAL_SERVER_ERROR');
  });

  it('is undefined when nothing failed', () => {
    expect(apiFailure(undefined)).toBeUndefined();
  });
});
