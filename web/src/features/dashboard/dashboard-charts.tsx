import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ReferenceLine,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { ChartTable } from './dashboard-tables';

/**
 * The charts, drawn by recharts from the same tables the page shows under them (ADR 0086). They
 * are hidden from assistive technology: the table is the accessible form, and reading both
 * would say everything twice. For the same reason they take no keyboard focus (recharts'
 * accessibility layer off): a hidden element must not be focusable.
 */

/** Distinguishable on white and for the common colour-vision deficiencies (Okabe–Ito). */
const COLOURS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#000000'];

const size = { width: '100%', height: 280 } as const;

/** One horizontal bar per row of a one-column table (cases per stage). */
export function BarsChart({ table }: { table: ChartTable }) {
  const data = table.rows.map((row) => ({ name: row.label, value: row.values[0] ?? 0 }));
  return (
    <div className="dashboard-chart" aria-hidden="true">
      <BarChart
        accessibilityLayer={false}
        responsive
        style={size}
        data={data}
        layout="vertical"
        margin={{ left: 16 }}
      >
        <CartesianGrid strokeDasharray="3 3" horizontal={false} />
        <XAxis type="number" allowDecimals={false} />
        <YAxis type="category" dataKey="name" width={140} />
        <Tooltip />
        <Bar dataKey="value" name={table.columns[0]?.label} fill={COLOURS[0]} />
      </BarChart>
    </div>
  );
}

/** The median and nine-in-ten lead times in days, against a line at the legal term. */
export function LeadTimeChart({
  table,
  legalTermDays,
  termLabel,
}: {
  table: ChartTable;
  legalTermDays: number | null;
  termLabel: string;
}) {
  const data = table.rows
    .filter((row) => row.key === 'median' || row.key === 'p90')
    .map((row) => ({ name: row.label, value: row.values[0] ?? 0 }));
  return (
    <div className="dashboard-chart" aria-hidden="true">
      <BarChart accessibilityLayer={false} responsive style={size} data={data}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="name" />
        <YAxis allowDecimals={false} />
        <Tooltip />
        <Bar dataKey="value" name={table.columns[0]?.label} fill={COLOURS[0]} />
        {legalTermDays !== null ? (
          <ReferenceLine
            y={legalTermDays}
            stroke={COLOURS[5]}
            strokeDasharray="6 3"
            label={{ value: termLabel, position: 'insideTopRight' }}
          />
        ) : null}
      </BarChart>
    </div>
  );
}

/** A monthly trend: one stacked bar per month, a colour per group; the total column is left out. */
export function TrendChart({ table }: { table: ChartTable }) {
  const groups = table.columns.filter((column) => column.key !== 'total');
  const data = table.rows.map((row) => ({
    name: row.label,
    ...Object.fromEntries(groups.map((group, index) => [group.key, row.values[index] ?? 0])),
  }));
  return (
    <div className="dashboard-chart" aria-hidden="true">
      <BarChart accessibilityLayer={false} responsive style={size} data={data}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="name" />
        <YAxis allowDecimals={false} />
        <Tooltip />
        <Legend />
        {groups.map((group, index) => (
          <Bar
            key={group.key}
            dataKey={group.key}
            name={group.label}
            stackId="month"
            fill={COLOURS[index % COLOURS.length]}
          />
        ))}
      </BarChart>
    </div>
  );
}
