import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { useSession } from '../../app/session-context';
import { apiFailure, generalFailureMessage } from '../../shared/api-failure';
import { downloadDocument } from '../../shared/documents/document-transfer';
import { TextAreaField } from '../../shared/forms/fields';
import { useFormat } from '../../shared/i18n/format';
import { AlertMessage, StatusMessage } from '../../shared/page/alert-message';
import { Loading } from '../../shared/page/loading-screen';
import { PageHeading } from '../../shared/page/page-heading';
import { usePageTitle } from '../../shared/page/page-title';
import {
  MyRequestsQuery,
  RequestDataAccessMutation,
  RequestErasureMutation,
  type MyRequest,
} from './my-data.graphql';

/**
 * "Mijn gegevens": the client's rights under the AVG in the portal (ADR 0095). They ask for access
 * (and a copy to take along) or for erasure, see each request's day and any extension with its
 * reason, and download the answer as PDF or JSON once it is given.
 */
export function MyDataPage() {
  const { t } = useTranslation('myData');
  const { t: common } = useTranslation();
  const [{ data, error }, refetch] = useQuery({ query: MyRequestsQuery, variables: {} });
  const failure = apiFailure(error);
  usePageTitle(t('title'), Boolean(failure));
  if (failure) return <AlertMessage>{generalFailureMessage(failure, common)}</AlertMessage>;
  if (!data) return <Loading />;
  const requests = data.myDataSubjectRequests;
  const open = (kind: MyRequest['kind']) =>
    requests.some((request) => request.kind === kind && request.status === 'OPEN');
  const reload = () => refetch({ requestPolicy: 'network-only' });
  return (
    <>
      <PageHeading>{t('title')}</PageHeading>
      <p className="lead">{t('lead')}</p>
      <RequestList requests={requests} />
      {open('ACCESS') ? null : <AccessForm onSent={reload} />}
      {open('ERASURE') ? null : <ErasureForm onSent={reload} />}
    </>
  );
}

function RequestList({ requests }: { requests: readonly MyRequest[] }) {
  const { t } = useTranslation('myData');
  const format = useFormat();
  const { active } = useSession();
  const [failed, setFailed] = useState(false);
  const save = (path: string, name: string) => {
    setFailed(false);
    downloadDocument({ organisation: active.slug, path, name }).catch(() => setFailed(true));
  };
  return (
    <section aria-labelledby="my-data-requests" className="card">
      <h2 id="my-data-requests">{t('requests.heading')}</h2>
      {failed ? <AlertMessage>{t('requests.downloadFailed')}</AlertMessage> : null}
      {requests.length === 0 ? <p className="muted">{t('requests.none')}</p> : null}
      <ul className="documents">
        {requests.map((request) => (
          <li key={request.id}>
            <h3>
              {t(`requests.kind.${request.kind}`)}: {t(`requests.status.${request.status}`)}
            </h3>
            <p>
              {t('requests.received', { date: format.date(request.receivedOn) })}
              {request.status === 'OPEN' ? (
                <>
                  {'. '}
                  <span title={format.label(request.dueDerivation)}>
                    {t('requests.due', { date: format.date(request.dueOn) })}
                  </span>
                </>
              ) : null}
            </p>
            {request.extension ? (
              <p>
                {t('requests.extended', {
                  months: request.extension.months,
                  reason: request.extension.reason,
                })}
              </p>
            ) : null}
            {request.decisionReasons ? (
              <p>{t('requests.reasons', { reasons: request.decisionReasons })}</p>
            ) : null}
            {request.download ? (
              <p>
                <button
                  type="button"
                  className="button"
                  onClick={() =>
                    save(request.download!.pdf, `klachtpad-gegevens-${request.receivedOn}.pdf`)
                  }
                >
                  {t('requests.downloadPdf')}
                </button>{' '}
                <button
                  type="button"
                  className="link-button"
                  onClick={() =>
                    save(request.download!.json, `klachtpad-gegevens-${request.receivedOn}.json`)
                  }
                >
                  {t('requests.downloadJson')}
                </button>
              </p>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

function AccessForm({ onSent }: { onSent(): void }) {
  const { t } = useTranslation('myData');
  const { t: common } = useTranslation();
  const [{ fetching }, ask] = useMutation(RequestDataAccessMutation);
  const [note, setNote] = useState('');
  const [sent, setSent] = useState(false);
  const [problem, setProblem] = useState<string | undefined>();
  return (
    <form
      noValidate
      className="card"
      aria-labelledby="my-data-access"
      onSubmit={(event) => {
        event.preventDefault();
        setProblem(undefined);
        void ask({ input: { note: note.trim() || null } }).then((result) => {
          const failure = apiFailure(result.error);
          if (failure)
            return setProblem(
              failure.reason === 'ALREADY_OPEN'
                ? t('alreadyOpen')
                : generalFailureMessage(failure, common),
            );
          setSent(true);
          onSent();
        });
      }}
    >
      <h2 id="my-data-access">{t('access.heading')}</h2>
      <p>{t('access.hint')}</p>
      {problem ? <AlertMessage>{problem}</AlertMessage> : null}
      {sent ? <StatusMessage>{t('access.sent')}</StatusMessage> : null}
      <TextAreaField
        label={t('access.note')}
        rows={3}
        value={note}
        onChange={(event) => setNote(event.target.value)}
      />
      <button type="submit" className="button primary" disabled={fetching}>
        {t('access.submit')}
      </button>
    </form>
  );
}

function ErasureForm({ onSent }: { onSent(): void }) {
  const { t } = useTranslation('myData');
  const { t: common } = useTranslation();
  const [{ fetching }, ask] = useMutation(RequestErasureMutation);
  const [note, setNote] = useState('');
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [problem, setProblem] = useState<string | undefined>();
  return (
    <form
      noValidate
      className="card"
      aria-labelledby="my-data-erasure"
      onSubmit={(event) => {
        event.preventDefault();
        setProblem(undefined);
        if (note.trim().length < 3) return setError(t('erasure.noteRequired'));
        setError(undefined);
        void ask({ input: { note: note.trim() } }).then((result) => {
          const failure = apiFailure(result.error);
          if (failure)
            return setProblem(
              failure.reason === 'ALREADY_OPEN'
                ? t('alreadyOpen')
                : generalFailureMessage(failure, common),
            );
          setSent(true);
          setNote('');
          onSent();
        });
      }}
    >
      <h2 id="my-data-erasure">{t('erasure.heading')}</h2>
      {problem ? <AlertMessage>{problem}</AlertMessage> : null}
      {sent ? <StatusMessage>{t('erasure.sent')}</StatusMessage> : null}
      <TextAreaField
        id="my-data-erasure-note"
        label={t('erasure.note')}
        hint={t('erasure.noteHint')}
        error={error}
        rows={3}
        value={note}
        onChange={(event) => setNote(event.target.value)}
      />
      <button type="submit" className="button primary" disabled={fetching}>
        {t('erasure.submit')}
      </button>
    </form>
  );
}
