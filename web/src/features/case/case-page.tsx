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
import { CaseStatus } from '../complaints/case-status';
import { NotFoundPage } from '../home/not-found-page';
import { CaseActions } from './case-actions';
import { CaseQuery } from './case.graphql';
import { CaseDeadlines } from './case-deadlines';
import { CaseDocuments } from './case-documents';
import { CaseMeasures } from './case-measures';
import { CaseMeetings } from './case-meetings';
import { CaseMessages } from './case-messages';
import { CaseNextStep } from './case-next-step';
import { CaseTimeline } from './case-timeline';
import { outcomeKey } from './outcomes';

/**
 * One complaint, for the client and their confidant: where it stands and what happens next,
 * every deadline with how it was worked out, what they can do now, and everything shared.
 */
export function CasePage() {
  const { caseId = '' } = useParams();
  const { t } = useTranslation('case');
  const { t: common } = useTranslation();
  const format = useFormat();
  const { roles } = useSession();
  const [failedForm, setFailedForm] = useState(false);
  const [{ data, error, fetching }, refetch] = useQuery({
    query: CaseQuery,
    variables: { id: caseId, language: format.language === 'en' ? 'EN' : 'NL' },
  });
  const kase = data?.case;
  usePageTitle(kase ? t('title', { reference: kase.reference }) : t('titleLoading'), failedForm);

  const failure = apiFailure(error);
  if (failure?.code === 'NOT_FOUND' || (data && !kase)) {
    return <NotFoundPage message={t('notFound')} />;
  }
  if (failure) return <AlertMessage>{generalFailureMessage(failure, common)}</AlertMessage>;
  if (!kase) return fetching ? <Loading /> : null;

  const isClient = roles.includes('client');
  return (
    <article className="case-page">
      <p className="breadcrumb">
        <Link to="/klachten">{t('back')}</Link>
      </p>
      <PageHeading>{t('heading', { reference: kase.reference })}</PageHeading>
      <p className="lead">
        <CaseStatus closed={kase.closed} stages={kase.stages} />{' '}
        <span className="muted">{t('received', { date: format.date(kase.receivedOn) })}</span>
      </p>
      {kase.warnings.length > 0 ? (
        <div className="status" role="note">
          <p>{t('warnings.outsideWindow')}</p>
        </div>
      ) : null}
      <section aria-labelledby="complaint-parts" className="card">
        <h2 id="complaint-parts">{t('parts.title')}</h2>
        <ol className="parts">
          {kase.parts.map((part) => (
            <li key={part.id}>
              <p className="user-text">{part.summary}</p>
              {part.outcome ? (
                <p className="muted">
                  {t('parts.outcome', {
                    outcome: t(`outcomes.${outcomeKey(part.outcome)}`),
                    date: part.decidedOn ? format.date(part.decidedOn) : '',
                  })}
                </p>
              ) : null}
            </li>
          ))}
        </ol>
      </section>
      <CaseNextStep kase={kase} />
      <CaseDeadlines deadlines={kase.deadlines} closed={kase.closed} />
      <CaseActions
        kase={kase}
        onConflict={() => refetch({ requestPolicy: 'network-only' })}
        onProblems={setFailedForm}
      />
      <CaseMessages kase={kase} />
      <CaseMeetings kase={kase} />
      <CaseDocuments documents={kase.documents} />
      <CaseMeasures measures={kase.measures} />
      <CaseTimeline kase={kase} />
      {isClient ? (
        <nav className="card" aria-labelledby="case-privacy">
          <h2 id="case-privacy">{t('privacy.title')}</h2>
          <ul className="link-list">
            <li>
              <Link to={`/klachten/${kase.id}/toegang`}>{t('privacy.sharing')}</Link>
            </li>
            <li>
              <Link to={`/klachten/${kase.id}/ingezien`}>{t('privacy.accessLog')}</Link>
            </li>
          </ul>
        </nav>
      ) : null}
    </article>
  );
}
