import { DURATION_UNITS, type Duration, type DurationUnit } from './calendar/duration.js';
import { compareDates, formatDutch, isPlainDate, type PlainDate } from './calendar/plain-date.js';
import type { ExtensionRequest } from './clock.js';
import {
  PARTICIPANTS,
  type InputDefinition,
  type Label,
  type Outcome,
  type Participant,
} from './definition.schema.js';
import type { CaseState, RefusalReason } from './state.js';

/** The validated value of each input kind. */
export interface InputValues {
  text: string;
  motivation: string;
  date: PlainDate;
  choice: string;
  'complaint-parts': { part: string; outcome: Outcome; reasoning?: string }[];
  'sign-off': { participant: Participant; name: string; signedOn: PlainDate }[];
  documents: string[];
  measures: { description: string; owner: string; due: PlainDate; parts: string[] }[];
  participants: { name: string; chair: boolean; independent: boolean }[];
  extension: ExtensionRequest;
  'member-approval': { member: string; approve: boolean; reason?: string };
}

export type InputValue = InputValues[keyof InputValues];

export interface InputCheck {
  values: Record<string, InputValue>;
  missing: RefusalReason[];
  invalid: RefusalReason[];
}

type Check<T> = { ok: true; value: T } | { ok: false; problem: Label };

const ok = <T>(value: T): Check<T> => ({ ok: true, value });
const bad = (nl: string, en: string): { ok: false; problem: Label } => ({
  ok: false,
  problem: { nl, en },
});

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isEmpty(input: InputDefinition, value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) {
    // An empty list is "not given" only where a list is optional by nature.
    return (
      value.length === 0 &&
      (input.kind === 'complaint-parts' || input.kind === 'sign-off' || input.kind === 'measures')
    );
  }
  return false;
}

function isRequired(input: InputDefinition): boolean {
  switch (input.kind) {
    case 'text':
    case 'date':
    case 'choice':
    case 'measures':
      return input.required;
    case 'motivation':
    case 'complaint-parts':
    case 'sign-off':
    case 'extension':
    case 'member-approval':
      return true;
    case 'documents':
    case 'participants':
      return input.min > 0;
  }
}

function date(value: unknown, today: PlainDate, notInFuture: boolean): Check<PlainDate> {
  if (!isPlainDate(value))
    return bad('geen geldige datum (JJJJ-MM-DD)', 'not a valid date (YYYY-MM-DD)');
  if (notInFuture && compareDates(value, today) > 0) {
    return bad(`ligt na vandaag (${formatDutch(today)})`, `is after today (${formatDutch(today)})`);
  }
  return ok(value);
}

function shortText(value: unknown, max: number): value is string {
  return typeof value === 'string' && value.trim().length > 0 && value.length <= max;
}

