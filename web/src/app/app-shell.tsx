import { useCallback, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, useNavigate } from 'react-router';
import { useClient } from 'urql';
import { UnreadCount } from '../features/notifications/unread-count';
import { MeQuery, SignOutMutation } from '../features/auth/auth.graphql';
import { SignOutButton } from '../features/auth/sign-out-button';
import { OrganisationSwitcher } from '../features/organisations/organisation-switcher';
import { roleList } from '../shared/roles';
import { LiveUpdates } from '../shared/live/live-updates';
import { IdleWarning } from '../shared/safety/idle-warning';
import { QuickExitButton } from '../shared/safety/quick-exit-button';
import { LanguageSwitch } from './language-switch';
import { isPortalPerson, navigationFor } from './navigation';
import { useSession } from './session-context';

/** Minutes without activity before a session is ended on this device, and the warning before. */
export const IDLE_MINUTES = 15;
export const IDLE_WARNING_MINUTES = 2;

/** Header with who is signed in and where, the menu of their role, and the page below it. */
export function AppShell({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { me, active, roles, switchOrganisation, signedOut } = useSession();
  const client = useClient();
  const navigate = useNavigate();
  const portal = isPortalPerson(roles);

  const leave = useCallback(
    (notice: 'signedOut' | 'idleSignedOut') => {
      void navigate('/', { replace: true });
      signedOut(notice);
    },
    [navigate, signedOut],
  );

  const endSessionNow = useCallback(() => {
    // The page is leaving: keepalive lets the request finish after it has gone.
    void client
      .mutation(
        SignOutMutation,
        {},
        { fetchOptions: { keepalive: true, credentials: 'same-origin' } },
      )
      .toPromise();
  }, [client]);

  const signOutIdle = useCallback(async () => {
    await client.mutation(SignOutMutation, {}).toPromise();
    leave('idleSignedOut');
  }, [client, leave]);

  const stay = useCallback(() => {
    void client.query(MeQuery, {}, { requestPolicy: 'network-only' }).toPromise();
  }, [client]);

  return (
    <>
      <a className="skip-link" href="#main">
        {t('shell.skipLink')}
      </a>
      {portal ? <QuickExitButton onExit={endSessionNow} /> : null}
      <header className="app-header">
        <div className="header-inner">
          <p className="brand">Klachtpad</p>
          <p className="header-person">
            <span className="visually-hidden">{t('shell.signedInAs')} </span>
            {me.displayName}{' '}
            <span className="muted">
              · <span className="visually-hidden">{t('shell.role')} </span>
              {roleList(roles, t)}
            </span>
          </p>
          <div className="header-actions">
            <LanguageSwitch />
            <SignOutButton onSignedOut={() => leave('signedOut')} />
          </div>
        </div>
        <div className="organisation-bar">
          <div className="header-inner">
            <p className="header-organisation">
              <span className="muted">{t('shell.organisation')} </span>
              <strong>{active.name}</strong>
            </p>
            <OrganisationSwitcher
              memberships={me.memberships}
              activeSlug={active.slug}
              onSwitch={switchOrganisation}
            />
          </div>
        </div>
        <nav className="main-nav" aria-label={t('shell.navigation')}>
          <ul className="header-inner">
            {navigationFor(roles).map((item) => (
              <li key={item.to + item.label}>
                <NavLink to={item.to} end={item.end ?? false}>
                  {t(`nav.${item.label}`)}
                  {item.label === 'notifications' ? <UnreadCount /> : null}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="main" className="page">
        {children}
      </main>
      <LiveUpdates />
      <IdleWarning
        idleMinutes={IDLE_MINUTES}
        warnMinutes={IDLE_WARNING_MINUTES}
        onTimeout={() => void signOutIdle()}
        onStay={stay}
      />
    </>
  );
}
