import { useEffect, useMemo, type ReactNode } from 'react';
import { Outlet } from 'react-router';
import { Provider } from 'urql';
import { LanguageSwitch } from '../../app/language-switch';
import { createApiClient } from '../../shared/api/urql-client';
import { PageHeading } from '../../shared/page/page-heading';
import { QuickExitButton } from '../../shared/safety/quick-exit-button';

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

/** The frame of such a page: the same card as the sign-in page. */
export function PublicPage({ title, children }: { title: string; children: ReactNode }) {
  return (
    <>
      <QuickExitButton onExit={() => undefined} />
      <main className="centred">
        <div className="card narrow">
          <div className="card-top">
            <p className="brand" aria-hidden="true">
              Klachtpad
            </p>
            <LanguageSwitch />
          </div>
          <PageHeading>{title}</PageHeading>
          {children}
        </div>
      </main>
    </>
  );
}

/** The token of a mailed link (`?token=…`), if any. */
export function tokenFromAddress(search: string): string {
  return new URLSearchParams(search).get('token') ?? '';
}
