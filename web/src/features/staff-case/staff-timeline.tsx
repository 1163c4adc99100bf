import { useTranslation } from 'react-i18next';
import { useFormat } from '../../shared/i18n/format';
import { describeEntry } from '../case/case-timeline';
import type { StaffCase } from './staff-case.graphql';

const AUDIENCES = ['shared', 'internal', 'subject'] as const;

/** Everything that happened, oldest first, each entry marked with who else can read it. */
export function StaffTimeline({ kase }: { kase: StaffCase }) {
  const { t } = useTranslation('staffCase');
  const { t: caseText } = useTranslation('case');
  const format = useFormat();
  return (
    <section aria-labelledby="staff-timeline" className="card">
      <h2 id="staff-timeline">{t('timeline.title')}</h2>
      <ol className="timeline">
        {kase.timeline.map((entry) => {
          const audience = (AUDIENCES as readonly string[]).includes(entry.visibility)
            ? (entry.visibility as (typeof AUDIENCES)[number])
            : 'internal';
          return (
            <li key={entry.sequence} className={`timeline-${audience}`}>
              <time dateTime={entry.occurredAt} className="muted">
                {format.dateTime(entry.occurredAt)}
              </time>{' '}
              <span className={`audience-tag ${audience}`}>
                {t(`timeline.audience.${audience}`)}
              </span>{' '}
              {describeEntry(entry, kase, caseText, format)}
              {entry.bySystem ? <span className="muted"> {t('timeline.bySystem')}</span> : null}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
