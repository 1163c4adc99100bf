import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { apiFailure, generalFailureMessage } from '../../shared/api-failure';
import { AlertMessage } from '../../shared/page/alert-message';
import { usePageTitle } from '../../shared/page/page-title';
import { BeginMfaEnrolmentMutation, ConfirmMfaEnrolmentMutation } from './auth.graphql';
import { MfaCodeForm } from './mfa-code-form';

/**
 * Pairing an authenticator app: begin, enter the key in the app, confirm with a first code. The
 * session counts as verified from then on. Written once for the page staff see before entering an
 * organisation that requires it and for pages that ask for it themselves (the access log).
 */
export function MfaEnrolment({
  pageTitle,
  onEnrolled,
}: {
  /** The title of the page it is on, marked as failed while enrolment cannot begin. */
  pageTitle: string;
  onEnrolled(): void;
}) {
  const { t } = useTranslation('auth');
  const { t: common } = useTranslation();
  const [begun, begin] = useMutation(BeginMfaEnrolmentMutation);
  const [, confirm] = useMutation(ConfirmMfaEnrolmentMutation);
  const enrolment = begun.data?.beginMfaEnrolment;
  const beginFailure = apiFailure(begun.error);
  usePageTitle(pageTitle, Boolean(beginFailure));

  async function submitCode(code: string) {
    const result = await confirm({ code });
    const failure = apiFailure(result.error);
    if (!failure && result.data?.confirmMfaEnrolment) onEnrolled();
    return (
      failure ?? (result.data?.confirmMfaEnrolment ? undefined : { code: 'NETWORK_ERROR' as const })
    );
  }

  return (
    <>
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
    </>
  );
}

/** Typing a long key is easier in groups; authenticator apps ignore the spaces. */
function groupsOfFour(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, '$1 ');
}
