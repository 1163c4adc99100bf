import { useMutation } from 'urql';
import { apiFailure } from '../../shared/api-failure';
import { PageHeading } from '../../shared/page-heading';
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
  const [, verifyMfa] = useMutation(VerifyMfaMutation);

  async function submitCode(code: string) {
    const result = await verifyMfa({ code });
    const failure = apiFailure(result.error);
    if (!failure && result.data?.verifyMfa) onVerified();
    return failure ?? (result.data?.verifyMfa ? undefined : { code: 'NETWORK_ERROR' as const });
  }

  return (
    <main className="centred">
      <div className="card narrow">
        <PageHeading>Controle in twee stappen</PageHeading>
        <p className="lead">
          {organisationName
            ? `${organisationName} vraagt medewerkers om een extra controle. `
            : 'U heeft controle in twee stappen aangezet. '}
          Open de app op uw telefoon waarmee u Klachtpad heeft gekoppeld, en vul de code in die u
          daar ziet.
        </p>
        <MfaCodeForm submitLabel="Code controleren" onSubmitCode={submitCode} />
        <div className="secondary-actions">
          <SignOutButton onSignedOut={onSignedOut} label="Stoppen en uitloggen" />
        </div>
      </div>
    </main>
  );
}
