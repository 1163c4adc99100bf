import { useRef, useState, type FormEvent } from 'react';
import { AlertMessage } from '../../shared/alert-message';
import { generalFailureMessage, type ApiFailure } from '../../shared/api-failure';
import { TextField } from '../../shared/text-field';

export interface MfaCodeFormProps {
  submitLabel: string;
  /** Sends the code; resolves with the failure, if any. */
  onSubmitCode(code: string): Promise<ApiFailure | undefined>;
}

function codeFailureMessage(failure: ApiFailure): string {
  if (failure.code === 'BAD_USER_INPUT') {
    return 'Deze code klopt niet. Codes zijn maar kort geldig: vul de code in die de app nu laat zien.';
  }
  if (failure.code === 'UNAUTHENTICATED') {
    return 'Het lukt nu even niet. Wacht een kwartier en probeer het dan opnieuw.';
  }
  return generalFailureMessage(failure);
}

/** A six-digit code from an authenticator app, with the app's own code autofill allowed. */
export function MfaCodeForm({ submitLabel, onSubmitCode }: MfaCodeFormProps) {
  const [code, setCode] = useState('');
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [failure, setFailure] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const digits = code.replace(/\s/g, '');
    if (!/^\d{6}$/.test(digits)) {
      setFieldError('Vul de 6 cijfers in die de app laat zien.');
      inputRef.current?.focus();
      return;
    }
    setFieldError(undefined);
    setFailure(undefined);
    setBusy(true);
    const problem = await onSubmitCode(digits);
    setBusy(false);
    if (problem) {
      setFailure(codeFailureMessage(problem));
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
          label="Code van 6 cijfers"
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
          {busy ? 'Bezig met controleren…' : submitLabel}
        </button>
      </form>
    </>
  );
}
