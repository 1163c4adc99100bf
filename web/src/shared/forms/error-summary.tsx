import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

export interface FieldProblem {
  /** The id of the control to fix. */
  fieldId: string;
  message: string;
}

/**
 * What to fix, on top of a form that could not be sent: each line links to its field. It takes
 * focus each time a new attempt fails, so the problems are read first.
 */
export function ErrorSummary({
  problems,
  attempt,
  general,
}: {
  problems: readonly FieldProblem[];
  /** Changes on every failed attempt, to move focus here again. */
  attempt: number;
  /** A problem with the whole form rather than one field. */
  general?: string | undefined;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const visible = problems.length > 0 || Boolean(general);
  useEffect(() => {
    if (visible) ref.current?.focus();
  }, [attempt, visible]);
  if (!visible) return null;
  return (
    <div
      ref={ref}
      className="error-summary"
      role="alert"
      aria-labelledby="error-summary-title"
      tabIndex={-1}
    >
      <h2 id="error-summary-title">{t('form.errorSummary')}</h2>
      {general ? <p>{general}</p> : null}
      {problems.length > 0 ? (
        <ul>
          {problems.map((problem) => (
            <li key={`${problem.fieldId}:${problem.message}`}>
              <a
                href={`#${problem.fieldId}`}
                onClick={(event) => {
                  event.preventDefault();
                  document.getElementById(problem.fieldId)?.focus();
                }}
              >
                {problem.message}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
