import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ErrorSummary } from '../../shared/forms/error-summary';
import { ChoiceField } from '../../shared/forms/fields';
import { SCOPES, withView, type Scope } from './scopes';

export interface ConfidantGrantFormProps {
  idPrefix: string;
  confidants: readonly { id: string; name: string }[];
  /** Scopes ticked at the start. */
  initialScopes: readonly Scope[];
  submitLabel: string;
  /** Resolves with a sentence when it did not work. */
  onGrant(confidantId: string, scopes: Scope[]): Promise<string | undefined>;
}

interface Values {
  confidantId: string;
  scopes: string[];
}

/** Choose a confidant and what they may do: the client decides, scope by scope. */
export function ConfidantGrantForm({
  idPrefix,
  confidants,
  initialScopes,
  submitLabel,
  onGrant,
}: ConfidantGrantFormProps) {
  const { t } = useTranslation('sharing');
  const [attempt, setAttempt] = useState(0);
  const [general, setGeneral] = useState<string | undefined>();
  const { register, handleSubmit, formState, reset } = useForm<Values>({
    defaultValues: {
      confidantId: confidants.length === 1 ? confidants[0]!.id : '',
      scopes: [...initialScopes],
    },
    shouldFocusError: false,
  });
  const error = formState.errors.confidantId?.message;
  const send = handleSubmit(
    async ({ confidantId, scopes }) => {
      const problem = await onGrant(confidantId, withView(scopes));
      if (problem) {
        setGeneral(problem);
        setAttempt((n) => n + 1);
      } else {
        setGeneral(undefined);
        reset({ confidantId: '', scopes: [...initialScopes] });
      }
    },
    () => setAttempt((n) => n + 1),
  );
  if (confidants.length === 0) return <p className="muted">{t('grant.noConfidants')}</p>;
  return (
    <form noValidate onSubmit={(event) => void send(event)}>
      <ErrorSummary
        problems={error ? [{ fieldId: `${idPrefix}-confidant`, message: error }] : []}
        attempt={attempt}
        general={general}
      />
      <ChoiceField
        id={`${idPrefix}-confidant`}
        label={t('grant.who')}
        error={error}
        options={confidants.map((confidant) => ({ value: confidant.id, label: confidant.name }))}
        inputProps={() => register('confidantId', { required: t('grant.chooseConfidant') })}
      />
      <ChoiceField
        id={`${idPrefix}-scopes`}
        type="checkbox"
        label={t('grant.what')}
        hint={t('grant.whatHint')}
        options={SCOPES.filter((scope) => scope !== 'view').map((scope) => ({
          value: scope,
          label: t(`scopes.${scope}`),
          hint: t(`scopeHints.${scope}`),
        }))}
        inputProps={() => register('scopes')}
      />
      <button type="submit" className="button primary" disabled={formState.isSubmitting}>
        {submitLabel}
      </button>
    </form>
  );
}
