import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { useSession } from '../../app/session-context';
import { apiFailure, generalFailureMessage } from '../../shared/api-failure';
import { ErrorSummary } from '../../shared/forms/error-summary';
import { TextField } from '../../shared/forms/fields';
import { useFormat } from '../../shared/i18n/format';
import { AlertMessage } from '../../shared/page/alert-message';
import { Loading } from '../../shared/page/loading-screen';
import { PageHeading } from '../../shared/page/page-heading';
import { usePageTitle } from '../../shared/page/page-title';
import { amsterdamMidnight, nextDay } from '../case/today';
import { NotFoundPage } from '../home/not-found-page';
import { AccessLogQuery } from './sharing.graphql';

/**
 * "Wie heeft mijn dossier bekeken": every access to the complaint, allowed or refused, in the
 * period the client chooses (kept in the address, so it can be bookmarked).
 */
export function AccessLogPage() {
  const { caseId = '' } = useParams();
  const { t } = useTranslation('sharing');
  const { t: common } = useTranslation();
  const format = useFormat();
  const { active } = useSession();
  const [params, setParams] = useSearchParams();
  const from = params.get('van') ?? '';
  const to = params.get('tot') ?? '';
  const [attempt, setAttempt] = useState(0);
  const { register, handleSubmit, formState, getValues } = useForm({
    defaultValues: { from, to },
    shouldFocusError: false,
  });
  const [{ data, error, fetching }] = useQuery({
    query: AccessLogQuery,
    variables: {
      caseId,
      from: from ? amsterdamMidnight(from) : null,
      to: to ? amsterdamMidnight(nextDay(to)) : null,
    },
  });
  const fieldErrors = [
    formState.errors.from?.message
      ? { fieldId: 'log-from', message: formState.errors.from.message }
      : null,
    formState.errors.to?.message
      ? { fieldId: 'log-to', message: formState.errors.to.message }
      : null,
  ].filter((problem): problem is { fieldId: string; message: string } => problem !== null);
  usePageTitle(t('log.title'), fieldErrors.length > 0);

  const apply = handleSubmit(
    (values) => {
      const next: Record<string, string> = {};
      if (values.from) next.van = values.from;
      if (values.to) next.tot = values.to;
      setParams(next);
    },
    () => setAttempt((n) => n + 1),
  );

  const failure = apiFailure(error);
  if (failure?.code === 'NOT_FOUND') return <NotFoundPage />;
  const kase = data?.case;

  return (
    <>
      {kase ? (
        <p className="breadcrumb">
          <Link to={`/klachten/${kase.id}`}>{t('backToCase', { reference: kase.reference })}</Link>
        </p>
      ) : null}
      <PageHeading>{t('log.title')}</PageHeading>
      <p className="lead">{t('log.lead')}</p>
      <form noValidate className="period-filter" onSubmit={(event) => void apply(event)}>
        <ErrorSummary problems={fieldErrors} attempt={attempt} />
        <TextField
          id="log-from"
          type="date"
          label={t('log.from')}
          error={formState.errors.from?.message}
          {...register('from')}
        />
        <TextField
          id="log-to"
          type="date"
          label={t('log.to')}
          error={formState.errors.to?.message}
          {...register('to', {
            validate: (value) =>
              value && getValues('from') && value < getValues('from')
                ? t('log.toBeforeFrom')
                : true,
          })}
        />
        <button type="submit" className="button">
          {t('log.apply')}
        </button>
      </form>
      {failure ? <AlertMessage>{generalFailureMessage(failure, common)}</AlertMessage> : null}
      {!data && fetching ? <Loading /> : null}
      {data ? (
        data.accessLog.length === 0 ? (
          <p>{t('log.empty')}</p>
        ) : (
          <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="log-caption">
            <table className="log">
              <caption id="log-caption">
                {t('log.caption', { count: data.accessLog.length })}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('log.when')}</th>
                  <th scope="col">{t('log.who')}</th>
                  <th scope="col">{t('log.what')}</th>
                  <th scope="col">{t('log.outcome')}</th>
                </tr>
              </thead>
              <tbody>
                {data.accessLog.map((entry, i) => (
                  <tr key={`${entry.occurredAt}-${i}`}>
                    <td>{format.dateTime(entry.occurredAt)}</td>
                    <td>
                      {entry.who ?? t('log.unknown')}
                      {entry.role ? (
                        <span className="muted">
                          {' '}
                          (
                          {entry.role
                            .split(',')
                            .map((role) => common(`roles.${roleKey(role)}`))
                            .join(', ')}
                          )
                        </span>
                      ) : null}
                      {entry.onBehalfOf ? (
                        <>
                          <br />
                          {t('log.onBehalfOf', { name: entry.onBehalfOf })}
                        </>
                      ) : null}
                      {entry.actorOrganisation && entry.actorOrganisation !== active.name ? (
                        <>
                          <br />
                          {t('log.fromOrganisation', { organisation: entry.actorOrganisation })}
                        </>
                      ) : null}
                    </td>
                    <td>{t(`log.actions.${actionKey(entry.action)}`)}</td>
                    <td>{entry.outcome === 'allowed' ? t('log.allowed') : t('log.denied')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )
      ) : null}
    </>
  );
}

const ROLE_KEYS = ['client', 'confidant', 'handler', 'manager', 'director', 'commission'] as const;
function roleKey(role: string): (typeof ROLE_KEYS)[number] | 'unknown' {
  return (ROLE_KEYS as readonly string[]).includes(role)
    ? (role as (typeof ROLE_KEYS)[number])
    : 'unknown';
}

const ACTION_KEYS = [
  'read',
  'list',
  'file',
  'read-access-log',
  'grant-confidant',
  'revoke-confidant',
  'post-message',
  'download-document',
  'upload-document',
  'sign-minutes',
  'send-letter',
] as const;
/** The log's action names in words; `perform:<action>` is any step of the procedure. */
export function actionKey(action: string): (typeof ACTION_KEYS)[number] | 'perform' | 'other' {
  if (action.startsWith('perform:')) return 'perform';
  return (ACTION_KEYS as readonly string[]).includes(action)
    ? (action as (typeof ACTION_KEYS)[number])
    : 'other';
}
