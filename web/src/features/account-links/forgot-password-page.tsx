import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMutation } from 'urql';
import { apiFailure, generalFailureMessage } from '../../shared/api-failure';
import { TextField } from '../../shared/forms/fields';
import { AlertMessage, StatusMessage } from '../../shared/page/alert-message';
import { usePageTitle } from '../../shared/page/page-title';
import { RequestPasswordResetMutation } from './account-links.graphql';
import { SignedOutCard } from '../../shared/page/signed-out-card';

/**
 * `/wachtwoord-vergeten`: asks for a reset link. The answer is the same whether or not the
 * address has an account (ADR 0091), and so is what this page says.
 */
export function ForgotPasswordPage() {
  const { t } = useTranslation('accountLinks');
  const { t: common } = useTranslation();
  const [email, setEmail] = useState('');
  const [missing, setMissing] = useState<string | undefined>();
  const [failure, setFailure] = useState<string | undefined>();
  const [sent, setSent] = useState(false);
  const [{ fetching }, request] = useMutation(RequestPasswordResetMutation);
  usePageTitle(t('forgot.title'), Boolean(failure || missing));

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!/^[^\s@]+@[^\s@]+$/.test(email.trim())) return setMissing(t('forgot.invalidEmail'));
    setMissing(undefined);
    setFailure(undefined);
    const result = await request({ email: email.trim() });
    const problem = apiFailure(result.error);
    if (problem?.code === 'BAD_USER_INPUT') return setMissing(t('forgot.invalidEmail'));
    if (problem || !result.data)
      return setFailure(generalFailureMessage(problem ?? { code: 'NETWORK_ERROR' }, common));
    setSent(true);
  }

  return (
    <SignedOutCard title={t('forgot.title')}>
      {sent ? (
        <StatusMessage>{t('forgot.sent')}</StatusMessage>
      ) : (
        <>
          <p className="lead">{t('forgot.lead')}</p>
          {failure ? <AlertMessage>{failure}</AlertMessage> : null}
          <form onSubmit={(event) => void submit(event)} noValidate>
            <TextField
              label={t('forgot.email')}
              type="email"
              name="email"
              autoComplete="username"
              inputMode="email"
              spellCheck={false}
              value={email}
              error={missing}
              onChange={(event) => setEmail(event.target.value)}
            />
            <button type="submit" className="button primary" disabled={fetching}>
              {fetching ? t('busy') : t('forgot.submit')}
            </button>
          </form>
        </>
      )}
      <p>
        <Link to="/">{t('toSignIn')}</Link>
      </p>
    </SignedOutCard>
  );
}
