import type { TFunction } from 'i18next';
import type { Formatter } from '../../shared/i18n/format';
import { LOCALES } from '../../shared/i18n/i18n';
import type { ManagementDashboard, TrendCount } from './dashboard.graphql';

/**
 * One chart's numbers as a table: what the chart draws and what a screen reader reads come
 * from this one shape, so the two cannot disagree.
 */
export interface ChartTable {
  key: 'stages' | 'leadTimes' | 'byCategory' | 'byOutcome';
  caption: string;
  /** The header of the first column, whose cells head their rows. */
  rowHeading: string;
  columns: { key: string; label: string }[];
  rows: { key: string; label: string; values: number[]; shown: string[] }[];
}

/** `YYYY-MM` as the reader says it: "dec. 2026", "Dec 2026". */
export function monthLabel(month: string, format: Formatter): string {
  const date = new Date(`${month}-01T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return month;
  return new Intl.DateTimeFormat(LOCALES[format.language], {
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(date);
}

export function stagesTable(
  dashboard: ManagementDashboard,
  t: TFunction<'dashboard'>,
  format: Formatter,
): ChartTable {
  return {
    key: 'stages',
    caption: t('stages.caption'),
    rowHeading: t('stages.stage'),
    columns: [{ key: 'count', label: t('stages.count') }],
    rows: dashboard.stages.map((stage) => ({
      key: `${stage.track}:${stage.stage}`,
      label: format.label(stage.label),
      values: [stage.count],
      shown: [String(stage.count)],
    })),
  };
}

const days = (value: number | null, t: TFunction<'dashboard'>, language: Formatter['language']) =>
  value === null
    ? t('leadTimes.none')
    : t('leadTimes.days', {
        days: new Intl.NumberFormat(LOCALES[language], { maximumFractionDigits: 1 }).format(value),
      });

/** Lead times against the term: the median, nine in ten, the legal term, and the share within. */
export function leadTimesTable(
  dashboard: ManagementDashboard,
  t: TFunction<'dashboard'>,
  format: Formatter,
): ChartTable {
  const lead = dashboard.leadTimes;
  const row = (key: string, value: number | null) => ({
    key,
    label: t(`leadTimes.${key}` as 'leadTimes.median'),
    values: [value ?? 0],
    shown: [days(value, t, format.language)],
  });
  const share =
    lead.withTerm === 0
      ? t('leadTimes.none')
      : t('leadTimes.share', {
          within: lead.withinTerm,
          of: lead.withTerm,
          percent: Math.round((100 * lead.withinTerm) / lead.withTerm),
        });
  return {
    key: 'leadTimes',
    caption: t('leadTimes.caption', { since: format.date(lead.since), closed: lead.closed }),
    rowHeading: t('leadTimes.measure'),
    columns: [{ key: 'value', label: t('leadTimes.value') }],
    rows: [
      row('median', lead.medianDays),
      row('p90', lead.p90Days),
      row('legalTerm', lead.legalTermDays),
      {
        key: 'withinTerm',
        label: t('leadTimes.withinTerm'),
        values: [lead.withinTerm],
        shown: [share],
      },
    ],
  };
}

/**
 * A monthly trend as a table: a row per month, oldest first, a column per group in the server's
 * order (the procedure's categories, the format's outcomes), and the month's total.
 */
export function trendTable(
  key: 'byCategory' | 'byOutcome',
  trend: readonly TrendCount[],
  t: TFunction<'dashboard'>,
  format: Formatter,
): ChartTable {
  const groups = new Map<string, string>();
  const months = new Map<string, Map<string, number>>();
  for (const cell of trend) {
    if (!groups.has(cell.key)) groups.set(cell.key, format.label(cell.label));
    const month = months.get(cell.month) ?? new Map<string, number>();
    month.set(cell.key, (month.get(cell.key) ?? 0) + cell.count);
    months.set(cell.month, month);
  }
  const columns = [...groups].map(([group, label]) => ({ key: group, label }));
  return {
    key,
    caption: t(`${key}.caption`),
    rowHeading: t('trend.month'),
    columns: [...columns, { key: 'total', label: t('trend.total') }],
    rows: [...months].map(([month, counts]) => {
      const values = columns.map((column) => counts.get(column.key) ?? 0);
      const all = [...values, values.reduce((sum, value) => sum + value, 0)];
      return { key: month, label: monthLabel(month, format), values: all, shown: all.map(String) };
    }),
  };
}
