import { useTranslation } from 'react-i18next';
import { useFormat } from '../../shared/i18n/format';
import type { CaseDetail } from './case.graphql';

const STATUSES = ['running', 'suspended', 'stopped', 'expired'] as const;
type Status = (typeof STATUSES)[number];
const statusOf = (status: string): Status | 'other' =>
  (STATUSES as readonly string[]).includes(status) ? (status as Status) : 'other';

/** Every deadline of the complaint, with how its date was worked out. */
export function CaseDeadlines({
  deadlines,
  closed,
}: {
  deadlines: CaseDetail['deadlines'];
  closed: boolean;
}) {
  const { t } = useTranslation('case');
  const format = useFormat();
  return (
    <section aria-labelledby="case-deadlines" className="card">
      <h2 id="case-deadlines">{t('deadlines.title')}</h2>
      {deadlines.length === 0 ? (
        <p className="muted">{closed ? t('deadlines.noneClosed') : t('deadlines.none')}</p>
      ) : (
        <ul className="deadlines">
          {deadlines.map((deadline) => (
            <li key={deadline.clock} className={`deadline ${statusOf(deadline.status)}`}>
              <p>
                <strong>{deadline.label}</strong>:{' '}
                {t(`deadlines.status.${statusOf(deadline.status)}`, {
                  date: format.date(deadline.due),
                })}
              </p>
              <p className="muted derivation">{deadline.explanation}</p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
