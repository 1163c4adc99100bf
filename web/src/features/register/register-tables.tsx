import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useFormat, type Formatter } from '../../shared/i18n/format';
import type { Register } from './register.graphql';

/** A count the register shows, or a hidden one with the words that say why it is hidden. */
export interface RegisterCell {
  label: string;
  value: string;
  suppressed: boolean;
}

export interface RegisterSection {
  key: 'totals' | 'byCategory' | 'byOutcome' | 'byLeadTime' | 'byRoute';
  caption: string;
  rows: RegisterCell[];
}

/**
 * The register as the reader sees it, one section per table, for the screen and the CSV alike so
 * they can never disagree. A total is hidden only under five; a group may also be hidden because
 * it would give a small one away by subtraction (ADR 0017), so it is not called "fewer than 5".
 */
export function registerSections(
  register: Register,
  t: TFunction<'register'>,
  format: Formatter,
): RegisterSection[] {
  const total = (label: string, count: { count: number | null; suppressed: boolean }) => ({
    label,
    suppressed: count.suppressed,
    value: count.suppressed || count.count === null ? t('suppressed.total') : String(count.count),
  });
  const groups = (list: Register['byCategory']) =>
    list.map((group) => ({
      label: format.label(group.label),
      suppressed: group.suppressed,
      value: group.suppressed || group.count === null ? t('suppressed.group') : String(group.count),
    }));
  return [
    {
      key: 'totals',
      caption: t('tables.totals'),
      rows: [total(t('totals.cases'), register.cases), total(t('totals.parts'), register.parts)],
    },
    { key: 'byCategory', caption: t('tables.byCategory'), rows: groups(register.byCategory) },
    { key: 'byOutcome', caption: t('tables.byOutcome'), rows: groups(register.byOutcome) },
    { key: 'byLeadTime', caption: t('tables.byLeadTime'), rows: groups(register.byLeadTime) },
    { key: 'byRoute', caption: t('tables.byRoute'), rows: groups(register.byRoute) },
  ];
}

/** The rows of the CSV file: a header, then every cell of every table with its table's name. */
export function registerCsvRows(
  register: Register,
  t: TFunction<'register'>,
  format: Formatter,
): string[][] {
  return [
    [t('csv.year'), t('csv.table'), t('csv.group'), t('csv.count')],
    ...registerSections(register, t, format).flatMap((section) =>
      section.rows.map((row) => [String(register.year), section.caption, row.label, row.value]),
    ),
  ];
}

/** The register's tables, each with a caption and headers screen readers can follow. */
export function RegisterTables({ register, noteId }: { register: Register; noteId: string }) {
  const { t } = useTranslation('register');
  const format = useFormat();
  return (
    <div className="register-tables">
      {registerSections(register, t, format).map((section) => (
        <div className="table-wrap register-table" key={section.key}>
          <table className="log" aria-describedby={noteId}>
            <caption>{section.caption}</caption>
            <thead>
              <tr>
                <th scope="col">{t(`columns.${section.key}`)}</th>
                <th scope="col" className="register-count">
                  {t('columns.count')}
                </th>
              </tr>
            </thead>
            <tbody>
              {section.rows.map((row) => (
                <tr key={row.label}>
                  <th scope="row">{row.label}</th>
                  <td className={row.suppressed ? 'register-count suppressed' : 'register-count'}>
                    {row.value}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
    </div>
  );
}
