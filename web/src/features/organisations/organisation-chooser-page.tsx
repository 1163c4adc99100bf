import { StatusMessage } from '../../shared/alert-message';
import { PageHeading } from '../../shared/page-heading';
import { roleList, rolesFrom } from '../../shared/roles';
import type { MembershipView } from '../auth/auth.graphql';
import { SignOutButton } from '../auth/sign-out-button';

export interface OrganisationChooserPageProps {
  displayName: string;
  memberships: readonly MembershipView[];
  onChoose(slug: string): void;
  onSignedOut(): void;
  notice?: string | undefined;
}

/** For people who work for several organisations, such as an independent confidant. */
export function OrganisationChooserPage({
  displayName,
  memberships,
  onChoose,
  onSignedOut,
  notice,
}: OrganisationChooserPageProps) {
  return (
    <main className="centred">
      <div className="card">
        <PageHeading>Kies een organisatie</PageHeading>
        {notice ? <StatusMessage>{notice}</StatusMessage> : null}
        {memberships.length === 0 ? (
          <p className="lead">
            Welkom, {displayName}. U bent nog niet aan een organisatie gekoppeld. Neem contact op
            met de organisatie die u toegang tot Klachtpad zou geven.
          </p>
        ) : (
          <>
            <p className="lead">
              Welkom, {displayName}. U werkt voor meer dan één organisatie. Kies voor welke
              organisatie u nu verder wilt. U kunt later altijd wisselen.
            </p>
            <ul className="choices">
              {memberships.map((membership) => (
                <li key={membership.organisationId}>
                  <button
                    type="button"
                    className="choice"
                    onClick={() => onChoose(membership.slug)}
                  >
                    <span className="choice-name">{membership.name}</span>
                    <span className="choice-detail">
                      Uw rol: {roleList(rolesFrom(membership.roles))}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          </>
        )}
        <div className="secondary-actions">
          <SignOutButton onSignedOut={onSignedOut} />
        </div>
      </div>
    </main>
  );
}
