import { describe, expect, it } from 'vitest';
import { directionRuns } from './letter-pdf.js';

describe('directionRuns', () => {
  it('keeps a Dutch line in one run', () => {
    expect(directionRuns('Beste Łukasz Wąsowski,')).toEqual([
      { text: 'Beste Łukasz Wąsowski,', rtl: false },
    ]);
  });

  it('gives an Arabic name in a Dutch line its own right-to-left run, the space inside it', () => {
    expect(directionRuns('Beste محمد الأحمد, welkom')).toEqual([
      { text: 'Beste ', rtl: false },
      { text: 'محمد الأحمد', rtl: true },
      { text: ', welkom', rtl: false },
    ]);
  });
});
