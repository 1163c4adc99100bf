import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { isStaff } from '../../app/navigation';
import { useSession } from '../../app/session-context';
import { apiFailure, generalFailureMessage } from '../../shared/api-failure';
import { SelectField } from '../../shared/forms/fields';
import { useFormat } from '../../shared/i18n/format';
import { AlertMessage } from '../../shared/page/alert-message';
import { Loading } from '../../shared/page/loading-screen';
import { PageHeading } from '../../shared/page/page-heading';
import { usePageTitle } from '../../shared/page/page-title';
import { asDefinition } from '../../shared/procedure/definition';
import { ProcedureQuery } from '../../shared/procedure/procedure.graphql';
import { amsterdamToday } from '../case/today';
import { CaseStatus } from '../complaints/case-status';
import { NotFoundPage } from '../home/not-found-page';
import { nextDeadline } from '../complaints/next-deadline';
import { AssignHandlerForm } from './assign-handler-form';
import { DashboardSummary } from './dashboard-summary';
import { HandlersQuery, InboxQuery, type InboxCase } from './inbox.graphql';
import {
  CHANNELS,
  EMPTY_FILTER,
  INBOX_ORDERS,
  toCaseFilter,
  urgencyOf,
  type InboxFilterForm,
} from './inbox-filter';

const PAGE_SIZE = 50;

/**
 * `/werkbak`: the cases a handler or manager may see, what needs attention first (overdue, due
 * soon, then by due date), with filters, and for managers the handler to assign by name.
 */
export function InboxPage() {
  const { roles } = useSession();
  // Clients, confidants and commission members have no inbox: the page does not exist for them.
  return isStaff(roles) ? <StaffInbox /> : <NotFoundPage />;
}

