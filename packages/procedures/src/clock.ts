import {
  addDuration,
  formatDuration,
  maxCalendarDays,
  nextWorkingDayFrom,
  nonWorkingReason,
  type Duration,
} from './calendar/duration.js';
import {
  addDays,
  compareDates,
  daysBetween,
  formatDutch,
  type PlainDate,
} from './calendar/plain-date.js';
import type { ClockDefinition, Label } from './definition.schema.js';
import type { ClockState, Extension } from './state.js';

type Lang = 'nl' | 'en';

/** One step in the derivation of a due date. */
export type DueStep =
  | { kind: 'start'; on: PlainDate; duration: Duration; result: PlainDate }
  | { kind: 'suspension'; from: PlainDate; to: PlainDate; days: number; result: PlainDate }
  | { kind: 'open-suspension'; from: PlainDate }
  | { kind: 'extension'; extension: Extension; result: PlainDate }
  | { kind: 'working-day'; from: PlainDate; reason: Label; result: PlainDate };

/**
 * Derives a clock's due date step by step.
 *
 * Suspensions and extensions apply in the order they happened: a suspension adds the days it lasted,
 * an extension adds its term to the due date as it stood. A suspension still running is listed but
 * adds nothing yet (the due date moves when it ends). With `endOnWorkingDay` a term ending on a
 * weekend day or holiday ends on the next working day.
 */
export function deriveDue(
  clock: Pick<ClockState, 'startedOn' | 'duration' | 'suspensions' | 'extensions'>,
  definition: Pick<ClockDefinition, 'endOnWorkingDay'>,
): { due: PlainDate; steps: DueStep[] } {
  let due = addDuration(clock.startedOn, clock.duration);
  const steps: DueStep[] = [
    { kind: 'start', on: clock.startedOn, duration: clock.duration, result: due },
  ];
  const changes = [
    ...clock.suspensions.map((s) => ({ on: s.from, order: 0, apply: () => applySuspension(s) })),
    ...clock.extensions.map((e) => ({
      on: e.recordedOn,
      order: 1,
      apply: () => applyExtension(e),
    })),
  ].sort((a, b) => compareDates(a.on, b.on) || a.order - b.order);

  function applySuspension(s: { from: PlainDate; to?: PlainDate }): void {
    if (s.to === undefined) {
      steps.push({ kind: 'open-suspension', from: s.from });
      return;
    }
    const days = daysBetween(s.from, s.to);
    due = addDays(due, days);
    steps.push({ kind: 'suspension', from: s.from, to: s.to, days, result: due });
  }
  function applyExtension(e: Extension): void {
    due = addDuration(due, e.duration);
    steps.push({ kind: 'extension', extension: e, result: due });
  }
  for (const change of changes) change.apply();

  if (definition.endOnWorkingDay) {
    const reason = nonWorkingReason(due);
    if (reason) {
      const moved = nextWorkingDayFrom(due);
      steps.push({ kind: 'working-day', from: due, reason, result: moved });
      due = moved;
    }
  }
  return { due, steps };
}

const WORDS = {
  nl: {
    extended: 'verlengd met',
    on: 'op',
    consent: 'met toestemming van de cliënt van',
    suspended: 'opgeschort van',
    until: 'tot',
    suspendedSince: 'opgeschort sinds',
    stillSuspended: 'loopt nog; de einddatum schuift op met elke dag opschorting',
    falls: 'valt op',
    next: 'volgende werkdag',
    day: 'dag',
    days: 'dagen',
  },
  en: {
    extended: 'extended by',
    on: 'on',
    consent: 'with client consent of',
    suspended: 'suspended from',
    until: 'to',
    suspendedSince: 'suspended since',
    stillSuspended: 'still suspended; the due date moves by every day of suspension',
    falls: 'falls on',
    next: 'next working day',
    day: 'day',
    days: 'days',
  },
} as const;

/**
 * Explains a clock's due date in words, e.g.
 * "11-05-2026 = ontvangen 02-03-2026 + 6 weken; verlengd met 4 weken op 09-04-2026 → 11-05-2026".
 */
export function explainDueDate(
  clock: Pick<ClockState, 'startedOn' | 'duration' | 'suspensions' | 'extensions' | 'startsOn'>,
  definition: Pick<ClockDefinition, 'endOnWorkingDay'>,
  lang: Lang,
): string {
  const w = WORDS[lang];
  const { steps } = deriveDue(clock, definition);
  const parts: string[] = [];
  for (const step of steps) {
    switch (step.kind) {
      case 'start':
        parts.push(
          `${formatDutch(step.result)} = ${clock.startsOn[lang]} ${formatDutch(step.on)} + ${formatDuration(step.duration, lang)}`,
        );
        break;
      case 'suspension':
        parts.push(
          `${w.suspended} ${formatDutch(step.from)} ${w.until} ${formatDutch(step.to)} (+${step.days} ${step.days === 1 ? w.day : w.days}) → ${formatDutch(step.result)}`,
        );
        break;
      case 'open-suspension':
        parts.push(`${w.suspendedSince} ${formatDutch(step.from)} (${w.stillSuspended})`);
        break;
      case 'extension': {
        const e = step.extension;
        const consent = e.consentRecordedOn
          ? ` ${w.consent} ${formatDutch(e.consentRecordedOn)}`
          : '';
        parts.push(
          `${w.extended} ${formatDuration(e.duration, lang)} ${w.on} ${formatDutch(e.noticeSentOn)}${consent} → ${formatDutch(step.result)}`,
        );
        break;
      }
      case 'working-day':
        parts.push(
          `${formatDutch(step.from)} ${w.falls} ${step.reason[lang]} → ${w.next} ${formatDutch(step.result)}`,
        );
        break;
    }
  }
  return parts.join('; ');
}

