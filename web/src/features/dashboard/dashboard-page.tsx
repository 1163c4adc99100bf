import { useTranslation } from 'react-i18next';
import { useSubscription } from 'urql';
import { useSession } from '../../app/session-context';
import { apiFailure, generalFailureMessage } from '../../shared/api-failure';
import { useFormat } from '../../shared/i18n/format';
import { AlertMessage } from '../../shared/page/alert-message';
import { Loading } from '../../shared/page/loading-screen';
import { PageHeading } from '../../shared/page/page-heading';
import { usePageTitle } from '../../shared/page/page-title';
import { NotFoundPage } from '../home/not-found-page';
import { ChartTableView } from './chart-table';
import { BarsChart, LeadTimeChart, TrendChart } from './dashboard-charts';
import { canReadDashboard } from './dashboard-access';
import { leadTimesTable, stagesTable, trendTable, type ChartTable } from './dashboard-tables';
import { ManagementDashboardSubscription, type ManagementDashboard } from './dashboard.graphql';
import './dashboard.css';

/**
 * `/dashboard`: the organisation's complaints at a glance for managers and directors, live —
 * counts, cases per stage, lead times against the decision term and monthly trends, each chart
 * followed by its table (ADR 0086). Loaded only when visited, with its chart library.
 */
export function DashboardPage() {
  const { roles } = useSession();
  // Anyone else gets the page that does not exist, as the server gives them no insights.
  return canReadDashboard(roles) ? <LiveDashboard /> : <NotFoundPage />;
}

function LiveDashboard() {
  const { t } = useTranslation('dashboard');
  const { t: common } = useTranslation();
  const { active } = useSession();
  usePageTitle(t('title'));
  // The first push comes at once, the next whenever a count changes (ADR 0078): no reloads.
  const [{ data, error }] = useSubscription({ query: ManagementDashboardSubscription });
  const failure = apiFailure(error);
  const dashboard = data?.dashboardUpdated;
  return (
    <>
      <PageHeading>{t('title')}</PageHeading>
      <p className="lead">{t('lead', { organisation: active.name })}</p>
      {failure ? (
        <AlertMessage>{generalFailureMessage(failure, common)}</AlertMessage>
      ) : !dashboard ? (
        <Loading />
      ) : (
        <DashboardSections dashboard={dashboard} />
      )}
    </>
  );
}

export function DashboardSections({ dashboard }: { dashboard: ManagementDashboard }) {
  const { t } = useTranslation('dashboard');
  const format = useFormat();
  const figures = [
    ['open', dashboard.open],
    ['overdue', dashboard.overdue],
    ['dueSoon', dashboard.dueSoon],
    ['closed', dashboard.closed],
  ] as const;
  const stages = stagesTable(dashboard, t, format);
  const leadTimes = leadTimesTable(dashboard, t, format);
  const byCategory = trendTable('byCategory', dashboard.receivedByCategory, t, format);
  const byOutcome = trendTable('byOutcome', dashboard.closedByOutcome, t, format);
  return (
    <div className="dashboard-sections">
      <section className="card" aria-labelledby="dashboard-figures">
        <h2 id="dashboard-figures">{t('figures.title')}</h2>
        <dl className="dashboard-figures" aria-live="polite">
          {figures.map(([name, count]) => (
            <div key={name}>
              <dt>{t(`figures.${name}`)}</dt>
              <dd>{count}</dd>
            </div>
          ))}
        </dl>
      </section>
      <ChartSection table={stages} title={t('stages.title')} empty={t('stages.empty')}>
        <BarsChart table={stages} />
      </ChartSection>
      <ChartSection table={leadTimes} title={t('leadTimes.title')}>
        <LeadTimeChart
          table={leadTimes}
          legalTermDays={dashboard.leadTimes.legalTermDays}
          termLabel={t('leadTimes.legalTerm')}
        />
      </ChartSection>
      <ChartSection table={byCategory} title={t('byCategory.title')}>
        <TrendChart table={byCategory} />
      </ChartSection>
      <ChartSection table={byOutcome} title={t('byOutcome.title')}>
        <TrendChart table={byOutcome} />
      </ChartSection>
    </div>
  );
}

/** A chart with its table; with no rows, the words that say so instead of an empty chart. */
function ChartSection({
  table,
  title,
  empty,
  children,
}: {
  table: ChartTable;
  title: string;
  empty?: string;
  children: React.ReactNode;
}) {
  const id = `dashboard-${table.key}`;
  return (
    <section className="card dashboard-section" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {table.rows.length === 0 && empty ? (
        <p>{empty}</p>
      ) : (
        <>
          {children}
          <ChartTableView table={table} />
        </>
      )}
    </section>
  );
}
