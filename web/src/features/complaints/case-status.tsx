import { useTranslation } from 'react-i18next';
import { useFormat, type Label } from '../../shared/i18n/format';

export interface CaseStatusProps {
  closed: boolean;
  stages: readonly { track: string; stage: string; label: Label }[];
}

/** Where a complaint stands, in words: the stage it is in, or that it is closed. */
export function CaseStatus({ closed, stages }: CaseStatusProps) {
  const { t } = useTranslation('complaints');
  const format = useFormat();
  if (closed || stages.length === 0)
    return <span className="status-tag closed">{t('status.closed')}</span>;
  return (
    <span className="status-tag open">
      {t('status.open', { stages: stages.map((stage) => format.label(stage.label)).join(' · ') })}
    </span>
  );
}
