import {
  useId,
  type InputHTMLAttributes,
  type ReactNode,
  type Ref,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from 'react';
import { useTranslation } from 'react-i18next';

interface FieldText {
  label: ReactNode;
  hint?: ReactNode;
  /** Shown under the label and tied to the control, so it is read when the control gets focus. */
  error?: string | undefined;
}

/** The ids a control uses to name its hint and error for assistive technology. */
function describedBy(id: string, hint: unknown, error: unknown): string | undefined {
  return (
    [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined
  );
}

function HintAndError({
  id,
  hint,
  error,
}: {
  id: string;
  hint?: ReactNode;
  error?: string | undefined;
}) {
  const { t } = useTranslation();
  return (
    <>
      {hint ? (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="field-error">
          <span className="visually-hidden">{t('form.errorPrefix')} </span>
          {error}
        </p>
      ) : null}
    </>
  );
}

export type TextFieldProps = FieldText &
  Omit<InputHTMLAttributes<HTMLInputElement>, 'aria-invalid' | 'aria-describedby'> & {
    ref?: Ref<HTMLInputElement>;
  };

/** A labelled input with an optional hint and error, wired for assistive technology. */
export function TextField({
  label,
  hint,
  error,
  id: givenId,
  className,
  ...input
}: TextFieldProps) {
  const generated = useId();
  const id = givenId ?? generated;
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <HintAndError id={id} hint={hint} error={error} />
      <input
        id={id}
        className={className}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        {...input}
      />
    </div>
  );
}

export type TextAreaFieldProps = FieldText &
  Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'aria-invalid' | 'aria-describedby'> & {
    ref?: Ref<HTMLTextAreaElement>;
  };

export function TextAreaField({ label, hint, error, id: givenId, ...input }: TextAreaFieldProps) {
  const generated = useId();
  const id = givenId ?? generated;
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <HintAndError id={id} hint={hint} error={error} />
      <textarea
        id={id}
        rows={6}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        {...input}
      />
    </div>
  );
}

export type SelectFieldProps = FieldText &
  Omit<SelectHTMLAttributes<HTMLSelectElement>, 'aria-invalid' | 'aria-describedby'> & {
    ref?: Ref<HTMLSelectElement>;
    /** The first, empty choice ("choose …"), when nothing is chosen yet. */
    placeholder?: string;
    options: readonly { value: string; label: string }[];
  };

/** A labelled list to choose one from, for lists too long for radio buttons (people, say). */
export function SelectField({
  label,
  hint,
  error,
  id: givenId,
  placeholder,
  options,
  ...select
}: SelectFieldProps) {
  const generated = useId();
  const id = givenId ?? generated;
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <HintAndError id={id} hint={hint} error={error} />
      <select
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        {...select}
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export interface Option {
  value: string;
  label: ReactNode;
  hint?: ReactNode;
}

export type ChoiceFieldProps = FieldText & {
  /** The id of the first option: where the error summary sends focus. */
  id: string;
  options: readonly Option[];
  /** `radio` for one answer, `checkbox` for several. */
  type?: 'radio' | 'checkbox';
  inputProps(option: Option): InputHTMLAttributes<HTMLInputElement> & {
    ref?: Ref<HTMLInputElement>;
  };
};

/** A question with options: a fieldset whose legend is the question. */
export function ChoiceField({
  label,
  hint,
  error,
  id,
  options,
  type = 'radio',
  inputProps,
}: ChoiceFieldProps) {
  return (
    <fieldset
      className={`field choice-field${error ? ' field-invalid' : ''}`}
      aria-describedby={describedBy(id, hint, error)}
    >
      <legend>{label}</legend>
      <HintAndError id={id} hint={hint} error={error} />
      {options.map((option, index) => {
        const optionId = index === 0 ? id : `${id}-${index}`;
        return (
          <div className="option" key={option.value}>
            <input
              id={optionId}
              type={type}
              value={option.value}
              aria-invalid={error ? true : undefined}
              aria-describedby={option.hint ? `${optionId}-option-hint` : undefined}
              {...inputProps(option)}
            />
            <label htmlFor={optionId}>
              {option.label}
              {option.hint ? (
                <span id={`${optionId}-option-hint`} className="option-hint">
                  {option.hint}
                </span>
              ) : null}
            </label>
          </div>
        );
      })}
    </fieldset>
  );
}