function checkOne(
  input: InputDefinition,
  value: unknown,
  state: CaseState,
  today: PlainDate,
): Check<InputValue> {
  switch (input.kind) {
    case 'text':
    case 'motivation':
      if (typeof value !== 'string') return bad('moet tekst zijn', 'must be text');
      if (input.kind === 'motivation' && value.trim().length < input.minLength) {
        return bad(
          `vraagt een motivering van minstens ${input.minLength} tekens`,
          `needs a motivation of at least ${input.minLength} characters`,
        );
      }
      if (value.length > input.maxLength) {
        return bad(
          `is langer dan ${input.maxLength} tekens`,
          `is longer than ${input.maxLength} characters`,
        );
      }
      return ok(value);
    case 'date': {
      const checked = date(value, today, input.notInFuture);
      if (!checked.ok || input.withinClock === undefined) return checked;
      const clock = state.clocks[input.withinClock];
      if (clock && compareDates(checked.value, clock.due) > 0) {
        return bad(
          `valt na het einde van de termijn (${formatDutch(clock.due)}); plan het eerder`,
          `falls after the end of the term (${formatDutch(clock.due)}); plan it earlier`,
        );
      }
      return checked;
    }
    case 'choice': {
      const allowed = input.options.map((o) => o.value);
      if (typeof value !== 'string' || !allowed.includes(value)) {
        return bad(
          `moet een van deze zijn: ${allowed.join(', ')}`,
          `must be one of: ${allowed.join(', ')}`,
        );
      }
      return ok(value);
    }
    case 'complaint-parts': {
      if (!Array.isArray(value))
        return bad('moet een lijst van klachtonderdelen zijn', 'must be a list of complaint parts');
      const seen = new Set<string>();
      const result: InputValues['complaint-parts'] = [];
      for (const item of value) {
        if (!isRecord(item) || typeof item.part !== 'string') {
          return bad(
            'elk onderdeel heeft een "part" en een "outcome"',
            'each entry needs a "part" and an "outcome"',
          );
        }
        if (!state.parts.some((p) => p.id === item.part)) {
          return bad(
            `onbekend klachtonderdeel "${item.part}"`,
            `unknown complaint part "${item.part}"`,
          );
        }
        if (seen.has(item.part))
          return bad(
            `onderdeel "${item.part}" staat er twee keer in`,
            `part "${item.part}" appears twice`,
          );
        seen.add(item.part);
        const outcome = item.outcome;
        if (typeof outcome !== 'string' || !(input.outcomes as string[]).includes(outcome)) {
          return bad(
            `uitkomst van "${item.part}" moet een van deze zijn: ${input.outcomes.join(', ')}`,
            `outcome of "${item.part}" must be one of: ${input.outcomes.join(', ')}`,
          );
        }
        if (item.reasoning !== undefined && typeof item.reasoning !== 'string') {
          return bad('de onderbouwing moet tekst zijn', 'the reasoning must be text');
        }
        result.push({
          part: item.part,
          outcome: outcome as Outcome,
          ...(typeof item.reasoning === 'string' ? { reasoning: item.reasoning } : {}),
        });
      }
      if (input.allParts) {
        const open = state.parts.filter((p) => !seen.has(p.id)).map((p) => p.id);
        if (open.length > 0) {
          return bad(
            `een uitkomst ontbreekt voor: ${open.join(', ')}`,
            `an outcome is missing for: ${open.join(', ')}`,
          );
        }
      }
      return ok(result);
    }
    case 'sign-off': {
      if (!Array.isArray(value))
        return bad('moet een lijst van ondertekeningen zijn', 'must be a list of signatures');
      const result: InputValues['sign-off'] = [];
      for (const item of value) {
        if (
          !isRecord(item) ||
          !(PARTICIPANTS as readonly unknown[]).includes(item.participant) ||
          !shortText(item.name, 200)
        ) {
          return bad(
            'elke ondertekening noemt een deelnemer en een naam',
            'each signature names a participant and a person',
          );
        }
        const signed = date(item.signedOn, today, true);
        if (!signed.ok)
          return bad(`ondertekend op: ${signed.problem.nl}`, `signed on: ${signed.problem.en}`);
        result.push({
          participant: item.participant as Participant,
          name: item.name,
          signedOn: signed.value,
        });
      }
      const unsigned = input.participants.filter((p) => !result.some((s) => s.participant === p));
      if (unsigned.length > 0) {
        return bad(
          `nog niet ondertekend door: ${unsigned.join(', ')}`,
          `not yet signed by: ${unsigned.join(', ')}`,
        );
      }
      return ok(result);
    }
    case 'documents': {
      if (!Array.isArray(value) || !value.every((d) => shortText(d, 200))) {
        return bad('moet een lijst van document-id’s zijn', 'must be a list of document ids');
      }
      if (value.length < input.min || value.length > input.max) {
        return bad(
          `vraagt ${input.min} tot ${input.max} documenten`,
          `needs ${input.min} to ${input.max} documents`,
        );
      }
      return ok(value as string[]);
    }
    case 'measures': {
      if (!Array.isArray(value))
        return bad('moet een lijst van maatregelen zijn', 'must be a list of measures');
      const result: InputValues['measures'] = [];
      for (const item of value) {
        if (!isRecord(item) || !shortText(item.description, 2000) || !shortText(item.owner, 200)) {
          return bad(
            'elke maatregel heeft een omschrijving, een eigenaar en een datum',
            'each measure needs a description, an owner and a due date',
          );
        }
        const due = date(item.due, today, false);
        if (!due.ok)
          return bad(
            `datum van de maatregel: ${due.problem.nl}`,
            `due date of the measure: ${due.problem.en}`,
          );
        const parts = item.parts === undefined ? [] : item.parts;
        if (!Array.isArray(parts) || !parts.every((p) => state.parts.some((q) => q.id === p))) {
          return bad(
            'een maatregel verwijst naar een onbekend klachtonderdeel',
            'a measure refers to an unknown complaint part',
          );
        }
        result.push({
          description: item.description,
          owner: item.owner,
          due: due.value,
          parts: parts as string[],
        });
      }
      return ok(result);
    }
    case 'participants': {
      if (!Array.isArray(value))
        return bad('moet een lijst van personen zijn', 'must be a list of people');
      const result: InputValues['participants'] = [];
      for (const item of value) {
        if (!isRecord(item) || !shortText(item.name, 200)) {
          return bad('elke persoon heeft een naam', 'each person needs a name');
        }
        result.push({
          name: item.name,
          chair: item.chair === true,
          independent: item.independent === true,
        });
      }
      if (result.length < input.min || result.length > input.max) {
        return bad(
          `vraagt ${input.min} tot ${input.max} personen`,
          `needs ${input.min} to ${input.max} people`,
        );
      }
      if (input.requireIndependentChair) {
        const chairs = result.filter((p) => p.chair);
        if (chairs.length !== 1 || !chairs[0]?.independent) {
          return bad(
            'vraagt precies één onafhankelijke voorzitter',
            'needs exactly one independent chair',
          );
        }
      }
      return ok(result);
    }
    case 'extension': {
      if (!isRecord(value))
        return bad('moet een verlenging beschrijven', 'must describe an extension');
      const amount = value.amount;
      const unit = value.unit;
      if (
        typeof amount !== 'number' ||
        !Number.isInteger(amount) ||
        amount <= 0 ||
        amount > 366 ||
        !(DURATION_UNITS as readonly unknown[]).includes(unit)
      ) {
        return bad('vraagt een termijn (aantal en eenheid)', 'needs a term (amount and unit)');
      }
      const reason = value.reason;
      if (typeof reason !== 'string' || reason.trim().length < input.minReasonLength) {
        return bad(
          `vraagt de reden van de verlenging (minstens ${input.minReasonLength} tekens)`,
          `needs the reason for the extension (at least ${input.minReasonLength} characters)`,
        );
      }
      if (reason.length > 5000) {
        return bad(
          'de reden is langer dan 5000 tekens',
          'the reason is longer than 5000 characters',
        );
      }
      const duration: Duration = { amount, unit: unit as DurationUnit };
      return ok({ duration, reason });
    }
    case 'member-approval': {
      if (
        !isRecord(value) ||
        typeof value.member !== 'string' ||
        typeof value.approve !== 'boolean'
      ) {
        return bad(
          'noemt een voorgesteld lid en of u het goedkeurt',
          'names a proposed member and whether you approve',
        );
      }
      const member = (state.members?.[input.commission] ?? []).find((m) => m.id === value.member);
      if (!member) {
        return bad(
          `onbekend voorgesteld lid "${value.member}"`,
          `unknown proposed member "${value.member}"`,
        );
      }
      const reason = value.reason;
      if (reason !== undefined && (typeof reason !== 'string' || reason.length > 5000)) {
        return bad(
          'de toelichting moet tekst zijn (hoogstens 5000 tekens)',
          'the explanation must be text (at most 5000 characters)',
        );
      }
      if (!value.approve && (typeof reason !== 'string' || reason.trim().length < 10)) {
        return bad(
          'een afwijzing vraagt een toelichting van minstens 10 tekens',
          'a refusal needs an explanation of at least 10 characters',
        );
      }
      return ok({
        member: member.id,
        approve: value.approve,
        ...(typeof reason === 'string' && reason.trim() !== '' ? { reason } : {}),
      });
    }
  }
}

/**
 * Checks a payload against an action's typed inputs. Keys that are no input are not looked at
 * here: `applyAction` refuses them before (a claim must not look accepted, ADR 0099).
 */
export function checkInputs(
  inputs: InputDefinition[],
  payload: Record<string, unknown>,
  state: CaseState,
  today: PlainDate,
): InputCheck {
  const result: InputCheck = { values: {}, missing: [], invalid: [] };
  for (const input of inputs) {
    const raw = payload[input.id];
    if (isEmpty(input, raw)) {
      if (isRequired(input)) {
        result.missing.push({
          input: input.id,
          message: { nl: `"${input.label.nl}" ontbreekt.`, en: `"${input.label.en}" is missing.` },
        });
      }
      continue;
    }
    const checked = checkOne(input, raw, state, today);
    if (checked.ok) result.values[input.id] = checked.value;
    else {
      result.invalid.push({
        input: input.id,
        message: {
          nl: `"${input.label.nl}" ${checked.problem.nl}.`,
          en: `"${input.label.en}" ${checked.problem.en}.`,
        },
      });
    }
  }
  return result;
}
