import { useRef, useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { AlertMessage, StatusMessage } from '../../shared/alert-message';
import { apiFailure, generalFailureMessage, type ApiFailure } from '../../shared/api-failure';
import { PageHeading } from '../../shared/page-heading';
import { TextField } from '../../shared/text-field';
import { SignInMutation } from './auth.graphql';

export interface SignInPageProps {
  /** Called once the session cookie is set. */
  onSignedIn(): void;
  /** Why the user sees this page again, e.g. after signing out. */
  notice?: string | undefined;
}

function signInFailureMessage(failure: ApiFailure): string {
  if (failure.code === 'UNAUTHENTICATED') {
    return 'Inloggen is niet gelukt. Controleer uw e-mailadres en wachtwoord. Lukt het na een paar keer niet, wacht dan een kwartier en probeer het opnieuw.';
  }
  if (failure.code === 'BAD_USER_INPUT' && failure.field === 'email') {
    return 'Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl.';
  }
  if (failure.code === 'BAD_USER_INPUT' && failure.field === 'password') {
    return 'Vul uw wachtwoord in.';
  }
  return generalFailureMessage(failure);
}

export function SignInPage({ onSignedIn, notice }: SignInPageProps) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState<{ email?: string; password?: string }>({});
  const [failure, setFailure] = useState<string | undefined>();
  const [{ fetching }, signIn] = useMutation(SignInMutation);
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const problems = {
      ...(email.trim() ? {} : { email: 'Vul uw e-mailadres in.' }),
      ...(password ? {} : { password: 'Vul uw wachtwoord in.' }),
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
      setFailure(signInFailureMessage(problem ?? { code: 'NETWORK_ERROR' }));
      setPassword('');
      passwordRef.current?.focus();
      return;
    }
    onSignedIn();
  }

  return (
    <main className="centred">
      <div className="card narrow">
        <p className="brand" aria-hidden="true">
          Klachtpad
        </p>
        <PageHeading>Inloggen bij Klachtpad</PageHeading>
        <p className="lead">
          Log in met het e-mailadres en wachtwoord die u van uw organisatie heeft gekregen.
        </p>
        {notice ? <StatusMessage>{notice}</StatusMessage> : null}
        {failure ? <AlertMessage>{failure}</AlertMessage> : null}
        <form onSubmit={(event) => void submit(event)} noValidate>
          <TextField
            ref={emailRef}
            label="E-mailadres"
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
            label="Wachtwoord"
            type="password"
            name="password"
            autoComplete="current-password"
            value={password}
            error={missing.password}
            onChange={(event) => setPassword(event.target.value)}
          />
          <button type="submit" className="button primary" disabled={fetching}>
            {fetching ? 'Bezig met inloggen…' : 'Inloggen'}
          </button>
        </form>
      </div>
    </main>
  );
}
