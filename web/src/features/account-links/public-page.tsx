import { useEffect, useMemo } from 'react';
import { Outlet } from 'react-router';
import { Provider } from 'urql';
import { createApiClient } from '../../shared/api/urql-client';

/**
 * The root of the pages a link in a mail opens, signed in or not (an invitation, a password
 * reset): no session gate and no organisation, an API client of their own.
 */
export function PublicRoot() {
  const api = useMemo(() => createApiClient(null), []);
  useEffect(() => () => api.dispose(), [api]);
  return (
    <Provider value={api.client}>
      <Outlet />
    </Provider>
  );
}

/** The token of a mailed link (`?token=…`), if any. */
export function tokenFromAddress(search: string): string {
  return new URLSearchParams(search).get('token') ?? '';
}
