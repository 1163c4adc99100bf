import { useTranslation } from 'react-i18next';
import { useFormat } from '../../shared/i18n/format';
import { outcomeKey } from '../case/outcomes';
import type { CaseDetail } from '../case/case.graphql';

/**
 * Each complaint part with the decision on it (decisions are taken through the actions); the
 * commission's workspace shows its advice or verdict per part with the same section.
 */
export function Decisions({
  kase,
  title,
}: {
  kase: Pick<CaseDetail, 'parts' | 'availableActions'>;
  /** The section's heading where the staff's words do not fit (a commission advises or rules). */
  title?: string;
}) {
  const { t } = useTranslation('staffCase');
  const { t: caseText } = useTranslation('case');
  const format = useFormat();
  return (
    <section aria-labelledby="case-decisions" className="card">
      <h2 id="case-decisions">{title ?? t('decisions.title')}</h2>
      <ol className="parts">
        {kase.parts.map((part) => (
          <li key={part.id}>
            <p className="user-text">{part.summary}</p>
            <p className="muted">
              {part.outcome
                ? t('decisions.decided', {
                    outcome: caseText(`outcomes.${outcomeKey(part.outcome)}`),
                    date: part.decidedOn ? format.date(part.decidedOn) : '',
                  })
                : t('decisions.open')}
            </p>
          </li>
        ))}
      </ol>
      {kase.availableActions.some((action) => action.decision) ? (
        <p className="muted">{t('decisions.howTo')}</p>
      ) : null}
    </section>
  );
}
