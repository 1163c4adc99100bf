import { useMemo } from 'react';
import { useLanguage } from './language-context';
import { LOCALES, type Language } from './i18n';

/** Text in both languages, as the API gives procedure names and labels. */
export interface Label {
  nl: string;
  en: string;
}

export interface Formatter {
  language: Language;
  /** A procedure text in the reader's language. */
  label(label: Label): string;
  /** A calendar date from the API (`YYYY-MM-DD`, Europe/Amsterdam), e.g. "2 maart 2026". */
  date(plainDate: string): string;
  /** A moment, e.g. "2 maart 2026 om 14:05" / "2 March 2026 at 14:05". */
  dateTime(instant: string): string;
  /** A file size in plain units. */
  size(bytes: number): string;
}

export function formatter(language: Language): Formatter {
  const locale = LOCALES[language];
  const day = new Intl.DateTimeFormat(locale, {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
  const moment = new Intl.DateTimeFormat(locale, {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'Europe/Amsterdam',
  });
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  return {
    language,
    label: (label) => label[language],
    date: (plainDate) => {
      const parsed = new Date(`${plainDate}T00:00:00Z`);
      return Number.isNaN(parsed.getTime()) ? plainDate : day.format(parsed);
    },
    dateTime: (instant) => {
      const parsed = new Date(instant);
      return Number.isNaN(parsed.getTime()) ? instant : moment.format(parsed);
    },
    size: (bytes) =>
      bytes < 1024
        ? `${number.format(bytes)} B`
        : bytes < 1024 * 1024
          ? `${number.format(bytes / 1024)} kB`
          : `${number.format(bytes / (1024 * 1024))} MB`,
  };
}

export function useFormat(): Formatter {
  const { language } = useLanguage();
  return useMemo(() => formatter(language), [language]);
}
