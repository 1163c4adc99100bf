import { useRef, useState, type FormEvent } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { generalFailureMessage, type ApiFailure } from '../../shared/api-failure';
import { TextField } from '../../shared/forms/fields';
import { AlertMessage } from '../../shared/page/alert-message';

export interface MfaCodeFormProps {
  submitLabel: string;
  /** Sends the code; resolves with the failure, if any. */
  onSubmitCode(code: string): Promise<ApiFailure | undefined>;
}

function codeFailureMessage(failure: ApiFailure, t: TFunction<'auth'>, common: TFunction): string {
  if (failure.code === 'BAD_USER_INPUT') return t('mfa.wrongCode');
  if (failure.code === 'UNAUTHENTICATED') return t('mfa.tooMany');
  return generalFailureMessage(failure, common);
}

/** A six-digit code from an authenticator app, with the app's own code autofill allowed. */
export function MfaCodeForm({ submitLabel, onSubmitCode }: MfaCodeFormProps) {
  const { t } = useTranslation('auth');
  const { t: common } = useTranslation();
  const [code, setCode] = useState('');
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [failure, setFailure] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const digits = code.replace(/\s/g, '');
    if (!/^\d{6}$/.test(digits)) {
      setFieldError(t('mfa.sixDigits'));
      inputRef.current?.focus();
      return;
    }
    setFieldError(undefined);
    setFailure(undefined);
    setBusy(true);
    const problem = await onSubmitCode(digits);
    setBusy(false);
    if (problem) {
      setFailure(codeFailureMessage(problem, t, common));
      setCode('');
      inputRef.current?.focus();
    }
  }

  return (
    <>
      {failure ? <AlertMessage>{failure}</AlertMessage> : null}
      <form onSubmit={(event) => void submit(event)} noValidate>
        <TextField
          ref={inputRef}
          label={t('mfa.codeLabel')}
          name="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={7}
          className="code-input"
          value={code}
          error={fieldError}
          onChange={(event) => setCode(event.target.value)}
        />
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? t('mfa.checking') : submitLabel}
        </button>
      </form>
    </>
  );
}
