import { useTranslation } from 'react-i18next';
import { StatusMessage } from '../../shared/page/alert-message';
import { PageHeading } from '../../shared/page/page-heading';
import { usePageTitle } from '../../shared/page/page-title';
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
  const { t } = useTranslation();
  usePageTitle(t('organisations.chooseTitle'));
  return (
    <main className="centred">
      <div className="card">
        <PageHeading>{t('organisations.chooseTitle')}</PageHeading>
        {notice ? <StatusMessage>{notice}</StatusMessage> : null}
        {memberships.length === 0 ? (
          <p className="lead">{t('organisations.none', { name: displayName })}</p>
        ) : (
          <>
            <p className="lead">{t('organisations.several', { name: displayName })}</p>
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
                      {t('organisations.yourRole', {
                        roles: roleList(rolesFrom(membership.roles), t),
                      })}
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
