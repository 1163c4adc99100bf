import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { useSession } from '../../app/session-context';
import { apiFailure, generalFailureMessage } from '../../shared/api-failure';
import { useFormat } from '../../shared/i18n/format';
import { AlertMessage } from '../../shared/page/alert-message';
import { Loading } from '../../shared/page/loading-screen';
import { PageHeading } from '../../shared/page/page-heading';
import { usePageTitle } from '../../shared/page/page-title';
import { CaseActions } from '../case/case-actions';
import { CaseDeadlines } from '../case/case-deadlines';
import { CaseDocuments } from '../case/case-documents';
import { CaseMeetings } from '../case/case-meetings';
import { CaseMessages, type MessageTexts } from '../case/case-messages';
import { CaseTimeline } from '../case/case-timeline';
import { CaseStatus } from '../complaints/case-status';
import { NotFoundPage } from '../home/not-found-page';
import { Decisions } from '../staff-case/part-decisions';
import { isCommissionMember } from './commission-access';
import { CommissionCaseQuery } from './commission.graphql';

/**
 * `/commissie/:caseId`: one referred case as the commission sees it, in the organisation the tab
 * acts in: the complaint's parts, its terms, the approved bundle (documents, what was shared,
 * the hearings planned for the commission), its requests for information, and the advice or
 * verdict per part as the procedure's own forms. The server narrows the case to the bundle; the
 * page asks for no people and shows nothing else of the organisation.
 */
export function CommissionCasePage() {
  const { roles, me } = useSession();
  return isCommissionMember(roles, me.memberships) ? <CommissionCase /> : <NotFoundPage />;
}

function CommissionCase() {
  const { caseId = '' } = useParams();
  const { t } = useTranslation('commission');
  const { t: common } = useTranslation();
  const format = useFormat();
  const { active } = useSession();
  const [failedForm, setFailedForm] = useState(false);
  const [{ data, error, fetching }, refetch] = useQuery({
    query: CommissionCaseQuery,
    variables: { id: caseId, language: format.language === 'en' ? 'EN' : 'NL' },
  });
  const kase = data?.case;
  usePageTitle(
    kase ? t('case.title', { reference: kase.reference }) : t('case.titleLoading'),
    failedForm,
  );
  const failure = apiFailure(error);
  if (failure?.code === 'NOT_FOUND' || (data && !kase)) {
    return <NotFoundPage message={t('case.notFound')} />;
  }
  if (failure) return <AlertMessage>{generalFailureMessage(failure, common)}</AlertMessage>;
  if (!kase) return fetching ? <Loading /> : null;

  const referral = (kase.referrals ?? []).find((r) => r.active);
  const requests: MessageTexts = {
    title: t('requests.title'),
    none: t('requests.none'),
    write: t('requests.write'),
    writeHint: t('requests.writeHint'),
    send: t('requests.send'),
    author: (message) =>
      message.onBehalfOfId ? t('requests.onBehalf') : t('requests.fromCaseFile'),
  };
  return (
    <article className="case-page commission-case">
      <p className="breadcrumb">
        <Link to="/commissie">{t('case.back')}</Link>
      </p>
      <PageHeading>{t('case.heading', { reference: kase.reference })}</PageHeading>
      <p className="lead">
        <CaseStatus closed={kase.closed} stages={kase.stages} />{' '}
        <span className="muted">
          {t('case.from', { organisation: active.name })} ·{' '}
          {t('case.received', { date: format.date(kase.receivedOn) })}
        </span>
      </p>
      {referral ? (
        <p className="status" role="note">
          {t('case.referral', {
            commission: referral.commission.name,
            from: format.dateTime(referral.referredAt),
            until: format.dateTime(referral.endsAt),
          })}
        </p>
      ) : null}
      <CaseDeadlines deadlines={kase.deadlines} closed={kase.closed} />
      <CaseActions
        kase={kase}
        onConflict={() => refetch({ requestPolicy: 'network-only' })}
        onProblems={setFailedForm}
      />
      <Decisions kase={kase} title={t('case.perPart')} />
      <CaseMessages kase={kase} texts={requests} />
      <CaseMeetings kase={kase} />
      <CaseDocuments documents={kase.documents} />
      <CaseTimeline kase={kase} />
    </article>
  );
}
