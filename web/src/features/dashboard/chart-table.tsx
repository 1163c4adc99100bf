import type { ChartTable } from './dashboard-tables';

/**
 * A chart's numbers as a table with a caption and headers screen readers can follow: the column
 * headers name the groups, each row's first cell names its row.
 */
export function ChartTableView({ table }: { table: ChartTable }) {
  const captionId = `${table.key}-caption`;
  return (
    // A wide table scrolls on a phone: keyboard users reach the scrolling by focusing it.
    <div
      className="table-wrap dashboard-table"
      tabIndex={0}
      role="region"
      aria-labelledby={captionId}
    >
      <table className="log">
        <caption id={captionId}>{table.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{table.rowHeading}</th>
            {table.columns.map((column) => (
              <th scope="col" key={column.key} className="dashboard-count">
                {column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row) => (
            <tr key={row.key}>
              <th scope="row">{row.label}</th>
              {row.shown.map((value, index) => (
                <td key={table.columns[index]?.key ?? index} className="dashboard-count">
                  {value}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
