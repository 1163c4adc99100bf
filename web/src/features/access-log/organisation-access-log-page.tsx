import { useId, useState, type FormEvent } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useClient, useQuery } from 'urql';
import { useSession } from '../../app/session-context';
import { apiFailure, generalFailureMessage } from '../../shared/api-failure';
import { ErrorSummary } from '../../shared/forms/error-summary';
import { TextField } from '../../shared/forms/fields';
import { useFormat } from '../../shared/i18n/format';
import { AlertMessage } from '../../shared/page/alert-message';
import { Loading } from '../../shared/page/loading-screen';
import { PageHeading } from '../../shared/page/page-heading';
import { usePageTitle } from '../../shared/page/page-title';
import { roleList, rolesFrom } from '../../shared/roles';
import { MeQuery } from '../auth/auth.graphql';
import { MfaEnrolment } from '../auth/mfa-enrolment';
import { NotFoundPage } from '../home/not-found-page';
import {
  EMPTY_ACCESS_LOG_FILTER,
  filterFromParams,
  filterProblems,
  paramsFromFilter,
  toAccessLogFilter,
  type AccessLogFilterForm,
} from './access-log-filter';
import { canReadAccessLog } from './access-log-access';
import {
  OrganisationAccessLogQuery,
  PeopleQuery,
  type OrganisationAccessLogLine,
} from './access-log.graphql';

const PAGE_SIZE = 50;

/**
 * `/toegangslogboek`: the organisation's access log (NEN 7513) for its directors, filtered by
 * case, person and period (kept in the address), newest first and paged. The server opens it
 * only to a session that passed two-step verification; a director who has not set that up yet
 * is offered it here, and sees the log straight after.
 */
export function OrganisationAccessLogPage() {
  const { roles } = useSession();
  // Anyone else gets the page that does not exist, as the server refuses them the log.
  return canReadAccessLog(roles) ? <DirectorsAccessLog /> : <NotFoundPage />;
}

function DirectorsAccessLog() {
  const { t } = useTranslation('accessLog');
  const { me, active } = useSession();
  const client = useClient();
  const [verifiedHere, setVerifiedHere] = useState(false);
  const [refusedForMfa, setRefusedForMfa] = useState(false);
  usePageTitle(t('title'));
  const verified = verifiedHere || (me.sessionMfaVerified && !refusedForMfa);

  if (!verified) {
    return (
      <>
        <PageHeading>{t('title')}</PageHeading>
        <section className="card" aria-labelledby="access-log-mfa">
          <h2 id="access-log-mfa">{t('mfa.heading')}</h2>
          <p>{t('mfa.lead')}</p>
          <MfaEnrolment
            pageTitle={t('title')}
            onEnrolled={() => {
              setVerifiedHere(true);
              setRefusedForMfa(false);
              // The session is verified now: the shell's `me` says so too once asked again.
              void client.query(MeQuery, {}, { requestPolicy: 'network-only' }).toPromise();
            }}
          />
        </section>
      </>
    );
  }
  return (
    <>
      <PageHeading>{t('title')}</PageHeading>
      <p className="lead">{t('lead', { organisation: active.name })}</p>
      <AccessLog onMfaRequired={() => setRefusedForMfa(true)} />
    </>
  );
}

