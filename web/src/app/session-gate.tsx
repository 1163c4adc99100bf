import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet } from 'react-router';
import { useQuery } from 'urql';
import { MeQuery } from '../features/auth/auth.graphql';
import { MfaEnrolmentPage } from '../features/auth/mfa-enrolment-page';
import { MfaVerifyPage } from '../features/auth/mfa-verify-page';
import { SignInPage } from '../features/auth/sign-in-page';
import {
  needsVerificationFor,
  organisationToEnter,
} from '../features/organisations/organisation-choice';
import { OrganisationChooserPage } from '../features/organisations/organisation-chooser-page';
import { apiFailure, generalFailureMessage } from '../shared/api-failure';
import { readOrganisationPreference } from '../shared/api/organisation-preference';
import { ErrorScreen } from '../shared/page/error-screen';
import { LoadingScreen } from '../shared/page/loading-screen';
import { rolesFrom } from '../shared/roles';
import { AppShell } from './app-shell';
import { LanguagePreference } from './language-preference';
import { SessionContext, type Session, type SignOutReason } from './session-context';

/** An organisation the server would not let the user enter, and why. */
export interface OrganisationRefusal {
  slug: string;
  reason: string | undefined;
}

export interface SessionControls {
  enter(slug: string): void;
  refused(refusal: OrganisationRefusal): void;
  signedIn(): void;
  signedOut(reason?: SignOutReason): void;
}

export interface SessionGateProps {
  /** The organisation sent as `X-Organisation`, once entered. */
  organisation: string | null;
  refusal: OrganisationRefusal | null;
  notice: SignOutReason | undefined;
  controls: SessionControls;
}

const MFA_REQUIRED = 'MFA_REQUIRED';

/**
 * Decides what the user sees from one question to the server, `me`: sign in, the second step,
 * a choice of organisation, or the page the address asks for, inside the shell.
 */
export function SessionGate({ organisation, refusal, notice, controls }: SessionGateProps) {
  const { t } = useTranslation();
  const [{ data, error }, reexecute] = useQuery({ query: MeQuery, variables: {} });
  const [chosen, setChosen] = useState(readOrganisationPreference);
  const refresh = () => reexecute({ requestPolicy: 'network-only' });
  const failure = apiFailure(error);
  const me = data?.me;

  // The organisation refused the whole request: step back out of it and say why.
  const refusedHere = organisation && failure?.code === 'FORBIDDEN';
  const vanished = organisation && me && !me.activeOrganisation;
  useEffect(() => {
    if (refusedHere || vanished) controls.refused({ slug: organisation, reason: failure?.reason });
  }, [refusedHere, vanished, organisation, failure?.reason, controls]);

  const candidate =
    me && !organisation
      ? organisationToEnter(me.memberships, chosen ?? refusal?.slug ?? null)
      : undefined;
  const blockedByRefusal =
    candidate !== undefined && refusal?.slug === candidate.slug && refusal.reason !== MFA_REQUIRED;
  const askVerification =
    me !== undefined &&
    candidate !== undefined &&
    !me.sessionMfaVerified &&
    (needsVerificationFor(candidate, me) || refusal?.slug === candidate.slug);
  const enterNow = candidate && !blockedByRefusal && !askVerification ? candidate.slug : undefined;
  useEffect(() => {
    if (enterNow) controls.enter(enterNow);
  }, [enterNow, controls]);

  const active = me?.activeOrganisation;
  const session = useMemo<Session | null>(
    () =>
      me && active
        ? {
            me,
            active,
            roles: rolesFrom(active.roles),
            switchOrganisation: controls.enter,
            signedOut: controls.signedOut,
          }
        : null,
    [me, active, controls],
  );

  if (failure?.code === 'UNAUTHENTICATED') {
    return (
      <SignInPage
        onSignedIn={controls.signedIn}
        notice={notice ? t(`signIn.notice.${notice}`) : undefined}
      />
    );
  }
  if (failure && !refusedHere) {
    return <ErrorScreen message={generalFailureMessage(failure, t)} onRetry={refresh} />;
  }
  if (!me || refusedHere || vanished || enterNow) return <LoadingScreen />;

  const content = (() => {
    // Someone who turned two-step verification on is asked for a code right after signing in.
    if (me.mfaEnabled && !me.sessionMfaVerified) {
      return (
        <MfaVerifyPage
          organisationName={askVerification ? candidate?.name : undefined}
          onVerified={refresh}
          onSignedOut={() => controls.signedOut()}
        />
      );
    }
    if (!organisation) {
      if (candidate && askVerification) {
        return (
          <MfaEnrolmentPage
            organisationName={candidate.name}
            onEnrolled={refresh}
            onSignedOut={() => controls.signedOut()}
          />
        );
      }
      return (
        <OrganisationChooserPage
          displayName={me.displayName}
          memberships={me.memberships}
          onChoose={setChosen}
          onSignedOut={() => controls.signedOut()}
          notice={blockedByRefusal ? t('organisations.refusedNotice') : undefined}
        />
      );
    }
    if (!session) return <LoadingScreen />;
    return (
      <SessionContext.Provider value={session}>
        <AppShell>
          <Outlet />
        </AppShell>
      </SessionContext.Provider>
    );
  })();

  return (
    <>
      <LanguagePreference saved={me.language} />
      {content}
    </>
  );
}
