import type { ParseKeys } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Filer } from './intake-steps';

type FilingKey = ParseKeys<'filing'>;

/** `staff` when staff register a complaint for a client: the texts then speak of the client. */
export type FilingContext = 'staff' | undefined;

export const filingContext = (filer: Filer): FilingContext =>
  filer === 'staff' ? 'staff' : undefined;

/**
 * The filing texts for who fills in the form. Staff read the questions about the client in the
 * third person (`question_staff` beside `question`); a text with no staff wording falls back to
 * the one the client reads. Looked up by hand: i18next's own `context` option is not applied
 * under the ICU formatter.
 */
export function useFilingText(context: FilingContext) {
  const { t, i18n } = useTranslation('filing');
  return (key: FilingKey, options: Record<string, unknown> = {}): string => {
    const variant = `${key}_${context}` as FilingKey;
    return context && i18n.exists(variant, { ns: 'filing' })
      ? t(variant, options)
      : t(key, options);
  };
}
