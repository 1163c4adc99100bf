import {
  amsterdamDate,
  deriveDue,
  explainDueDate,
  type Label,
  type PlainDate,
} from '@klachtpad/procedures';

/**
 * The clock of a data-subject request (AVG art. 12(3)): "without undue delay and in any event
 * within one month of receipt", extendable once "by two further months where necessary", the
 * client being told "within one month of receipt", with the reasons. Counted with the procedure
 * engine's own term arithmetic, as the case clocks are: the day of receipt is not counted, a month
 * ends on the same day of the next month (or its last day), and a term ending on a weekend day or
 * public holiday ends on the next working day (Regulation 1182/71 art. 3(4); the Algemene
 * termijnenwet says the same for Dutch terms).
 */
export const FIRST_TERM = { amount: 1, unit: 'months' } as const;
export const MAX_EXTENSION_MONTHS = 2;

const RECEIVED: Label = { nl: 'ontvangen', en: 'received' };

export interface RequestClock {
  receivedOn: PlainDate;
  /** The extension, once given: how long, why, and the day the client was told. */
  extension?: { months: number; reason: string; toldOn: PlainDate } | undefined;
}

function clockState(clock: RequestClock) {
  return {
    startedOn: clock.receivedOn,
    startsOn: RECEIVED,
    duration: FIRST_TERM,
    suspensions: [],
    extensions: clock.extension
      ? [
          {
            duration: { amount: clock.extension.months, unit: 'months' as const },
            reason: clock.extension.reason,
            recordedOn: clock.extension.toldOn,
            status: 'effective' as const,
            notice: { sentOn: clock.extension.toldOn, to: ['client' as const], letters: [] },
          },
        ]
      : [],
  };
}

const ON_WORKING_DAY = { endOnWorkingDay: true };

/** The day the request is due, with its extension if it has one. */
export function requestDue(clock: RequestClock): PlainDate {
  return deriveDue(clockState(clock), ON_WORKING_DAY).due;
}

/** The due day in words, e.g. "02-04-2027 = ontvangen 02-03-2027 + 1 maand". */
export function explainRequestDue(clock: RequestClock, lang: 'nl' | 'en'): string {
  return explainDueDate(clockState(clock), ON_WORKING_DAY, lang);
}

/** The Amsterdam day of an instant: a request received at 23:30 on the 1st counts from the 1st. */
export function dayOf(at: Date): PlainDate {
  return amsterdamDate(at);
}