/** Both languages at once, as stored on clock changes. */
export function explainBoth(
  clock: Pick<ClockState, 'startedOn' | 'duration' | 'suspensions' | 'extensions' | 'startsOn'>,
  definition: Pick<ClockDefinition, 'endOnWorkingDay'>,
): Label {
  return {
    nl: explainDueDate(clock, definition, 'nl'),
    en: explainDueDate(clock, definition, 'en'),
  };
}

/** A fresh running clock. */
export function startClock(definition: ClockDefinition, on: PlainDate): ClockState {
  const clock: ClockState = {
    clock: definition.id,
    startedOn: on,
    startsOn: definition.startsOn,
    duration: definition.duration,
    status: 'running',
    suspensions: [],
    extensions: [],
    remindersSent: [],
    due: on,
  };
  clock.due = deriveDue(clock, definition).due;
  return clock;
}

/** Recomputes the cached due date after a change. */
export function withDue(clock: ClockState, definition: ClockDefinition): ClockState {
  return { ...clock, due: deriveDue(clock, definition).due };
}

/** The extension a user asks for (the payload of an `extension` input). */
export interface ExtensionRequest {
  duration: Duration;
  noticeSentOn: PlainDate;
  noticeSentTo: Extension['noticeSentTo'];
  consentRecordedOn?: PlainDate;
}

/**
 * Why an extension may not be recorded, or an empty list when it may. The rules: the clock allows
 * extensions and is running; notice was sent on or before the current due date (and not in the
 * future) to everyone the rule names; the first `maxWithoutConsent` extensions stay within `max`;
 * any further extension, or a longer one, needs recorded client consent.
 */
export function extensionProblems(
  clock: ClockState | undefined,
  definition: ClockDefinition,
  request: ExtensionRequest,
  today: PlainDate,
): Label[] {
  const rule = definition.extension;
  if (!rule)
    return [{ nl: 'Deze termijn kan niet worden verlengd.', en: 'This term cannot be extended.' }];
  if (!clock || clock.status !== 'running') {
    return [{ nl: 'De termijn loopt niet.', en: 'The term is not running.' }];
  }
  const problems: Label[] = [];
  if (rule.noticeRequired) {
    if (compareDates(request.noticeSentOn, clock.due) > 0) {
      problems.push({
        nl: `Het bericht van verlenging moet vóór het einde van de termijn (${formatDutch(clock.due)}) zijn verstuurd.`,
        en: `The notice of extension must be sent before the term ends (${formatDutch(clock.due)}).`,
      });
    }
    const missing = rule.noticeTo.filter((p) => !request.noticeSentTo.includes(p));
    if (missing.length > 0) {
      problems.push({
        nl: `Het bericht van verlenging moet ook naar: ${missing.join(', ')}.`,
        en: `The notice of extension must also go to: ${missing.join(', ')}.`,
      });
    }
  }
  if (compareDates(request.noticeSentOn, today) > 0) {
    problems.push({
      nl: 'De datum van het bericht ligt in de toekomst.',
      en: 'The notice date is in the future.',
    });
  }
  const withoutConsent = clock.extensions.filter((e) => e.consentRecordedOn === undefined).length;
  const tooLong = maxCalendarDays(request.duration) > maxCalendarDays(rule.max);
  const needsConsent = withoutConsent >= rule.maxWithoutConsent || tooLong;
  if (needsConsent) {
    if (!rule.furtherWithConsent) {
      problems.push({
        nl: `Verder verlengen dan eenmaal ${formatDuration(rule.max, 'nl')} is niet mogelijk.`,
        en: `No extension beyond once ${formatDuration(rule.max, 'en')} is possible.`,
      });
    } else if (request.consentRecordedOn === undefined) {
      problems.push({
        nl: `Een verdere of langere verlenging dan eenmaal ${formatDuration(rule.max, 'nl')} kan alleen met vastgelegde toestemming van de cliënt.`,
        en: `Extending further or longer than once ${formatDuration(rule.max, 'en')} needs the client's recorded consent.`,
      });
    } else if (compareDates(request.consentRecordedOn, today) > 0) {
      problems.push({
        nl: 'De datum van de toestemming ligt in de toekomst.',
        en: 'The consent date is in the future.',
      });
    }
  }
  return problems;
}
