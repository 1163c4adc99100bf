import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { apiFailure } from '../../shared/api-failure';
import { PageHeading } from '../../shared/page/page-heading';
import { usePageTitle } from '../../shared/page/page-title';
import { VerifyMfaMutation } from './auth.graphql';
import { MfaCodeForm } from './mfa-code-form';
import { SignOutButton } from './sign-out-button';

export interface MfaVerifyPageProps {
  /** Name of the organisation that asks for it, when one does. */
  organisationName?: string | undefined;
  onVerified(): void;
  onSignedOut(): void;
}

/** The second step of signing in, for users who turned on two-step verification. */
export function MfaVerifyPage({ organisationName, onVerified, onSignedOut }: MfaVerifyPageProps) {
  const { t } = useTranslation('auth');
  const [, verifyMfa] = useMutation(VerifyMfaMutation);
  usePageTitle(t('mfa.verifyTitle'));

  async function submitCode(code: string) {
    const result = await verifyMfa({ code });
    const failure = apiFailure(result.error);
    if (!failure && result.data?.verifyMfa) onVerified();
    return failure ?? (result.data?.verifyMfa ? undefined : { code: 'NETWORK_ERROR' as const });
  }

  return (
    <main className="centred">
      <div className="card narrow">
        <PageHeading>{t('mfa.verifyTitle')}</PageHeading>
        <p className="lead">
          {organisationName
            ? t('mfa.verifyAskedBy', { organisation: organisationName })
            : t('mfa.verifyOwn')}{' '}
          {t('mfa.verifyLead')}
        </p>
        <MfaCodeForm submitLabel={t('mfa.verifySubmit')} onSubmitCode={submitCode} />
        <div className="secondary-actions">
          <SignOutButton onSignedOut={onSignedOut} label={t('mfa.stopAndSignOut')} />
        </div>
      </div>
    </main>
  );
}
