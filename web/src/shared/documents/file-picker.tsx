import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { useFormat } from '../i18n/format';
import { UploadRulesQuery } from './documents.graphql';

export interface UploadRules {
  maxBytes: number;
  extensions: readonly string[];
}

/** The rules the server states, before anyone chooses a file. */
export function useUploadRules(): UploadRules | undefined {
  const [{ data }] = useQuery({ query: UploadRulesQuery, variables: {} });
  return data?.documentUploadRules;
}

/** Why a chosen file will not be sent, judged before sending (the server judges again). */
export function fileProblem(
  file: File,
  rules: UploadRules,
): 'TOO_LARGE' | 'UNSUPPORTED_TYPE' | 'EMPTY' | undefined {
  if (file.size === 0) return 'EMPTY';
  if (file.size > rules.maxBytes) return 'TOO_LARGE';
  const extension = file.name.split('.').pop()?.toLowerCase() ?? '';
  const known = extension === 'jpeg' ? 'jpg' : extension;
  if (!rules.extensions.includes(known)) return 'UNSUPPORTED_TYPE';
  return undefined;
}

export interface FilePickerProps {
  id?: string;
  label: string;
  rules: UploadRules;
  /** Files chosen, each already checked against the rules. */
  onChoose(files: File[]): void;
  error?: string | undefined;
}

/** Choose files, with the accepted types and largest size said up front. */
export function FilePicker({ id: givenId, label, rules, onChoose, error }: FilePickerProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const generated = useId();
  const id = givenId ?? generated;
  const [problems, setProblems] = useState<string[]>([]);
  const shownError = error ?? (problems.length > 0 ? problems.join(' ') : undefined);
  return (
    <div className={`field${shownError ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <p id={`${id}-hint`} className="field-hint">
        {t('files.rules', {
          types: rules.extensions.map((extension) => extension.toUpperCase()).join(', '),
          size: format.size(rules.maxBytes),
        })}
      </p>
      {shownError ? (
        <p id={`${id}-error`} className="field-error">
          {shownError}
        </p>
      ) : null}
      <input
        id={id}
        type="file"
        multiple
        accept={rules.extensions.map((extension) => `.${extension}`).join(',')}
        aria-describedby={`${id}-hint${shownError ? ` ${id}-error` : ''}`}
        aria-invalid={shownError ? true : undefined}
        onChange={(event) => {
          const files = [...(event.target.files ?? [])];
          const refused = files.flatMap((file) => {
            const problem = fileProblem(file, rules);
            return problem
              ? [
                  t(`files.problem.${problem}`, {
                    name: file.name,
                    size: format.size(rules.maxBytes),
                  }),
                ]
              : [];
          });
          setProblems(refused);
          onChoose(files.filter((file) => !fileProblem(file, rules)));
          event.target.value = '';
        }}
      />
    </div>
  );
}

/** How far one file has been sent. */
export function UploadProgress({ name, fraction }: { name: string; fraction: number }) {
  const { t } = useTranslation();
  const percent = Math.round(fraction * 100);
  return (
    <div className="upload-progress">
      <span>{name}</span>
      <progress max={100} value={percent} aria-label={t('files.progress', { name })}>
        {percent}%
      </progress>
      <span className="muted">{percent === 100 ? t('files.sent') : `${percent}%`}</span>
    </div>
  );
}
