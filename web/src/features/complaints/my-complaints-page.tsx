import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { useSession } from '../../app/session-context';
import { apiFailure, generalFailureMessage } from '../../shared/api-failure';
import { useFormat } from '../../shared/i18n/format';
import { AlertMessage } from '../../shared/page/alert-message';
import { Loading } from '../../shared/page/loading-screen';
import { PageHeading } from '../../shared/page/page-heading';
import { usePageTitle } from '../../shared/page/page-title';
import { CaseStatus } from './case-status';
import { MyCasesQuery, type CaseSummary } from './complaints.graphql';
import { nextDeadline } from './next-deadline';

const PAGE_SIZE = 50;

/**
 * "Mijn klachten": every complaint the person may follow here, newest first, each with its
 * reference, where it stands and the first deadline that runs. For a confidant, the complaints of
 * the clients who gave them access in this organisation.
 */
export function MyComplaintsPage() {
  const { t } = useTranslation('complaints');
  const { roles } = useSession();
  const format = useFormat();
  const [after, setAfter] = useState<string[]>([]);
  const isClient = roles.includes('client');
  const title = isClient ? t('list.title') : t('list.confidantTitle');
  usePageTitle(title);

  return (
    <>
      <PageHeading>{title}</PageHeading>
      {isClient ? (
        <p className="lead">
          {t('list.lead')}{' '}
          <Link className="button primary inline" to="/klachten/nieuw">
            {t('list.file')}
          </Link>
        </p>
      ) : (
        <p className="lead">{t('list.confidantLead')}</p>
      )}
      <CasePage after={undefined} language={format.language} />
      {after.map((cursor) => (
        <CasePage key={cursor} after={cursor} language={format.language} />
      ))}
      <MoreButton
        after={after.at(-1)}
        language={format.language}
        onMore={(cursor) => setAfter((list) => [...list, cursor])}
      />
    </>
  );
}

function useCasePage(after: string | undefined, language: 'nl' | 'en') {
  return useQuery({
    query: MyCasesQuery,
    variables: {
      first: PAGE_SIZE,
      after: after ?? null,
      language: language === 'en' ? 'EN' : 'NL',
    },
  });
}

function CasePage({ after, language }: { after: string | undefined; language: 'nl' | 'en' }) {
  const { t } = useTranslation('complaints');
  const { t: common } = useTranslation();
  const [{ data, error, fetching }] = useCasePage(after, language);
  const failure = apiFailure(error);
  if (failure) return <AlertMessage>{generalFailureMessage(failure, common)}</AlertMessage>;
  if (!data) return fetching ? <Loading /> : null;
  const cases = data.cases.edges.map((edge) => edge.node);
  if (!after && cases.length === 0) return <p className="empty">{t('list.empty')}</p>;
  return (
    <>
      {!after ? (
        <p className="count" role="status">
          {t('list.count', { count: data.cases.totalCount })}
        </p>
      ) : null}
      <ul className="case-list">
        {cases.map((kase) => (
          <CaseItem key={kase.id} kase={kase} />
        ))}
      </ul>
    </>
  );
}

function MoreButton({
  after,
  language,
  onMore,
}: {
  after: string | undefined;
  language: 'nl' | 'en';
  onMore(cursor: string): void;
}) {
  const { t } = useTranslation('complaints');
  const [{ data }] = useCasePage(after, language);
  const next = data?.cases.pageInfo;
  if (!next?.hasNextPage || !next.endCursor) return null;
  const cursor = next.endCursor;
  return (
    <button type="button" className="button" onClick={() => onMore(cursor)}>
      {t('list.more')}
    </button>
  );
}

function CaseItem({ kase }: { kase: CaseSummary }) {
  const { t } = useTranslation('complaints');
  const format = useFormat();
  const deadline = nextDeadline(kase.deadlines);
  const summary = kase.parts[0]?.summary ?? '';
  return (
    <li className="case-item">
      <h2 className="case-item-title">
        <Link to={`/klachten/${kase.id}`}>
          <span className="reference">{kase.reference}</span>
          <span className="case-item-summary">{summary}</span>
        </Link>
      </h2>
      <p className="case-item-meta">
        <CaseStatus closed={kase.closed} stages={kase.stages} />{' '}
        <span className="muted">{t('list.received', { date: format.date(kase.receivedOn) })}</span>
      </p>
      {deadline && !kase.closed ? (
        <p className="case-item-deadline">
          <strong>
            {t('list.deadline', { label: deadline.label, date: format.date(deadline.due) })}
          </strong>
          <br />
          <span className="muted">{deadline.explanation}</span>
        </p>
      ) : !kase.closed ? (
        <p className="case-item-deadline muted">{t('list.noDeadline')}</p>
      ) : null}
    </li>
  );
}
