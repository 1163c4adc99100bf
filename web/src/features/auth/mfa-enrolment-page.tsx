import { useTranslation } from 'react-i18next';
import { PageHeading } from '../../shared/page/page-heading';
import { MfaEnrolment } from './mfa-enrolment';
import { SignOutButton } from './sign-out-button';

export interface MfaEnrolmentPageProps {
  organisationName: string;
  onEnrolled(): void;
  onSignedOut(): void;
}

/** Pairs an authenticator app, for staff of an organisation that requires two-step verification. */
export function MfaEnrolmentPage({
  organisationName,
  onEnrolled,
  onSignedOut,
}: MfaEnrolmentPageProps) {
  const { t } = useTranslation('auth');

  return (
    <main className="centred">
      <div className="card">
        <PageHeading>{t('mfa.enrolTitle')}</PageHeading>
        <p className="lead">{t('mfa.enrolLead', { organisation: organisationName })}</p>
        <MfaEnrolment pageTitle={t('mfa.enrolTitle')} onEnrolled={onEnrolled} />
        <div className="secondary-actions">
          <SignOutButton onSignedOut={onSignedOut} label={t('mfa.laterAndSignOut')} />
        </div>
      </div>
    </main>
  );
}
