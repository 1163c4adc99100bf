import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { useMutation } from 'urql';
import { apiFailure, generalFailureMessage } from '../../shared/api-failure';
import { AlertMessage, StatusMessage } from '../../shared/page/alert-message';
import { usePageTitle } from '../../shared/page/page-title';
import { ResetPasswordMutation } from './account-links.graphql';
import { NewPasswordFields } from './invitation-page';
import { problemsWithNewPassword, type PasswordProblems } from './new-password';
import { SignedOutCard } from '../../shared/page/signed-out-card';
import { tokenFromAddress } from './public-page';

/** `/reset-password?token=…`: the page the reset mail links to (ADR 0091). */
export function ResetPasswordPage() {
  const { t } = useTranslation('accountLinks');
  const { t: common } = useTranslation();
  const token = tokenFromAddress(useLocation().search);
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [problems, setProblems] = useState<PasswordProblems>({});
  const [failure, setFailure] = useState<string | undefined>(token ? undefined : t('reset.spent'));
  const [done, setDone] = useState(false);
  const [{ fetching }, reset] = useMutation(ResetPasswordMutation);
  const passwordRef = useRef<HTMLInputElement>(null);
  usePageTitle(t('reset.title'), Boolean(failure || problems.password || problems.repeat));

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found = problemsWithNewPassword(password, repeat, t);
    setProblems(found);
    if (found.password || found.repeat) return;
    setFailure(undefined);
    const result = await reset({ token, password });
    const problem = apiFailure(result.error);
    setPassword('');
    setRepeat('');
    if (problem || !result.data) {
      if (problem?.code === 'BAD_USER_INPUT' && problem.field === 'password')
        return setProblems({ password: t('password.tooShort') });
      if (problem?.code === 'BAD_USER_INPUT') return setFailure(t('reset.spent'));
      return setFailure(generalFailureMessage(problem ?? { code: 'NETWORK_ERROR' }, common));
    }
    setDone(true);
  }

  return (
    <SignedOutCard title={t('reset.title')}>
      {done ? (
        <>
          <StatusMessage>{t('reset.done')}</StatusMessage>
          <p>
            <Link to="/">{t('toSignIn')}</Link>
          </p>
        </>
      ) : (
        <>
          {failure ? <AlertMessage>{failure}</AlertMessage> : null}
          {token ? (
            <form onSubmit={(event) => void submit(event)} noValidate>
              <p className="lead">{t('reset.lead')}</p>
              <NewPasswordFields
                passwordRef={passwordRef}
                password={password}
                repeat={repeat}
                problems={problems}
                onPassword={setPassword}
                onRepeat={setRepeat}
              />
              <button type="submit" className="button primary" disabled={fetching}>
                {fetching ? t('busy') : t('reset.submit')}
              </button>
            </form>
          ) : null}
          <p>
            <Link to="/wachtwoord-vergeten">{t('reset.newLink')}</Link>
          </p>
        </>
      )}
    </SignedOutCard>
  );
}
