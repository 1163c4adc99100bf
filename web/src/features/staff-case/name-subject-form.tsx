import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { apiFailure, generalFailureMessage } from '../../shared/api-failure';
import { NameComplaintSubjectMutation } from './staff-case.graphql';

/**
 * Staff name the member of staff a complaint is about, chosen by name: a client filing in the
 * portal describes them in words only, and hearings and mediation talks need them invited.
 * The server refuses the client and the case's own handler, with the field named (ADR 0097).
 */
export function NameSubjectForm({
  caseId,
  candidates,
  onNamed,
}: {
  caseId: string;
  candidates: readonly { userId: string; displayName: string }[];
  onNamed(): void;
}) {
  const { t } = useTranslation('staffCase');
  const { t: common } = useTranslation();
  const id = useId();
  const [subjectId, setSubjectId] = useState('');
  const [{ fetching, error }, name] = useMutation(NameComplaintSubjectMutation);
  const failure = apiFailure(error);
  if (candidates.length === 0) return null;
  return (
    <form
      className="inline-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (!subjectId) return;
        void name({ caseId, subjectId }).then((result) => {
          if (result.data) {
            setSubjectId('');
            onNamed();
          }
        });
      }}
    >
      <label htmlFor={id}>{t('subject.label')}</label>
      <select id={id} value={subjectId} onChange={(event) => setSubjectId(event.target.value)}>
        <option value="">{t('subject.choose')}</option>
        {candidates.map((person) => (
          <option key={person.userId} value={person.userId}>
            {person.displayName}
          </option>
        ))}
      </select>{' '}
      <button type="submit" className="button small" disabled={fetching || !subjectId}>
        {t('subject.submit')}
      </button>
      {failure ? (
        <span className="field-error" role="alert">
          {failure.field === 'subjectId'
            ? t('subject.refused')
            : generalFailureMessage(failure, common)}
        </span>
      ) : null}
    </form>
  );
}
