import { describe, expect, it } from 'vitest';
import { dayOf, explainRequestDue, requestDue } from './data-request-clock.js';

describe('the clock of a data-subject request', () => {
  it.each([
    // One month from receipt, the day of receipt not counted.
    ['2027-03-02', '2027-04-02'],
    // The same day of the next month, or its last day when it has none; a Sunday moves on.
    ['2027-01-31', '2027-03-01'],
    ['2027-01-29', '2027-03-01'],
    // A Saturday moves to Monday.
    ['2027-03-03', '2027-04-05'],
  ])('a request received on %s is due on %s', (receivedOn, due) => {
    expect(requestDue({ receivedOn })).toBe(due);
  });

  it('adds the one extension to the day as it stood, and says so in words', () => {
    const clock = {
      receivedOn: '2027-03-02',
      extension: { months: 2, reason: 'Veel dossiers', toldOn: '2027-03-20' },
    };
    expect(requestDue(clock)).toBe('2027-06-02');
    expect(explainRequestDue({ receivedOn: '2027-03-02' }, 'nl')).toBe(
      '02-04-2027 = ontvangen 02-03-2027 + 1 maand',
    );
    expect(explainRequestDue(clock, 'en')).toContain('extended by 2 months on 20-03-2027');
  });

  it('counts from the Amsterdam day of receipt', () => {
    // 23:30 UTC on 31 March is already 1 April in Amsterdam (summer time).
    expect(dayOf(new Date('2027-03-31T23:30:00Z'))).toBe('2027-04-01');
  });
});
