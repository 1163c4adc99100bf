import type { Register } from './register.graphql';

const label = (nl: string) => ({ nl, en: nl });

/** A year in which the total is shown and most groups are hidden (ADR 0017). */
export const register2025: Register = {
  year: 2025,
  firstYear: 2023,
  cases: { count: 12, suppressed: false },
  parts: { count: null, suppressed: true },
  byCategory: [
    { key: 'klacht', count: 7, suppressed: false, label: label('Klacht') },
    { key: 'advies', count: null, suppressed: true, label: label('=HYPERLINK("x")') },
    { key: 'other', count: null, suppressed: true, label: label('Overig of zonder soort') },
  ],
  byOutcome: [
    { key: 'gegrond', count: 5, suppressed: false, label: label('Gegrond') },
    { key: 'undecided', count: null, suppressed: true, label: label('Nog geen oordeel') },
  ],
  byLeadTime: [{ key: 'open', count: 12, suppressed: false, label: label('Nog in behandeling') }],
  byRoute: [
    {
      key: 'internal',
      count: 9,
      suppressed: false,
      label: label('Binnen de organisatie behandeld'),
    },
    {
      key: 'external-direct',
      count: null,
      suppressed: true,
      label: label('Rechtstreeks bij een externe instantie ingediend'),
    },
    {
      key: 'external-later',
      count: null,
      suppressed: true,
      label: label('Later naar een externe commissie verwezen'),
    },
  ],
};
