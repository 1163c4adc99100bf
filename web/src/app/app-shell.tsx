import type { ReactNode } from 'react';
import { roleList, rolesFrom } from '../shared/roles';
import type { Me } from '../features/auth/auth.graphql';
import { SignOutButton } from '../features/auth/sign-out-button';
import { OrganisationSwitcher } from '../features/organisations/organisation-switcher';

export interface AppShellProps {
  me: Me;
  active: NonNullable<Me['activeOrganisation']>;
  onSwitchOrganisation(slug: string): void;
  onSignedOut(): void;
  children: ReactNode;
}

/** Header with who is signed in and where, and the page below it. */
export function AppShell({
  me,
  active,
  onSwitchOrganisation,
  onSignedOut,
  children,
}: AppShellProps) {
  return (
    <>
      <a className="skip-link" href="#main">
        Naar de inhoud
      </a>
      <header className="app-header">
        <div className="header-inner">
          <p className="brand">Klachtpad</p>
          <div className="header-context">
            <p className="header-organisation">
              <span className="visually-hidden">Organisatie: </span>
              {active.name}
            </p>
            <p className="header-person">
              <span className="visually-hidden">Ingelogd als: </span>
              {me.displayName}{' '}
              <span className="muted">
                · <span className="visually-hidden">rol: </span>
                {roleList(rolesFrom(active.roles))}
              </span>
            </p>
          </div>
          <div className="header-actions">
            <OrganisationSwitcher
              memberships={me.memberships}
              activeSlug={active.slug}
              onSwitch={onSwitchOrganisation}
            />
            <SignOutButton onSignedOut={onSignedOut} />
          </div>
        </div>
      </header>
      <main id="main" className="page">
        {children}
      </main>
    </>
  );
}
