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
import { partyNames } from './facts.js';
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
    ...clock.extensions.filter(isEffective).map((e) => ({
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

/** An extension that moved the due date (states stored before 0.2 have no status: effective). */
export function isEffective(extension: Extension): boolean {
  return extension.status === undefined || extension.status === 'effective';
}

/**
 * A decision term that ran out with no decision yet: expired, not answered since, case open.
 * Counted as overdue on the dashboard.
 */
export function isOverdue(
  clock: ClockState,
  definition: Pick<ClockDefinition, 'purpose'> | undefined,
  closed: boolean,
): boolean {
  return (
    !closed &&
    definition?.purpose === 'decision' &&
    clock.status === 'expired' &&
    clock.answeredOn === undefined
  );
}

/** The clock's extension that still waits for its consent or notice, if any. */
export function pendingExtension(clock: ClockState): Extension | undefined {
  return clock.extensions.find((e) => e.status === 'pending');
}

/** The due date the clock would have once its pending extension takes effect. */
export function dueWithPending(
  clock: ClockState,
  definition: Pick<ClockDefinition, 'endOnWorkingDay'>,
): PlainDate | undefined {
  const pending = pendingExtension(clock);
  if (!pending) return undefined;
  const extensions = clock.extensions.map((e) =>
    e === pending ? { ...e, status: 'effective' as const } : e,
  );
  return deriveDue({ ...clock, extensions }, definition).due;
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
    pending: 'verlenging met',
    recorded: 'vastgelegd op',
    waits: 'wacht op',
    consentOf: 'toestemming van de cliënt',
    noticeTo: 'bericht aan',
    before: 'vóór',
    then: 'daarna',
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
    pending: 'extension by',
    recorded: 'recorded on',
    waits: 'waiting for',
    consentOf: "the client's consent",
    noticeTo: 'notice to',
    before: 'before',
    then: 'then',
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
  const { steps, due: derived } = deriveDue(clock, definition);
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
        const consentOn = e.consent?.on ?? e.consentRecordedOn;
        const consent = consentOn ? ` ${w.consent} ${formatDutch(consentOn)}` : '';
        const on = e.notice?.sentOn ?? e.noticeSentOn ?? e.settledOn ?? e.recordedOn;
        parts.push(
          `${w.extended} ${formatDuration(e.duration, lang)} ${w.on} ${formatDutch(on)}${consent} → ${formatDutch(step.result)}`,
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
  const pending = clock.extensions.find((e) => e.status === 'pending');
  if (pending) {
    const due = derived;
    const waits = [
      ...(pending.needsConsent && !pending.consent ? [w.consentOf] : []),
      ...((pending.noticeTo ?? []).length > 0 && !pending.notice
        ? [`${w.noticeTo} ${partyNames(pending.noticeTo ?? [], lang)}`]
        : []),
    ];
    const extensions = clock.extensions.map((e) =>
      e === pending ? { ...e, status: 'effective' as const } : e,
    );
    const then = deriveDue({ ...clock, extensions }, definition).due;
    parts.push(
      `${w.pending} ${formatDuration(pending.duration, lang)} ${w.recorded} ${formatDutch(pending.recordedOn)} ${w.waits} ${waits.join(', ')} ${w.before} ${formatDutch(due)}; ${w.then} ${formatDutch(then)}`,
    );
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

/** The extension a user asks for (the value of an `extension` input): how long, and why. */
export interface ExtensionRequest {
  duration: Duration;
  reason: string;
}

/** Whether an extension of this length, after the ones before it, needs the client's consent. */
export function extensionNeedsConsent(
  clock: ClockState,
  definition: ClockDefinition,
  duration: Duration,
): boolean {
  const rule = definition.extension;
  if (!rule) return false;
  const withoutConsent = clock.extensions.filter(
    (e) => isEffective(e) && !e.needsConsent && e.consentRecordedOn === undefined,
  ).length;
  const tooLong = maxCalendarDays(duration) > maxCalendarDays(rule.max);
  return withoutConsent >= rule.maxWithoutConsent || tooLong;
}

/**
 * Why an extension may not be recorded, or an empty list when it may. The rules: the clock allows
 * extensions, is running and has no other extension waiting; the first `maxWithoutConsent`
 * extensions stay within `max`; a further or longer one is possible only when the rule allows it
 * with the client's consent (which the extension then waits for, like its notice).
 */
export function extensionProblems(
  clock: ClockState | undefined,
  definition: ClockDefinition,
  request: ExtensionRequest,
): Label[] {
  const rule = definition.extension;
  if (!rule)
    return [{ nl: 'Deze termijn kan niet worden verlengd.', en: 'This term cannot be extended.' }];
  if (!clock || clock.status !== 'running') {
    return [{ nl: 'De termijn loopt niet.', en: 'The term is not running.' }];
  }
  if (pendingExtension(clock)) {
    return [
      {
        nl: 'Er wacht al een verlenging op toestemming of bericht; rond die eerst af.',
        en: 'An extension already waits for consent or notice; settle that one first.',
      },
    ];
  }
  if (extensionNeedsConsent(clock, definition, request.duration) && !rule.furtherWithConsent) {
    return [
      {
        nl: `Verder verlengen dan eenmaal ${formatDuration(rule.max, 'nl')} is niet mogelijk.`,
        en: `No extension beyond once ${formatDuration(rule.max, 'en')} is possible.`,
      },
    ];
  }
  return [];
}