function AccessLog({ onMfaRequired }: { onMfaRequired(): void }) {
  const { t } = useTranslation('accessLog');
  const [params, setParams] = useSearchParams();
  const applied = filterFromParams(params);
  const [draft, setDraft] = useState<AccessLogFilterForm>(applied);
  const [attempt, setAttempt] = useState(0);
  const [showProblems, setShowProblems] = useState(false);
  const [after, setAfter] = useState<string[]>([]);
  const [{ data: people }] = useQuery({ query: PeopleQuery });
  const problems = showProblems ? filterProblems(draft) : {};
  const fieldProblems = problems.to
    ? [{ fieldId: 'access-log-to', message: t(`filters.${problems.to}`) }]
    : [];

  const apply = (form: AccessLogFilterForm) => {
    setDraft(form);
    setAfter([]);
    setParams(paramsFromFilter(form));
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (filterProblems(draft).to) {
      setShowProblems(true);
      setAttempt((n) => n + 1);
      return;
    }
    setShowProblems(false);
    apply(draft);
  };
  const set = (field: keyof AccessLogFilterForm) => (value: string) =>
    setDraft((form) => ({ ...form, [field]: value }));
  const personId = useId();
  const sortedPeople = [...(people?.members ?? [])].sort((a, b) =>
    a.displayName.localeCompare(b.displayName),
  );

  return (
    <>
      <form
        className="card inbox-filters"
        onSubmit={submit}
        noValidate
        aria-label={t('filters.title')}
      >
        <ErrorSummary problems={fieldProblems} attempt={attempt} />
        <TextField
          label={t('filters.case')}
          hint={t('filters.caseHint')}
          value={draft.caseReference}
          maxLength={40}
          onChange={(event) => set('caseReference')(event.target.value)}
        />
        <div className="field">
          <label htmlFor={personId}>{t('filters.person')}</label>
          <select
            id={personId}
            value={draft.actorId}
            onChange={(event) => set('actorId')(event.target.value)}
          >
            <option value="">{t('filters.everyone')}</option>
            {sortedPeople.map((person) => (
              <option key={person.userId} value={person.userId}>
                {person.displayName}
              </option>
            ))}
          </select>
        </div>
        <TextField
          id="access-log-from"
          type="date"
          label={t('filters.from')}
          value={draft.from}
          onChange={(event) => set('from')(event.target.value)}
        />
        <TextField
          id="access-log-to"
          type="date"
          label={t('filters.to')}
          value={draft.to}
          error={problems.to ? t(`filters.${problems.to}`) : undefined}
          onChange={(event) => set('to')(event.target.value)}
        />
        <div className="inbox-filter-actions">
          <button type="submit" className="button primary">
            {t('filters.apply')}
          </button>
          <button
            type="button"
            className="button"
            onClick={() => {
              setShowProblems(false);
              apply(EMPTY_ACCESS_LOG_FILTER);
            }}
          >
            {t('filters.reset')}
          </button>
        </div>
      </form>
      <AccessLogPage
        form={applied}
        after={undefined}
        last={after.length === 0}
        onMore={(cursor) => setAfter([cursor])}
        onMfaRequired={onMfaRequired}
        onFilter={(change) => apply({ ...applied, ...change })}
      />
      {after.map((cursor, index) => (
        <AccessLogPage
          key={cursor}
          form={applied}
          after={cursor}
          last={index === after.length - 1}
          onMore={(next) => setAfter((list) => [...list, next])}
          onMfaRequired={onMfaRequired}
          onFilter={(change) => apply({ ...applied, ...change })}
        />
      ))}
    </>
  );
}

interface PageProps {
  form: AccessLogFilterForm;
  after: string | undefined;
  last: boolean;
  onMore(cursor: string): void;
  onMfaRequired(): void;
  onFilter(change: Partial<AccessLogFilterForm>): void;
}

