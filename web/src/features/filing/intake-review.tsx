import { useFilingText, type FilingContext } from './filing-text';
import { useFormat } from '../../shared/i18n/format';
import type { ProcedureDefinition } from '../../shared/procedure/definition';
import type { IntakeValues, StaffChannel, StepId } from './intake-steps';

export interface IntakeReviewProps {
  definition: ProcedureDefinition;
  values: IntakeValues;
  files: readonly File[];
  clients: readonly { id: string; name: string }[];
  employees: readonly { id: string; name: string }[];
  context: FilingContext;
  steps: readonly StepId[];
  outside: boolean;
  onChange(step: StepId): void;
}

/** "Controleer uw antwoorden": every answer with a way back to change it, before sending. */
export function IntakeReview({
  definition,
  values,
  files,
  clients,
  employees,
  context,
  steps,
  outside,
  onChange,
}: IntakeReviewProps) {
  const t = useFilingText(context);
  const format = useFormat();
  const labelOf = (
    list: readonly { id: string; label: { nl: string; en: string } }[],
    id: string,
  ) => {
    const found = list.find((item) => item.id === id);
    return found ? format.label(found.label) : '';
  };
  const none = t('check.none');
  const rows: { step: StepId; label: string; value: string }[] = [];
  for (const step of steps) {
    switch (step) {
      case 'client':
        rows.push({
          step,
          label: t('check.client'),
          value: clients.find((c) => c.id === values.clientId)?.name ?? '',
        });
        break;
      case 'channel':
        rows.push({
          step,
          label: t('check.channel'),
          value: [
            values.channel ? t(`steps.channel.${values.channel as StaffChannel}`) : none,
            values.receivedOn ? format.date(values.receivedOn) : '',
          ]
            .filter(Boolean)
            .join(', '),
        });
        break;
      case 'complainant':
        rows.push({
          step,
          label: t('check.complainant'),
          value: labelOf(definition.eligibility.complainants, values.complainant),
        });
        break;
      case 'entry':
        rows.push({
          step,
          label: t('check.entry'),
          value: labelOf(definition.filing.entries, values.entry),
        });
        break;
      case 'category':
        rows.push({
          step,
          label: t('check.category'),
          value: labelOf(definition.filing.categories, values.category),
        });
        break;
      case 'parts':
        values.parts.forEach((part, i) =>
          rows.push({
            step,
            label: t('steps.parts.label', { number: i + 1 }),
            value: part.summary,
          }),
        );
        break;
      case 'date': {
        const date = values.eventDate || values.lastContactDate;
        rows.push({ step, label: t('check.date'), value: date ? format.date(date) : none });
        break;
      }
      case 'about': {
        const flags = values.flags.map((flag) => labelOf(definition.filing.flags, flag));
        const named = employees
          .filter((employee) => values.subjectIds.includes(employee.id))
          .map((employee) => employee.name);
        rows.push({
          step,
          label: t('check.about'),
          value: [...flags, ...named, values.aboutWhom.trim()].filter(Boolean).join('; ') || none,
        });
        break;
      }
      case 'wish':
        rows.push({
          step,
          label: t('check.wish'),
          value:
            [
              ...values.wishes.map((flag) => labelOf(definition.filing.flags, flag)),
              values.wish.trim(),
            ]
              .filter(Boolean)
              .join('; ') || none,
        });
        break;
      case 'attachments':
        rows.push({
          step,
          label: t('check.attachments'),
          value: files.map((file) => file.name).join(', ') || none,
        });
        break;
      case 'check':
        break;
    }
  }
  return (
    <>
      <dl className="review">
        {rows.map((row, i) => (
          <div key={`${row.step}-${i}`} className="review-row">
            <dt>{row.label}</dt>
            <dd className="user-text">{row.value}</dd>
            <dd className="review-change">
              <button type="button" className="link-button" onClick={() => onChange(row.step)}>
                {t('check.change')}
                <span className="visually-hidden"> {row.label}</span>
              </button>
            </dd>
          </div>
        ))}
      </dl>
      <div className="status" role="note">
        <p>{outside ? t('window.outside') : t('check.eligibility')}</p>
      </div>
    </>
  );
}
