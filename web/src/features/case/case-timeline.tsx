import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useFormat, type Formatter, type Label } from '../../shared/i18n/format';
import type { CaseDetail } from './case.graphql';

type Entry = CaseDetail['timeline'][number];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isLabel(value: unknown): value is Label {
  return isRecord(value) && typeof value.nl === 'string' && typeof value.en === 'string';
}

/**
 * One entry in words. Engine events carry their own shape (`CaseEvent`); entries the server adds
 * (messages, letters, grants) are named by type. Unknown types read as "something changed".
 */
export function describeEntry(
  entry: Entry,
  kase: Pick<CaseDetail, 'stages'>,
  t: TFunction<'case'>,
  format: Formatter,
): string {
  const payload = isRecord(entry.payload) ? entry.payload : {};
  // Engine events (`CaseEvent` of the procedures package) and the server's own entries.
  const type: string = entry.type;
  switch (type) {
    case 'case-filed':
      return t('timeline.case-filed');
    case 'action-taken':
      return isLabel(payload.label)
        ? t('timeline.action-taken', { action: format.label(payload.label) })
        : t('timeline.other');
    case 'stage-entered': {
      const stage = kase.stages.find((s) => s.stage === payload.stage);
      return stage
        ? t('timeline.stage-entered', { stage: format.label(stage.label) })
        : t('timeline.stage-moved');
    }
    case 'outcome-set':
      return t('timeline.outcome-set');
    case 'clock-changed':
      return typeof payload.due === 'string'
        ? t('timeline.clock-changed', { date: format.date(payload.due) })
        : t('timeline.other');
    case 'case-closed':
    case 'filing-warning':
    case 'admissibility-decided':
    case 'track-ended':
    case 'reminder-due':
    case 'measure-recorded':
    case 'measure-completed':
    case 'referred':
    case 'referral-ended':
    case 'message-posted':
    case 'letter-sent':
    case 'confidant-granted':
    case 'confidant-revoked':
    case 'bundle-items-proposed':
    case 'bundle-items-decided':
    case 'meeting-scheduled':
    case 'minutes-recorded':
    case 'minutes-signed':
    case 'minutes-revised':
    case 'minutes-final':
    case 'attendance-recorded':
    case 'document-added':
    case 'subject-named':
      return t(`timeline.${type}`);
    default:
      return t('timeline.other');
  }
}

/** What happened, oldest first, as the viewer may see it. */
export function CaseTimeline({ kase }: { kase: CaseDetail }) {
  const { t } = useTranslation('case');
  const format = useFormat();
  return (
    <section aria-labelledby="case-timeline" className="card">
      <h2 id="case-timeline">{t('timeline.title')}</h2>
      <ol className="timeline">
        {kase.timeline.map((entry) => (
          <li key={entry.sequence}>
            <time dateTime={entry.occurredAt} className="muted">
              {format.dateTime(entry.occurredAt)}
            </time>{' '}
            {describeEntry(entry, kase, t, format)}
          </li>
        ))}
      </ol>
    </section>
  );
}
