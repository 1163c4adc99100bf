import { createContext, useContext, useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { Provider, useQuery, type Client } from 'urql';
import { useSession } from '../../app/session-context';
import { apiFailure, generalFailureMessage } from '../../shared/api-failure';
import { createApiClient } from '../../shared/api/urql-client';
import { useFormat } from '../../shared/i18n/format';
import { AlertMessage } from '../../shared/page/alert-message';
import { Loading } from '../../shared/page/loading-screen';
import { PageHeading } from '../../shared/page/page-heading';
import { usePageTitle } from '../../shared/page/page-title';
import type { MembershipView } from '../auth/auth.graphql';
import { CaseStatus } from '../complaints/case-status';
import { nextDeadline } from '../complaints/next-deadline';
import { NotFoundPage } from '../home/not-found-page';
import { isCommissionMember, servedOrganisations } from './commission-access';
import { CommissionCasesQuery, type CommissionCaseSummary } from './commission.graphql';

/**
 * An API client for one served organisation. Each has its own cache, so nothing one organisation
 * answered is ever shown under another (as for the session's own client); tests give their own.
 */
export const OrganisationClients = createContext<((slug: string) => Client) | null>(null);

/**
 * `/commissie`: for a commission member, the cases referred to the commission in each
 * organisation it serves, one section per organisation. Nothing else of those organisations is
 * asked: no people, no other cases (the server answers `cases` with the referred ones only).
 */
export function CommissionPage() {
  const { roles, me } = useSession();
  // Only commission members have this page; anyone else gets the answer for a page not there.
  return isCommissionMember(roles, me.memberships) ? <Workspace /> : <NotFoundPage />;
}

function Workspace() {
  const { t } = useTranslation('commission');
  const { me } = useSession();
  usePageTitle(t('title'));
  const served = servedOrganisations(me.memberships);
  return (
    <>
      <PageHeading>{t('title')}</PageHeading>
      <p className="lead">{t('lead')}</p>
      <ClientsPerOrganisation slugs={served.map((m) => m.slug)}>
        {(clientFor) =>
          served.map((membership) => (
            <Provider key={membership.slug} value={clientFor(membership.slug)}>
              <ServedOrganisation membership={membership} />
            </Provider>
          ))
        }
      </ClientsPerOrganisation>
    </>
  );
}

/** One client per served organisation while the page is open, closed when it is left. */
function ClientsPerOrganisation({
  slugs,
  children,
}: {
  slugs: string[];
  children(clientFor: (slug: string) => Client): React.ReactNode;
}) {
  const given = useContext(OrganisationClients);
  const key = slugs.join(' ');
  const created = useMemo(
    () => (given ? null : new Map(key.split(' ').map((slug) => [slug, createApiClient(slug)]))),
    [given, key],
  );
  useEffect(() => () => created?.forEach((api) => api.dispose()), [created]);
  const clientFor = (slug: string): Client => {
    if (given) return given(slug);
    const api = created?.get(slug);
    if (!api) throw new Error(`No client for ${slug}`);
    return api.client;
  };
  return <>{children(clientFor)}</>;
}

function ServedOrganisation({ membership }: { membership: MembershipView }) {
  const { t } = useTranslation('commission');
  const { t: common } = useTranslation();
  const format = useFormat();
  const headingId = `served-${membership.organisationId}`;
  const [{ data, error, fetching }] = useQuery({
    query: CommissionCasesQuery,
    variables: { language: format.language === 'en' ? 'EN' : 'NL' },
  });
  const failure = apiFailure(error);
  const cases = data?.cases.edges.map((edge) => edge.node) ?? [];
  return (
    <section aria-labelledby={headingId} className="card">
      <h2 id={headingId}>{membership.name}</h2>
      {failure ? (
        <AlertMessage>{generalFailureMessage(failure, common)}</AlertMessage>
      ) : !data ? (
        fetching ? (
          <Loading />
        ) : null
      ) : cases.length === 0 ? (
        <p className="muted">{t('list.none')}</p>
      ) : (
        <>
          <ul className="link-list referred-cases">
            {cases.map((kase) => (
              <ReferredCase key={kase.id} kase={kase} organisation={membership.slug} />
            ))}
          </ul>
          {data.cases.totalCount > cases.length ? (
            <p className="muted">
              {t('list.partial', { shown: cases.length, total: data.cases.totalCount })}
            </p>
          ) : null}
        </>
      )}
    </section>
  );
}

function ReferredCase({
  kase,
  organisation,
}: {
  kase: CommissionCaseSummary;
  organisation: string;
}) {
  const { t } = useTranslation('commission');
  const format = useFormat();
  const { active, switchOrganisation } = useSession();
  const navigate = useNavigate();
  const referral = (kase.referrals ?? []).find((r) => r.active);
  const deadline = nextDeadline(kase.deadlines);
  const target = `/commissie/${kase.id}`;
  // The tab acts in one organisation at a time: opening a case of another served organisation
  // enters that organisation first, as the organisation switcher would.
  const open = (event: React.MouseEvent) => {
    if (organisation === active.slug) return;
    event.preventDefault();
    void navigate(target);
    switchOrganisation(organisation);
  };
  return (
    <li>
      <Link to={target} onClick={open} className="reference">
        {t('list.open', { reference: kase.reference })}
      </Link>{' '}
      <CaseStatus closed={kase.closed} stages={kase.stages} />
      <p className="muted">
        {t('list.received', { date: format.date(kase.receivedOn), parts: kase.parts.length })}
        {referral
          ? ` · ${t('list.referredUntil', { date: format.dateTime(referral.endsAt) })}`
          : ''}
        {deadline
          ? ` · ${t('list.deadline', { label: deadline.label, date: format.date(deadline.due) })}`
          : ''}
      </p>
    </li>
  );
}
