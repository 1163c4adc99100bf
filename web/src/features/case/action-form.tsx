import { useId, useState } from 'react';
import { Controller, useForm, type FieldErrors } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { UploadedDocument } from '../../shared/documents/document-transfer';
import { FilePicker, UploadProgress, type UploadRules } from '../../shared/documents/file-picker';
import { ErrorSummary, type FieldProblem } from '../../shared/forms/error-summary';
import { ChoiceField, TextAreaField, TextField } from '../../shared/forms/fields';
import { useFormat, type Label } from '../../shared/i18n/format';
import { StatusMessage } from '../../shared/page/alert-message';
import type { InputDefinition } from '../../shared/procedure/definition';
import {
  actionPayload,
  emptyValues,
  inputProblem,
  isPortalInput,
  partOutcomes,
  withPartOutcome,
  type ActionValues,
  type PortalInput,
} from './action-inputs';
import { outcomeKey } from './outcomes';

/** How sending an action ended, as the form shows it. */
export type ActionOutcome =
  | { kind: 'done' }
  | { kind: 'refused'; reasons: readonly { input?: string | null; message: Label }[] }
  | { kind: 'conflict' }
  | { kind: 'failed'; message: string };

export interface ActionFormProps {
  action: { id: string; label: Label; inputs: readonly InputDefinition[] };
  /** Documents of the case that may be attached to a documents input. */
  documents: readonly { id: string; name: string }[];
  /** The complaint's parts, each judged by an outcome-per-part input. */
  parts?: readonly { id: string; summary: string }[];
  uploadRules: UploadRules | undefined;
  upload(file: File, onProgress: (fraction: number) => void): Promise<UploadedDocument>;
  submit(payload: Record<string, unknown>): Promise<ActionOutcome>;
  /** Today in Europe/Amsterdam (YYYY-MM-DD), for dates that may not lie ahead. */
  today: string;
  /** Tells the page whether this form has problems showing (for its title). */
  onProblems?(showing: boolean): void;
}

/**
 * A form generated from one of `availableActions`: a field for each typed input the procedure
 * asks, checked as the engine checks it, the engine's own refusals shown next to their field and
 * summed up on top. A conflict (someone acted first) keeps everything typed.
 */
