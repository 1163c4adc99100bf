import { useTranslation } from 'react-i18next';
import { useFormat } from '../../shared/i18n/format';
import type { CaseDetail } from './case.graphql';

/** What the organisation promised to do, by when, and whether it was done. */
export function CaseMeasures({ measures }: { measures: CaseDetail['measures'] }) {
  const { t } = useTranslation('case');
  const format = useFormat();
  if (measures.length === 0) return null;
  return (
    <section aria-labelledby="case-measures" className="card">
      <h2 id="case-measures">{t('measures.title')}</h2>
      <ul className="measures">
        {measures.map((measure) => (
          <li key={measure.id}>
            <p className="user-text">{measure.description}</p>
            <p className="muted">
              {measure.status === 'DONE'
                ? t('measures.done', {
                    date: measure.completedOn ? format.date(measure.completedOn) : '',
                  })
                : measure.status === 'OVERDUE'
                  ? t('measures.overdue', { date: format.date(measure.due) })
                  : t('measures.open', { date: format.date(measure.due) })}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
