import { useState } from 'react';
import { useMutation } from 'urql';
import { AlertMessage } from '../../shared/alert-message';
import { apiFailure } from '../../shared/api-failure';
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
export function SignOutButton({ onSignedOut, label = 'Uitloggen' }: SignOutButtonProps) {
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
        {fetching ? 'Bezig met uitloggen…' : label}
      </button>
      {failed ? (
        <AlertMessage>
          Uitloggen is niet gelukt, omdat Klachtpad even niet bereikbaar is. Probeer het opnieuw, of
          sluit de browser helemaal af.
        </AlertMessage>
      ) : null}
    </>
  );
}
