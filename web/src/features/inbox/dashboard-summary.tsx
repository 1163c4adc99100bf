import { useTranslation } from 'react-i18next';
import { useSubscription } from 'urql';
import { useFormat } from '../../shared/i18n/format';
import { DashboardSubscription } from './inbox.graphql';

/**
 * The werkbak's counts over every case the viewer may see, live: `dashboardUpdated` sends them
 * at once and again whenever they change, so they never need a reload (ADR 0078). Until the
 * first push (or without a WebSocket) nothing is shown; the list below stays the truth.
 */
export function DashboardSummary() {
  const { t } = useTranslation('inbox');
  const format = useFormat();
  const [{ data }] = useSubscription({ query: DashboardSubscription });
  const dashboard = data?.dashboardUpdated;
  if (!dashboard) return null;
  const figures = [
    ['open', dashboard.open],
    ['overdue', dashboard.overdue],
    ['dueSoon', dashboard.dueSoon],
    ['closed', dashboard.closed],
  ] as const;
  return (
    <section className="card dashboard-summary" aria-labelledby="dashboard-title">
      <h2 id="dashboard-title">{t('dashboard.title')}</h2>
      <dl className="dashboard-figures">
        {figures.map(([name, count]) => (
          <div key={name}>
            <dt>{t(`dashboard.${name}`)}</dt>
            <dd>{count}</dd>
          </div>
        ))}
      </dl>
      {dashboard.stages.length > 0 ? (
        <ul className="dashboard-stages" aria-label={t('dashboard.perStage')}>
          {dashboard.stages.map((stage) => (
            <li key={`${stage.track}:${stage.stage}`}>
              {t('dashboard.stage', { stage: format.label(stage.label), count: stage.count })}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
