import { useRef, useState, type FormEvent, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { apiFailure, generalFailureMessage } from '../../shared/api-failure';
import { writeOrganisationPreference } from '../../shared/api/organisation-preference';
import { TextField } from '../../shared/forms/fields';
import { roleList, rolesFrom } from '../../shared/roles';
import { AlertMessage } from '../../shared/page/alert-message';
import { LoadingScreen } from '../../shared/page/loading-screen';
import { usePageTitle } from '../../shared/page/page-title';
import { AcceptInvitationMutation, InvitationPreviewQuery } from './account-links.graphql';
import { SignedOutCard } from '../../shared/page/signed-out-card';
import { tokenFromAddress } from './public-page';
import { problemsWithNewPassword, type PasswordProblems } from './new-password';

/** `/invitation?token=…`: the page the invitation mail links to (ADR 0090). */
export function InvitationPage({ goHome = () => window.location.assign('/') }) {
  const { t } = useTranslation('accountLinks');
  const { t: common } = useTranslation();
  const token = tokenFromAddress(useLocation().search);
  const [{ data, error, fetching }] = useQuery({
    query: InvitationPreviewQuery,
    variables: { token },
    pause: !token,
  });
  const failure = apiFailure(error);
  const spent = !token || failure?.code === 'BAD_USER_INPUT' || failure?.code === 'NOT_FOUND';
  usePageTitle(t('invitation.title'), spent || Boolean(failure));

  if (fetching) return <LoadingScreen />;
  return (
    <SignedOutCard title={t('invitation.title')}>
      {spent ? (
        <>
          <AlertMessage>{t('invitation.spent')}</AlertMessage>
          <p>
            <Link to="/">{t('toSignIn')}</Link>
          </p>
        </>
      ) : failure || !data ? (
        <AlertMessage>
          {generalFailureMessage(failure ?? { code: 'NETWORK_ERROR' }, common)}
        </AlertMessage>
      ) : (
        <AcceptForm token={token} invitation={data.invitation} goHome={goHome} />
      )}
    </SignedOutCard>
  );
}

interface Invitation {
  email: string;
  organisationName: string;
  organisationSlug: string;
  roles: readonly string[];
  accountExists: boolean;
}

function AcceptForm({
  token,
  invitation,
  goHome,
}: {
  token: string;
  invitation: Invitation;
  goHome: () => void;
}) {
  const { t } = useTranslation('accountLinks');
  const { t: common } = useTranslation();
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [problems, setProblems] = useState<PasswordProblems & { displayName?: string }>({});
  const [failure, setFailure] = useState<string | undefined>();
  const [{ fetching }, accept] = useMutation(AcceptInvitationMutation);
  const passwordRef = useRef<HTMLInputElement>(null);
  const roles = roleList(rolesFrom(invitation.roles), common).toLowerCase();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found = invitation.accountExists
      ? password
        ? {}
        : { password: t('password.missingCurrent') }
      : {
          ...(displayName.trim() ? {} : { displayName: t('invitation.missingName') }),
          ...problemsWithNewPassword(password, repeat, t),
        };
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    setFailure(undefined);
    const result = await accept({
      input: {
        token,
        password,
        ...(invitation.accountExists ? {} : { displayName: displayName.trim() }),
      },
    });
    const problem = apiFailure(result.error);
    if (problem || !result.data) {
      setPassword('');
      setRepeat('');
      passwordRef.current?.focus();
      if (problem?.code === 'UNAUTHENTICATED') return setFailure(t('invitation.wrongPassword'));
      if (problem?.code === 'BAD_USER_INPUT' && problem.field === 'password')
        return setProblems({ password: t('password.tooShort') });
      if (problem?.code === 'BAD_USER_INPUT' && problem.field === 'token')
        return setFailure(t('invitation.spent'));
      return setFailure(generalFailureMessage(problem ?? { code: 'NETWORK_ERROR' }, common));
    }
    // Signed in now (the cookie is set): start in the organisation that invited them.
    writeOrganisationPreference(invitation.organisationSlug);
    goHome();
  }

  return (
    <>
      <p className="lead">
        {t('invitation.lead', { organisation: invitation.organisationName, roles })}
      </p>
      <p>{t('invitation.address', { email: invitation.email })}</p>
      {failure ? <AlertMessage>{failure}</AlertMessage> : null}
      <form onSubmit={(event) => void submit(event)} noValidate>
        {invitation.accountExists ? (
          <>
            <p>{t('invitation.existingAccount')}</p>
            <TextField
              ref={passwordRef}
              label={t('password.current')}
              type="password"
              name="password"
              autoComplete="current-password"
              value={password}
              error={problems.password}
              onChange={(event) => setPassword(event.target.value)}
            />
          </>
        ) : (
          <>
            <TextField
              label={t('invitation.name')}
              hint={t('invitation.nameHint')}
              name="name"
              autoComplete="name"
              value={displayName}
              error={problems.displayName}
              onChange={(event) => setDisplayName(event.target.value)}
            />
            <NewPasswordFields
              passwordRef={passwordRef}
              password={password}
              repeat={repeat}
              problems={problems}
              onPassword={setPassword}
              onRepeat={setRepeat}
            />
          </>
        )}
        <button type="submit" className="button primary" disabled={fetching}>
          {fetching ? t('busy') : t('invitation.submit')}
        </button>
      </form>
    </>
  );
}

/** A new password, asked twice; its rules are stated before anyone types. */
export function NewPasswordFields({
  passwordRef,
  password,
  repeat,
  problems,
  onPassword,
  onRepeat,
}: {
  passwordRef: Ref<HTMLInputElement>;
  password: string;
  repeat: string;
  problems: PasswordProblems;
  onPassword(value: string): void;
  onRepeat(value: string): void;
}) {
  const { t } = useTranslation('accountLinks');
  return (
    <>
      <TextField
        ref={passwordRef}
        label={t('password.new')}
        hint={t('password.rules')}
        type="password"
        name="new-password"
        autoComplete="new-password"
        value={password}
        error={problems.password}
        onChange={(event) => onPassword(event.target.value)}
      />
      <TextField
        label={t('password.repeat')}
        type="password"
        name="repeat-password"
        autoComplete="new-password"
        value={repeat}
        error={problems.repeat}
        onChange={(event) => onRepeat(event.target.value)}
      />
    </>
  );
}