function StaffInbox() {
  const { t } = useTranslation('inbox');
  const { roles } = useSession();
  const format = useFormat();
  usePageTitle(t('title'));
  const [draft, setDraft] = useState<InboxFilterForm>(EMPTY_FILTER);
  const [applied, setApplied] = useState<InboxFilterForm>(EMPTY_FILTER);
  const [after, setAfter] = useState<string[]>([]);
  const [{ data: handlers }] = useQuery({ query: HandlersQuery });
  const [{ data: procedure }] = useQuery({
    query: ProcedureQuery,
    variables: { language: format.language === 'en' ? 'EN' : 'NL' },
  });
  const definition = asDefinition(procedure?.procedure.definition);
  const handlerNames = new Map(
    (handlers?.members ?? []).map((member) => [member.userId, member.displayName]),
  );
  const canAssign = roles.includes('manager') || roles.includes('director');

  const apply = (event: FormEvent) => {
    event.preventDefault();
    setApplied(draft);
    setAfter([]);
  };
  const set = (field: keyof InboxFilterForm) => (value: string) =>
    setDraft((form) => ({ ...form, [field]: value }));

  return (
    <>
      <PageHeading>{t('title')}</PageHeading>
      <p className="lead">{t('lead')}</p>
      <p className="button-row">
        {/* A complaint made in person, by phone, on paper or by mail is registered here. */}
        <Link to="/werkbak/klacht-registreren">{t('registerComplaint')}</Link>
        {/* A client who came in person gets an account here, to file for them (ADR 0096). */}
        <Link to="/werkbak/client-inschrijven">{t('walkInClient')}</Link>
      </p>
      <DashboardSummary />
      <form className="card inbox-filters" onSubmit={apply} aria-label={t('filters.title')}>
        <FilterSelect
          label={t('filters.urgency')}
          value={draft.urgency}
          onChange={set('urgency')}
          options={[
            ['', t('filters.allOpen')],
            ['overdue', t('urgency.overdue')],
            ['dueSoon', t('urgency.dueSoon')],
            ['closed', t('filters.closed')],
          ]}
        />
        <FilterSelect
          label={t('filters.stage')}
          value={draft.stage}
          onChange={set('stage')}
          options={[
            ['', t('filters.any')],
            ...(definition?.tracks ?? []).flatMap((track) =>
              track.stages.map(
                (stage) =>
                  [
                    `${track.id}:${stage.id}`,
                    `${format.label(track.label)} · ${format.label(stage.label)}`,
                  ] as [string, string],
              ),
            ),
          ]}
        />
        <FilterSelect
          label={t('filters.handler')}
          value={draft.handler}
          onChange={set('handler')}
          options={[
            ['', t('filters.any')],
            ['none', t('filters.unassigned')],
            ...(handlers?.members ?? []).map(
              (member) => [member.userId, member.displayName] as [string, string],
            ),
          ]}
        />
        <FilterSelect
          label={t('filters.responsible')}
          value={draft.responsible}
          onChange={set('responsible')}
          options={[
            ['', t('filters.anyone')],
            ['mine', t('filters.mine')],
          ]}
        />
        <FilterSelect
          label={t('filters.channel')}
          value={draft.channel}
          onChange={set('channel')}
          options={[
            ['', t('filters.any')],
            ...CHANNELS.map((channel) => [channel, t(`channels.${channel}`)] as [string, string]),
          ]}
        />
        <InputField
          label={t('filters.category')}
          value={draft.category}
          onChange={set('category')}
        />
        <InputField
          label={t('filters.search')}
          hint={t('filters.searchHint')}
          value={draft.search}
          onChange={set('search')}
          type="search"
        />
        <FilterSelect
          label={t('filters.order')}
          value={draft.order}
          onChange={set('order')}
          options={INBOX_ORDERS.map((order) => [order, t(`order.${order}`)] as const)}
        />
        <div className="inbox-filter-actions">
          <button type="submit" className="button primary">
            {t('filters.apply')}
          </button>
          <button
            type="button"
            className="button"
            onClick={() => {
              setDraft(EMPTY_FILTER);
              setApplied(EMPTY_FILTER);
              setAfter([]);
            }}
          >
            {t('filters.reset')}
          </button>
        </div>
      </form>
      <InboxPageOfCases
        form={applied}
        after={undefined}
        handlerNames={handlerNames}
        canAssign={canAssign}
        handlers={handlers?.members ?? []}
        onMore={(cursor) => setAfter([cursor])}
        last={after.length === 0}
      />
      {after.map((cursor, index) => (
        <InboxPageOfCases
          key={cursor}
          form={applied}
          after={cursor}
          handlerNames={handlerNames}
          canAssign={canAssign}
          handlers={handlers?.members ?? []}
          onMore={(next) => setAfter((list) => [...list, next])}
          last={index === after.length - 1}
        />
      ))}
    </>
  );
}

interface PageProps {
  form: InboxFilterForm;
  after: string | undefined;
  handlerNames: Map<string, string>;
  handlers: readonly { userId: string; displayName: string }[];
  canAssign: boolean;
  last: boolean;
  onMore(cursor: string): void;
}

