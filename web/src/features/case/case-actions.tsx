import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { useSession } from '../../app/session-context';
import { apiFailure, generalFailureMessage } from '../../shared/api-failure';
import { uploadDocument } from '../../shared/documents/document-transfer';
import { useUploadRules } from '../../shared/documents/file-picker';
import { useFormat } from '../../shared/i18n/format';
import { asInputs } from '../../shared/procedure/definition';
import { ActionForm, type ActionOutcome } from './action-form';
import { PerformActionMutation, type CaseDetail } from './case.graphql';
import { amsterdamToday } from './today';

export interface CaseActionsProps {
  kase: CaseDetail;
  /** Someone acted first: show the fresh case (the forms keep what was typed). */
  onConflict(): void;
  onProblems(showing: boolean): void;
}

/** "Wat u nu kunt doen": a generated form for each action the procedure opens to the viewer now. */
export function CaseActions({ kase, onConflict, onProblems }: CaseActionsProps) {
  const { t } = useTranslation('case');
  const { t: common } = useTranslation();
  const format = useFormat();
  const { active } = useSession();
  const [, perform] = useMutation(PerformActionMutation);
  const rules = useUploadRules();
  const language = format.language === 'en' ? 'EN' : 'NL';
  const documents = kase.documents.filter((document) => document.kind === 'upload');

  async function submit(
    actionId: string,
    payload: Record<string, unknown>,
  ): Promise<ActionOutcome> {
    const result = await perform({
      input: {
        caseId: kase.id,
        action: actionId,
        expectedVersion: kase.version,
        payload,
        idempotencyKey: crypto.randomUUID(),
      },
      language,
    });
    const failure = apiFailure(result.error);
    if (failure?.code === 'CONFLICT') {
      onConflict();
      return { kind: 'conflict' };
    }
    if (failure) return { kind: 'failed', message: generalFailureMessage(failure, common) };
    const answer = result.data?.performAction;
    if (answer?.__typename === 'ActionRefused') return { kind: 'refused', reasons: answer.reasons };
    // The answer carries the changed case; urql's document cache then re-reads every query that
    // shows a case, so the page moves on by itself.
    return { kind: 'done' };
  }

  return (
    <section aria-labelledby="case-actions" className="card">
      <h2 id="case-actions">{t('actions.title')}</h2>
      {kase.availableActions.length === 0 ? (
        <p className="muted">{t('actions.none')}</p>
      ) : (
        kase.availableActions.map((action) => (
          <div key={action.id} className="action">
            <h3>{format.label(action.label)}</h3>
            <ActionForm
              action={{ id: action.id, label: action.label, inputs: asInputs(action.inputs) }}
              documents={documents}
              parts={kase.parts}
              uploadRules={rules}
              today={amsterdamToday()}
              upload={(file, onProgress) =>
                uploadDocument({ organisation: active.slug, caseId: kase.id, file, onProgress })
              }
              submit={(payload) => submit(action.id, payload)}
              onProblems={onProblems}
            />
          </div>
        ))
      )}
    </section>
  );
}
