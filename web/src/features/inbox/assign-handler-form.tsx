import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { apiFailure, generalFailureMessage } from '../../shared/api-failure';
import { AssignHandlerMutation } from './inbox.graphql';

/**
 * A manager assigns a handler by name (from `members(role: HANDLER)`), in the inbox row or on the
 * case page; the label is hidden in the row, where the column heading says it.
 */
export function AssignHandlerForm({
  caseId,
  reference,
  handlers,
  visibleLabel = false,
}: {
  caseId: string;
  reference: string;
  handlers: readonly { userId: string; displayName: string }[];
  visibleLabel?: boolean;
}) {
  const { t } = useTranslation('inbox');
  const { t: common } = useTranslation();
  const id = useId();
  const [handlerId, setHandlerId] = useState('');
  const [{ fetching, error }, assign] = useMutation(AssignHandlerMutation);
  const failure = apiFailure(error);
  return (
    <form
      className="inline-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (handlerId) void assign({ caseId, handlerId });
      }}
    >
      <label htmlFor={id} className={visibleLabel ? undefined : 'visually-hidden'}>
        {t('assign.label', { reference })}
      </label>
      <select id={id} value={handlerId} onChange={(event) => setHandlerId(event.target.value)}>
        <option value="">{t('assign.choose')}</option>
        {handlers.map((handler) => (
          <option key={handler.userId} value={handler.userId}>
            {handler.displayName}
          </option>
        ))}
      </select>{' '}
      <button type="submit" className="button small" disabled={fetching || !handlerId}>
        {t('assign.submit')}
      </button>
      {failure ? (
        <span className="field-error" role="alert">
          {failure.field === 'handlerId'
            ? t('assign.refused')
            : generalFailureMessage(failure, common)}
        </span>
      ) : null}
    </form>
  );
}
