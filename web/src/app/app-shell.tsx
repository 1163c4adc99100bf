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
          <p className="header-person">
            <span className="visually-hidden">Ingelogd als: </span>
            {me.displayName}{' '}
            <span className="muted">
              · <span className="visually-hidden">rol: </span>
              {roleList(rolesFrom(active.roles))}
            </span>
          </p>
          <SignOutButton onSignedOut={onSignedOut} />
        </div>
        <div className="organisation-bar">
          <div className="header-inner">
            <p className="header-organisation">
              <span className="muted">Organisatie: </span>
              <strong>{active.name}</strong>
            </p>
            <OrganisationSwitcher
              memberships={me.memberships}
              activeSlug={active.slug}
              onSwitch={onSwitchOrganisation}
            />
          </div>
        </div>
      </header>
      <main id="main" className="page">
        {children}
      </main>
    </>
  );
}