export function ActionForm({
  action,
  documents,
  parts = [],
  uploadRules,
  upload,
  submit,
  today,
  onProblems,
}: ActionFormProps) {
  const { t } = useTranslation('case');
  const { t: common } = useTranslation();
  const format = useFormat();
  const formId = useId();
  const inputs = action.inputs.filter(isPortalInput);
  const staffOnly = action.inputs.some((input) => !isPortalInput(input));
  const { control, register, handleSubmit, setError, clearErrors, formState } =
    useForm<ActionValues>({ defaultValues: emptyValues(action.inputs), shouldFocusError: false });
  const [attempt, setAttempt] = useState(0);
  const [general, setGeneral] = useState<string | undefined>();
  const [notice, setNotice] = useState<string | undefined>();
  const [uploads, setUploads] = useState<{ name: string; fraction: number }[]>([]);
  const [extraDocuments, setExtraDocuments] = useState<{ id: string; name: string }[]>([]);
  const fieldId = (input: PortalInput) => `${formId}-${input.id}`;
  const labelOf = (input: PortalInput) => format.label(input.label);

  const problems = (errors: FieldErrors<ActionValues>): FieldProblem[] =>
    inputs.flatMap((input) => {
      const message = errors[input.id]?.message;
      return typeof message === 'string' ? [{ fieldId: fieldId(input), message }] : [];
    });
  const shownProblems = problems(formState.errors);

  const failed = (message?: string) => {
    setGeneral(message);
    setAttempt((n) => n + 1);
    onProblems?.(true);
  };

  const send = handleSubmit(
    async (values) => {
      setGeneral(undefined);
      setNotice(undefined);
      const outcome = await submit(actionPayload(action.inputs, values));
      switch (outcome.kind) {
        case 'done':
          onProblems?.(false);
          return;
        case 'conflict':
          // The page shows the fresh case; what was typed stays in the form.
          setNotice(t('actions.conflict'));
          onProblems?.(false);
          return;
        case 'failed':
          failed(outcome.message);
          return;
        case 'refused': {
          const unplaced: string[] = [];
          for (const reason of outcome.reasons) {
            const input = inputs.find((candidate) => candidate.id === reason.input);
            if (input)
              setError(input.id, { type: 'server', message: format.label(reason.message) });
            else unplaced.push(format.label(reason.message));
          }
          failed(unplaced.length > 0 ? unplaced.join(' ') : undefined);
        }
      }
    },
    () => failed(),
  );

  async function addFiles(files: File[], onAdded: (ids: string[]) => void) {
    const added: string[] = [];
    for (const file of files) {
      setUploads((list) => [...list, { name: file.name, fraction: 0 }]);
      try {
        const document = await upload(file, (fraction) =>
          setUploads((list) =>
            list.map((entry) => (entry.name === file.name ? { ...entry, fraction } : entry)),
          ),
        );
        added.push(document.id);
        setExtraDocuments((list) => [...list, { id: document.id, name: document.name }]);
      } catch {
        setGeneral(t('actions.uploadFailed', { name: file.name }));
      }
    }
    onAdded(added);
  }

  if (staffOnly) return <p className="muted">{t('actions.staffOnly')}</p>;

  return (
    <form
      className="action-form"
      noValidate
      onSubmit={(event) => {
        clearErrors();
        void send(event);
      }}
    >
      <ErrorSummary problems={shownProblems} attempt={attempt} general={general} />
      {notice ? <StatusMessage>{notice}</StatusMessage> : null}
      {inputs.map((input) => {
        const label = labelOf(input);
        const hint = input.help ? format.label(input.help) : undefined;
        const error = formState.errors[input.id]?.message;
        const rules = {
          validate: (value: ActionValues[string] | undefined) =>
            inputProblem(input, value, label, today, common, parts) ?? true,
        };
        switch (input.kind) {
          case 'text':
          case 'motivation':
            return (
              <TextAreaField
                key={input.id}
                id={fieldId(input)}
                label={label}
                hint={hint}
                error={error}
                {...register(input.id, rules)}
              />
            );
          case 'date':
            return (
              <TextField
                key={input.id}
                id={fieldId(input)}
                type="date"
                label={label}
                hint={hint}
                error={error}
                max={input.notInFuture ? today : undefined}
                {...register(input.id, rules)}
              />
            );
          case 'choice':
            return (
              <ChoiceField
                key={input.id}
                id={fieldId(input)}
                label={label}
                hint={hint}
                error={error}
                options={input.options.map((option) => ({
                  value: option.value,
                  label: format.label(option.label),
                }))}
                inputProps={() => register(input.id, rules)}
              />
            );
          case 'complaint-parts':
            return (
              <Controller
                key={input.id}
                control={control}
                name={input.id}
                rules={rules}
                render={({ field }) => {
                  const chosen = partOutcomes(field.value);
                  return (
                    <fieldset className="field part-outcomes">
                      <legend>{label}</legend>
                      {parts.map((part, index) => (
                        <ChoiceField
                          key={part.id}
                          id={index === 0 ? fieldId(input) : `${fieldId(input)}-${part.id}`}
                          label={part.summary}
                          hint={index === 0 ? hint : undefined}
                          error={index === 0 ? error : undefined}
                          options={input.outcomes.map((outcome) => ({
                            value: outcome,
                            // The outcome's own name: the form is for who judges, not for the client.
                            label: t(`outcomeNames.${outcomeKey(outcome)}`),
                          }))}
                          inputProps={(option) => ({
                            name: `${fieldId(input)}-${part.id}`,
                            checked: chosen.get(part.id) === option.value,
                            onChange: () =>
                              field.onChange(withPartOutcome(field.value, part.id, option.value)),
                          })}
                        />
                      ))}
                    </fieldset>
                  );
                }}
              />
            );
          case 'documents':
            return (
              <Controller
                key={input.id}
                control={control}
                name={input.id}
                rules={rules}
                render={({ field }) => {
                  const chosen = Array.isArray(field.value) ? field.value : [];
                  const all = [...documents, ...extraDocuments];
                  const toggle = (id: string, on: boolean) =>
                    field.onChange(
                      on ? [...new Set([...chosen, id])] : chosen.filter((c) => c !== id),
                    );
                  return (
                    <div className="documents-input">
                      {all.length > 0 ? (
                        <ChoiceField
                          id={fieldId(input)}
                          type="checkbox"
                          label={label}
                          hint={hint}
                          error={error}
                          options={all.map((document) => ({
                            value: document.id,
                            label: document.name,
                          }))}
                          inputProps={(option) => ({
                            name: input.id,
                            checked: chosen.includes(option.value),
                            onChange: (event) => toggle(option.value, event.target.checked),
                          })}
                        />
                      ) : null}
                      {uploadRules ? (
                        <FilePicker
                          {...(all.length === 0 ? { id: fieldId(input) } : {})}
                          label={all.length === 0 ? label : t('actions.addFile')}
                          rules={uploadRules}
                          error={all.length === 0 ? error : undefined}
                          onChoose={(files) =>
                            void addFiles(files, (ids) => field.onChange([...chosen, ...ids]))
                          }
                        />
                      ) : null}
                      {uploads.map((entry) => (
                        <UploadProgress
                          key={entry.name}
                          name={entry.name}
                          fraction={entry.fraction}
                        />
                      ))}
                    </div>
                  );
                }}
              />
            );
        }
      })}
      <button type="submit" className="button primary" disabled={formState.isSubmitting}>
        {formState.isSubmitting ? t('actions.sending') : format.label(action.label)}
      </button>
    </form>
  );
}
