import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { apiFailure } from '../../shared/api-failure';
import { AlertMessage } from '../../shared/page/alert-message';
import { SignOutMutation } from './auth.graphql';

export interface SignOutButtonProps {
  onSignedOut(): void;
  label?: string;
}

/**
 * Ends the session on the server, which also clears the cookie. The screen only leaves the
 * session once the server confirms it (or says it had already ended): the cookie is HttpOnly, so
 * pretending to sign out while the session lives on would mislead someone on a shared computer.
 */
export function SignOutButton({ onSignedOut, label }: SignOutButtonProps) {
  const { t } = useTranslation('auth');
  const [{ fetching }, signOut] = useMutation(SignOutMutation);
  const [failed, setFailed] = useState(false);

  async function leave() {
    setFailed(false);
    const result = await signOut({});
    const failure = apiFailure(result.error);
    if (result.data?.signOut || failure?.code === 'UNAUTHENTICATED') onSignedOut();
    else setFailed(true);
  }

  return (
    <>
      <button
        type="button"
        className="button quiet"
        disabled={fetching}
        onClick={() => void leave()}
      >
        {fetching ? t('signOut.busy') : (label ?? t('signOut.button'))}
      </button>
      {failed ? <AlertMessage>{t('signOut.failed')}</AlertMessage> : null}
    </>
  );
}
