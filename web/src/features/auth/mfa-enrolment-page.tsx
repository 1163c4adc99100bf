import { useMutation } from 'urql';
import { AlertMessage } from '../../shared/alert-message';
import { apiFailure, generalFailureMessage } from '../../shared/api-failure';
import { PageHeading } from '../../shared/page-heading';
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
  const [begun, begin] = useMutation(BeginMfaEnrolmentMutation);
  const [, confirm] = useMutation(ConfirmMfaEnrolmentMutation);
  const enrolment = begun.data?.beginMfaEnrolment;
  const beginFailure = apiFailure(begun.error);

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
        <PageHeading>Controle in twee stappen instellen</PageHeading>
        <p className="lead">
          {organisationName} vraagt medewerkers om bij het inloggen een extra code te gebruiken. Zo
          blijven de gegevens van cliënten beter beschermd. U heeft daarvoor een app nodig op uw
          telefoon, zoals Microsoft Authenticator, Google Authenticator of FreeOTP.
        </p>
        {beginFailure ? <AlertMessage>{generalFailureMessage(beginFailure)}</AlertMessage> : null}
        {enrolment ? (
          <>
            <ol className="steps">
              <li>
                Kies in de app voor een nieuw account en voer de sleutel hieronder in (of open de
                koppeling op uw telefoon).
                <dl className="enrolment">
                  <dt>Sleutel</dt>
                  <dd>
                    <code>{groupsOfFour(enrolment.secret)}</code>
                  </dd>
                  <dt>Koppeling</dt>
                  <dd>
                    <code className="wrap">{enrolment.otpauthUrl}</code>
                  </dd>
                </dl>
              </li>
              <li>Vul daarna de code van 6 cijfers in die de app laat zien.</li>
            </ol>
            <MfaCodeForm submitLabel="Instellen afronden" onSubmitCode={submitCode} />
          </>
        ) : (
          <button
            type="button"
            className="button primary"
            disabled={begun.fetching}
            onClick={() => void begin({})}
          >
            {begun.fetching ? 'Even geduld…' : 'Beginnen met instellen'}
          </button>
        )}
        <div className="secondary-actions">
          <SignOutButton onSignedOut={onSignedOut} label="Later doen en uitloggen" />
        </div>
      </div>
    </main>
  );
}

/** Typing a long key is easier in groups; authenticator apps ignore the spaces. */
function groupsOfFour(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, '$1 ');
}
