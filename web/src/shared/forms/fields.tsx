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

/** What a single control needs to be named, described and marked invalid. */
interface ControlWiring {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
}

/** The frame every single-control field shares: label, hint and error around the control. */
function LabelledControl({
  label,
  hint,
  error,
  id: givenId,
  control,
}: FieldText & { id: string | undefined; control(wiring: ControlWiring): ReactNode }) {
  const generated = useId();
  const id = givenId ?? generated;
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <HintAndError id={id} hint={hint} error={error} />
      {control({
        id,
        'aria-invalid': error ? true : undefined,
        'aria-describedby': describedBy(id, hint, error),
      })}
    </div>
  );
}

export type TextFieldProps = FieldText &
  Omit<InputHTMLAttributes<HTMLInputElement>, 'aria-invalid' | 'aria-describedby'> & {
    ref?: Ref<HTMLInputElement>;
  };

/** A labelled input with an optional hint and error, wired for assistive technology. */
export function TextField({ label, hint, error, id, ...input }: TextFieldProps) {
  return (
    <LabelledControl
      label={label}
      hint={hint}
      error={error}
      id={id}
      control={(wiring) => <input {...wiring} {...input} />}
    />
  );
}

export type TextAreaFieldProps = FieldText &
  Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'aria-invalid' | 'aria-describedby'> & {
    ref?: Ref<HTMLTextAreaElement>;
  };

export function TextAreaField({ label, hint, error, id, ...input }: TextAreaFieldProps) {
  return (
    <LabelledControl
      label={label}
      hint={hint}
      error={error}
      id={id}
      control={(wiring) => <textarea rows={6} {...wiring} {...input} />}
    />
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
  id,
  placeholder,
  options,
  ...select
}: SelectFieldProps) {
  return (
    <LabelledControl
      label={label}
      hint={hint}
      error={error}
      id={id}
      control={(wiring) => (
        <select {...wiring} {...select}>
          {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    />
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
