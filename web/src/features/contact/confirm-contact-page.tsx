import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useMutation } from 'urql';
import { useSession } from '../../app/session-context';
import { apiFailure, generalFailureMessage } from '../../shared/api-failure';
import { AlertMessage, StatusMessage } from '../../shared/page/alert-message';
import { Loading } from '../../shared/page/loading-screen';
import { PageHeading } from '../../shared/page/page-heading';
import { usePageTitle } from '../../shared/page/page-title';
import { ConfirmSafeEmailMutation } from './contact.graphql';

type Outcome = { kind: 'confirmed'; email: string | null } | { kind: 'failed'; message: string };

/**
 * Where the confirmation link of a safe address leads. The person signs in first (the session
 * gate asks), so a forwarded link confirms nothing for whoever opens it; the link names the
 * organisation the address was given in, which is entered before the token is sent.
 */
export function ConfirmContactPage() {
  const { t } = useTranslation('contact');
  const { t: common } = useTranslation();
  const [params] = useSearchParams();
  const { active, me, switchOrganisation } = useSession();
  const [, confirm] = useMutation(ConfirmSafeEmailMutation);
  const [outcome, setOutcome] = useState<Outcome | undefined>();
  const sent = useRef(false);
  const token = params.get('token') ?? '';
  const organisation = params.get('organisation');
  const member = me.memberships.some((m) => m.slug === organisation);
  const elsewhere = organisation !== null && organisation !== active.slug;
  usePageTitle(t('confirm.title'), outcome?.kind === 'failed');

  useEffect(() => {
    if (elsewhere && member && organisation) switchOrganisation(organisation);
  }, [elsewhere, member, organisation, switchOrganisation]);

  useEffect(() => {
    if (elsewhere || sent.current) return;
    sent.current = true;
    if (!token) {
      setOutcome({ kind: 'failed', message: t('confirm.invalid') });
      return;
    }
    void confirm({ token }).then((result) => {
      const failure = apiFailure(result.error);
      const answer = result.data?.confirmSafeEmail;
      if (answer) setOutcome({ kind: 'confirmed', email: answer.email });
      else if (!failure || failure.code === 'BAD_USER_INPUT')
        setOutcome({ kind: 'failed', message: t('confirm.invalid') });
      else setOutcome({ kind: 'failed', message: generalFailureMessage(failure, common) });
    });
  }, [elsewhere, token, confirm, t, common]);

  if (elsewhere && !member)
    return (
      <>
        <PageHeading>{t('confirm.title')}</PageHeading>
        <AlertMessage>{t('confirm.invalid')}</AlertMessage>
      </>
    );
  if (!outcome) return <Loading />;
  return (
    <>
      <PageHeading>{t('confirm.title')}</PageHeading>
      {outcome.kind === 'confirmed' ? (
        <StatusMessage>{t('confirm.done', { email: outcome.email })}</StatusMessage>
      ) : (
        <AlertMessage>{outcome.message}</AlertMessage>
      )}
      <p>
        <Link to="/bereikbaarheid">{t('confirm.toSettings')}</Link>
      </p>
    </>
  );
}
