import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { apiFailure, generalFailureMessage } from '../../shared/api-failure';
import { TextAreaField } from '../../shared/forms/fields';
import { useFormat } from '../../shared/i18n/format';
import { AlertMessage } from '../../shared/page/alert-message';
import { CompleteMeasureMutation, type StaffCase } from './staff-case.graphql';

const MAX_PROOF = 5_000;

/** The measures the decision recorded: owner, due date, status and proof, and completing one. */
export function StaffMeasures({ kase, onChanged }: { kase: StaffCase; onChanged(): void }) {
  const { t } = useTranslation('staffCase');
  const format = useFormat();
  if (kase.measures.length === 0) return null;
  return (
    <section aria-labelledby="staff-measures" className="card">
      <h2 id="staff-measures">{t('measures.title')}</h2>
      <ul className="measures">
        {kase.measures.map((measure) => (
          <li key={measure.id}>
            <p className="user-text">{measure.description}</p>
            <dl className="facts">
              <dt>{t('measures.owner')}</dt>
              <dd className="user-text">{measure.owner ?? t('measures.noOwner')}</dd>
              <dt>{t('measures.due')}</dt>
              <dd>{format.date(measure.due)}</dd>
              <dt>{t('measures.status')}</dt>
              <dd>
                <span className={`status-tag ${measure.status.toLowerCase()}`}>
                  {t(`measures.statuses.${measure.status}`)}
                </span>
                {measure.completedOn ? ` ${format.date(measure.completedOn)}` : null}
              </dd>
              {measure.proof ? (
                <>
                  <dt>{t('measures.proof')}</dt>
                  <dd className="user-text">{measure.proof}</dd>
                </>
              ) : null}
            </dl>
            {!kase.readOnly && measure.status !== 'DONE' ? (
              <CompleteForm caseId={kase.id} measureId={measure.id} onChanged={onChanged} />
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

function CompleteForm({
  caseId,
  measureId,
  onChanged,
}: {
  caseId: string;
  measureId: string;
  onChanged(): void;
}) {
  const { t } = useTranslation('staffCase');
  const { t: common } = useTranslation();
  const [, complete] = useMutation(CompleteMeasureMutation);
  const [proof, setProof] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [general, setGeneral] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        setGeneral(undefined);
        const text = proof.trim();
        if (text === '' || text.length > MAX_PROOF) {
          setError(
            text === ''
              ? t('measures.proofMissing')
              : t('measures.proofTooLong', { count: MAX_PROOF }),
          );
          return;
        }
        setError(undefined);
        setBusy(true);
        void complete({ input: { caseId, measureId, proof: text } }).then((result) => {
          setBusy(false);
          const failure = apiFailure(result.error);
          const answer = result.data?.completeMeasure;
          if (failure) setGeneral(generalFailureMessage(failure, common));
          else if (answer?.__typename === 'MeasureRefused') setGeneral(t('measures.alreadyDone'));
          else onChanged();
        });
      }}
    >
      {general ? <AlertMessage>{general}</AlertMessage> : null}
      <TextAreaField
        id={`proof-${measureId}`}
        label={t('measures.complete')}
        hint={t('measures.proofHint')}
        error={error}
        rows={3}
        value={proof}
        onChange={(event) => setProof(event.target.value)}
      />
      <button type="submit" className="button" disabled={busy}>
        {t('measures.markDone')}
      </button>
    </form>
  );
}
