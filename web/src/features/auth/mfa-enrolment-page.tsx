import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { apiFailure, generalFailureMessage } from '../../shared/api-failure';
import { AlertMessage } from '../../shared/page/alert-message';
import { PageHeading } from '../../shared/page/page-heading';
import { usePageTitle } from '../../shared/page/page-title';
import { BeginMfaEnrolmentMutation, ConfirmMfaEnrolmentMutation } from './auth.graphql';
import { MfaCodeForm } from './mfa-code-form';
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
  const { t: common } = useTranslation();
  const [begun, begin] = useMutation(BeginMfaEnrolmentMutation);
  const [, confirm] = useMutation(ConfirmMfaEnrolmentMutation);
  const enrolment = begun.data?.beginMfaEnrolment;
  const beginFailure = apiFailure(begun.error);
  usePageTitle(t('mfa.enrolTitle'), Boolean(beginFailure));

  async function submitCode(code: string) {
    const result = await confirm({ code });
    const failure = apiFailure(result.error);
    if (!failure && result.data?.confirmMfaEnrolment) onEnrolled();
    return (
      failure ?? (result.data?.confirmMfaEnrolment ? undefined : { code: 'NETWORK_ERROR' as const })
    );
  }

  return (
    <main className="centred">
      <div className="card">
        <PageHeading>{t('mfa.enrolTitle')}</PageHeading>
        <p className="lead">{t('mfa.enrolLead', { organisation: organisationName })}</p>
        {beginFailure ? (
          <AlertMessage>{generalFailureMessage(beginFailure, common)}</AlertMessage>
        ) : null}
        {enrolment ? (
          <>
            <ol className="steps">
              <li>
                {t('mfa.enrolStepKey')}
                <dl className="enrolment">
                  <dt>{t('mfa.key')}</dt>
                  <dd>
                    <code>{groupsOfFour(enrolment.secret)}</code>
                  </dd>
                  <dt>{t('mfa.link')}</dt>
                  <dd>
                    <code className="wrap">{enrolment.otpauthUrl}</code>
                  </dd>
                </dl>
              </li>
              <li>{t('mfa.enrolStepCode')}</li>
            </ol>
            <MfaCodeForm submitLabel={t('mfa.enrolSubmit')} onSubmitCode={submitCode} />
          </>
        ) : (
          <button
            type="button"
            className="button primary"
            disabled={begun.fetching}
            onClick={() => void begin({})}
          >
            {begun.fetching ? t('mfa.wait') : t('mfa.enrolBegin')}
          </button>
        )}
        <div className="secondary-actions">
          <SignOutButton onSignedOut={onSignedOut} label={t('mfa.laterAndSignOut')} />
        </div>
      </div>
    </main>
  );
}

/** Typing a long key is easier in groups; authenticator apps ignore the spaces. */
function groupsOfFour(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, '$1 ');
}