function AccessLogPage({ form, after, last, onMore, onMfaRequired, onFilter }: PageProps) {
  const { t } = useTranslation('accessLog');
  const { t: common } = useTranslation();
  const [{ data, error, fetching }] = useQuery({
    query: OrganisationAccessLogQuery,
    variables: { filter: toAccessLogFilter(form), first: PAGE_SIZE, after: after ?? null },
  });
  const failure = apiFailure(error);
  if (failure?.reason === 'MFA_REQUIRED') {
    // The session lost its second factor (or `me` said otherwise): offer it again.
    queueMicrotask(onMfaRequired);
    return null;
  }
  if (failure) return <AlertMessage>{generalFailureMessage(failure, common)}</AlertMessage>;
  if (!data) return fetching ? <Loading /> : null;
  const lines = data.organisationAccessLog.edges.map((edge) => edge.node);
  const next = data.organisationAccessLog.pageInfo;
  return (
    <>
      {lines.length === 0 && !after ? <p className="empty">{t('empty')}</p> : null}
      {lines.length > 0 ? (
        <div
          className="table-wrap"
          tabIndex={0}
          role="region"
          aria-label={after ? t('more') : t('caption')}
        >
          <table className="log">
            {!after ? <caption>{t('caption')}</caption> : null}
            <thead>
              <tr>
                <th scope="col">{t('columns.when')}</th>
                <th scope="col">{t('columns.who')}</th>
                <th scope="col">{t('columns.what')}</th>
                <th scope="col">{t('columns.case')}</th>
                <th scope="col">{t('columns.outcome')}</th>
              </tr>
            </thead>
            <tbody>
              {lines.map((line) => (
                <AccessLogRow key={line.id} line={line} onFilter={onFilter} />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {last && next.hasNextPage && next.endCursor ? (
        <button type="button" className="button" onClick={() => onMore(next.endCursor!)}>
          {t('more')}
        </button>
      ) : null}
    </>
  );
}

function AccessLogRow({
  line,
  onFilter,
}: {
  line: OrganisationAccessLogLine;
  onFilter(change: Partial<AccessLogFilterForm>): void;
}) {
  const { t } = useTranslation('accessLog');
  const { t: common } = useTranslation();
  const { active } = useSession();
  const format = useFormat();
  const roles = line.role ? rolesFrom(line.role.split(',')) : [];
  return (
    <tr className={line.outcome === 'denied' ? 'denied' : undefined}>
      <td>{format.dateTime(line.occurredAt)}</td>
      <td>
        {line.bySystem ? (
          t('system')
        ) : line.actorId && line.who ? (
          <button
            type="button"
            className="link-button"
            aria-label={t('onlyThisPerson', { name: line.who })}
            onClick={() => onFilter({ actorId: line.actorId! })}
          >
            {line.who}
          </button>
        ) : (
          t('unknown')
        )}
        {roles.length > 0 ? <span className="muted"> ({roleList(roles, common)})</span> : null}
        {line.onBehalfOf ? (
          <>
            <br />
            {t('onBehalfOf', { name: line.onBehalfOf })}
          </>
        ) : null}
        {line.actorOrganisation && line.actorOrganisation !== active.name ? (
          <>
            <br />
            {t('from', { organisation: line.actorOrganisation })}
          </>
        ) : null}
      </td>
      <td>{actionWords(line.action, t)}</td>
      <td>
        {line.caseReference ? (
          <button
            type="button"
            className="link-button reference"
            aria-label={t('onlyThisCase', { reference: line.caseReference })}
            onClick={() => onFilter({ caseReference: line.caseReference! })}
          >
            {line.caseReference}
          </button>
        ) : (
          t('noCase')
        )}
      </td>
      <td>{line.outcome === 'allowed' ? t('allowed') : <strong>{t('denied')}</strong>}</td>
    </tr>
  );
}

const ACTIONS = [
  'read',
  'list',
  'file',
  'read-access-log',
  'grant-confidant',
  'revoke-confidant',
  'assign-handler',
  'post-message',
  'download-document',
  'upload-document',
  'sign-minutes',
  'send-letter',
  'generate-letter',
  'read-register',
  'list-members',
  'invite-member',
  'change-member-roles',
  'end-membership',
  'anonymise',
] as const;

/**
 * The log's action in words; a step of the procedure (`perform:<step>`) by the step's id, and an
 * action without words of its own by its name, which says more to a director than "something".
 */
export function actionWords(action: string, t: TFunction<'accessLog'>): string {
  if (action.startsWith('perform:'))
    return t('actions.perform', { step: action.slice('perform:'.length) });
  return isKnownAction(action) ? t(`actions.${action}`) : t('actions.other', { action });
}

function isKnownAction(action: string): action is (typeof ACTIONS)[number] {
  return (ACTIONS as readonly string[]).includes(action);
}
