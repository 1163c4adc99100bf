import type { TFunction } from 'i18next';

/** As the server checks a new password (auth.service.ts: 10 to 1024 characters). */
export const MIN_NEW_PASSWORD_LENGTH = 10;
const MAX_PASSWORD_LENGTH = 1024;

export interface PasswordProblems {
  password?: string;
  repeat?: string;
}

/** What is wrong with a new password and its repetition, before anything is sent. */
export function problemsWithNewPassword(
  password: string,
  repeat: string,
  t: TFunction<'accountLinks'>,
): PasswordProblems {
  if (password.length < MIN_NEW_PASSWORD_LENGTH || password.length > MAX_PASSWORD_LENGTH)
    return { password: t('password.tooShort') };
  if (repeat !== password) return { repeat: t('password.different') };
  return {};
}
