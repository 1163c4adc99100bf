import { useRef, useState, type FormEvent } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { apiFailure, generalFailureMessage, type ApiFailure } from '../../shared/api-failure';
import { TextField } from '../../shared/forms/fields';
import { AlertMessage, StatusMessage } from '../../shared/page/alert-message';
import { usePageTitle } from '../../shared/page/page-title';
import { SignedOutCard } from '../../shared/page/signed-out-card';
import { SignInMutation } from './auth.graphql';

export interface SignInPageProps {
  /** Called once the session cookie is set. */
  onSignedIn(): void;
  /** Why the user sees this page again, e.g. after signing out. */
  notice?: string | undefined;
}

function signInFailureMessage(
  failure: ApiFailure,
  t: TFunction<'auth'>,
  common: TFunction,
): string {
  if (failure.code === 'UNAUTHENTICATED') return t('signIn.failed');
  if (failure.code === 'BAD_USER_INPUT' && failure.field === 'email')
    return t('signIn.invalidEmail');
  if (failure.code === 'BAD_USER_INPUT' && failure.field === 'password')
    return t('signIn.missingPassword');
  return generalFailureMessage(failure, common);
}

export function SignInPage({ onSignedIn, notice }: SignInPageProps) {
  const { t } = useTranslation('auth');
  const { t: common } = useTranslation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState<{ email?: string; password?: string }>({});
  const [failure, setFailure] = useState<string | undefined>();
  const [{ fetching }, signIn] = useMutation(SignInMutation);
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  usePageTitle(t('signIn.title'), Boolean(failure || missing.email || missing.password));

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const problems = {
      ...(email.trim() ? {} : { email: t('signIn.missingEmail') }),
      ...(password ? {} : { password: t('signIn.missingPassword') }),
    };
    setMissing(problems);
    if (problems.email || problems.password) {
      (problems.email ? emailRef : passwordRef).current?.focus();
      return;
    }
    setFailure(undefined);
    const result = await signIn({ email: email.trim(), password });
    const problem = apiFailure(result.error);
    if (problem || !result.data) {
      setFailure(signInFailureMessage(problem ?? { code: 'NETWORK_ERROR' }, t, common));
      setPassword('');
      passwordRef.current?.focus();
      return;
    }
    onSignedIn();
  }

  return (
    <SignedOutCard title={t('signIn.title')}>
      <p className="lead">{t('signIn.lead')}</p>
      {notice ? <StatusMessage>{notice}</StatusMessage> : null}
      {failure ? <AlertMessage>{failure}</AlertMessage> : null}
      <form onSubmit={(event) => void submit(event)} noValidate>
        <TextField
          ref={emailRef}
          label={t('signIn.email')}
          type="email"
          name="email"
          autoComplete="username"
          inputMode="email"
          spellCheck={false}
          value={email}
          error={missing.email}
          onChange={(event) => setEmail(event.target.value)}
        />
        <TextField
          ref={passwordRef}
          label={t('signIn.password')}
          type="password"
          name="password"
          autoComplete="current-password"
          value={password}
          error={missing.password}
          onChange={(event) => setPassword(event.target.value)}
        />
        <button type="submit" className="button primary" disabled={fetching}>
          {fetching ? t('signIn.busy') : t('signIn.submit')}
        </button>
      </form>
      <p>
        <a href="/wachtwoord-vergeten">{t('signIn.forgot')}</a>
      </p>
    </SignedOutCard>
  );
}