function InboxPageOfCases({
  form,
  after,
  handlerNames,
  handlers,
  canAssign,
  last,
  onMore,
}: PageProps) {
  const { t } = useTranslation('inbox');
  const { t: common } = useTranslation();
  const format = useFormat();
  // A new complaint or a colleague's change shows without reloading: the shell's live updates
  // re-execute this query when a case changes (ADR 0077).
  const [{ data, error, fetching }] = useQuery({
    query: InboxQuery,
    variables: {
      filter: toCaseFilter(form),
      order: form.order,
      first: PAGE_SIZE,
      after: after ?? null,
      language: format.language === 'en' ? 'EN' : 'NL',
    },
  });
  const failure = apiFailure(error);
  if (failure) return <AlertMessage>{generalFailureMessage(failure, common)}</AlertMessage>;
  if (!data) return fetching ? <Loading /> : null;
  const cases = data.cases.edges.map((edge) => edge.node);
  const next = data.cases.pageInfo;
  return (
    <>
      {!after ? (
        <p className="count" role="status">
          {t('count', { count: data.cases.totalCount })}
        </p>
      ) : null}
      {cases.length === 0 && !after ? <p className="empty">{t('empty')}</p> : null}
      {cases.length > 0 ? (
        <div className="table-wrap">
          <table className="log inbox-table">
            {!after ? <caption className="visually-hidden">{t('caption')}</caption> : null}
            <thead>
              <tr>
                <th scope="col">{t('columns.case')}</th>
                <th scope="col">{t('columns.stage')}</th>
                <th scope="col">{t('columns.deadline')}</th>
                <th scope="col">{t('columns.handler')}</th>
                <th scope="col">{t('columns.channel')}</th>
              </tr>
            </thead>
            <tbody>
              {cases.map((kase) => (
                <InboxRow
                  key={kase.id}
                  kase={kase}
                  handlerNames={handlerNames}
                  handlers={handlers}
                  canAssign={canAssign}
                />
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

function InboxRow({
  kase,
  handlerNames,
  handlers,
  canAssign,
}: {
  kase: InboxCase;
  handlerNames: Map<string, string>;
  handlers: readonly { userId: string; displayName: string }[];
  canAssign: boolean;
}) {
  const { t } = useTranslation('inbox');
  const format = useFormat();
  const deadline = nextDeadline(kase.deadlines);
  const urgency = kase.closed ? null : urgencyOf(deadline?.due.slice(0, 10), amsterdamToday());
  const assigned = (kase.handlerIds ?? []).map((id) => handlerNames.get(id) ?? t('unknownPerson'));
  return (
    <tr className={urgency ? `urgency-${urgency}` : undefined}>
      <td>
        <Link to={`/werkbak/${kase.id}`}>
          <span className="reference">{kase.reference}</span>
        </Link>
        <br />
        <span className="user-text">{kase.parts[0]?.summary ?? ''}</span>
      </td>
      <td>
        <CaseStatus closed={kase.closed} stages={kase.stages} />
      </td>
      <td>
        {deadline && !kase.closed ? (
          <>
            {urgency ? (
              <strong className={`status-tag ${urgency}`}>{t(`urgency.${urgency}`)}</strong>
            ) : null}{' '}
            {t('deadline', { label: deadline.label, date: format.date(deadline.due) })}
          </>
        ) : (
          <span className="muted">{kase.closed ? t('closed') : t('noDeadline')}</span>
        )}
      </td>
      <td>
        {assigned.length > 0 ? assigned.join(', ') : <span className="muted">{t('nobody')}</span>}
        {canAssign && !kase.closed ? (
          <AssignHandlerForm caseId={kase.id} reference={kase.reference} handlers={handlers} />
        ) : null}
      </td>
      <td>{t(`channels.${channelKey(kase.channel)}`)}</td>
    </tr>
  );
}

function channelKey(channel: string): (typeof CHANNELS)[number] {
  return (CHANNELS as readonly string[]).includes(channel)
    ? (channel as (typeof CHANNELS)[number])
    : 'portal';
}

/** The filters' lists, as `[value, label]` pairs. */
function FilterSelect({
  label,
  value,
  onChange,
  options,
}: {
  label: string;
  value: string;
  onChange(value: string): void;
  options: readonly (readonly [string, string])[];
}) {
  return (
    <SelectField
      label={label}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      options={options.map(([option, text]) => ({ value: option, label: text }))}
    />
  );
}

function InputField({
  label,
  hint,
  value,
  onChange,
  type = 'text',
}: {
  label: string;
  hint?: string;
  value: string;
  onChange(value: string): void;
  type?: 'text' | 'search';
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      <input
        id={id}
        type={type}
        value={value}
        maxLength={100}
        aria-describedby={hint ? `${id}-hint` : undefined}
        onChange={(event) => onChange(event.target.value)}
      />
    </div>
  );
}
