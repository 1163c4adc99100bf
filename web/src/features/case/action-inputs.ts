import type { TFunction } from 'i18next';
import type { InputDefinition } from '../../shared/procedure/definition';

/** What a person typed or chose for one input; documents are ids. */
export type InputValue = string | string[];
export type ActionValues = Record<string, InputValue>;

/**
 * Input kinds the web gives a form for; the others are staff work not yet on a screen. An outcome
 * per complaint part is the advice or verdict of a commission (and a decision of staff).
 */
export const PORTAL_INPUT_KINDS = [
  'text',
  'motivation',
  'date',
  'choice',
  'documents',
  'complaint-parts',
] as const;
type PortalKind = (typeof PORTAL_INPUT_KINDS)[number];
export type PortalInput = Extract<InputDefinition, { kind: PortalKind }>;

export function isPortalInput(input: InputDefinition): input is PortalInput {
  return (PORTAL_INPUT_KINDS as readonly string[]).includes(input.kind);
}

/** A list value: documents by id, outcomes per part as `part=outcome`. */
function isListInput(input: PortalInput): boolean {
  return input.kind === 'documents' || input.kind === 'complaint-parts';
}

export function emptyValues(inputs: readonly InputDefinition[]): ActionValues {
  return Object.fromEntries(
    inputs.filter(isPortalInput).map((input) => [input.id, isListInput(input) ? [] : '']),
  );
}

/** The outcome chosen for each part, from a `complaint-parts` value (`part=outcome` entries). */
export function partOutcomes(value: InputValue | undefined): Map<string, string> {
  const entries = Array.isArray(value) ? value : [];
  return new Map(
    entries.flatMap((entry) => {
      const at = entry.indexOf('=');
      return at > 0 ? [[entry.slice(0, at), entry.slice(at + 1)] as const] : [];
    }),
  );
}

/** The value with one part's outcome set (or replaced). */
export function withPartOutcome(
  value: InputValue | undefined,
  part: string,
  outcome: string,
): string[] {
  const outcomes = partOutcomes(value);
  outcomes.set(part, outcome);
  return [...outcomes].map(([id, chosen]) => `${id}=${chosen}`);
}

function isRequired(input: PortalInput): boolean {
  switch (input.kind) {
    case 'motivation':
    case 'complaint-parts':
      return true;
    case 'documents':
      return input.min > 0;
    default:
      return input.required;
  }
}

/**
 * The problem with one value, checked as the engine will check it (so most mistakes are caught
 * before sending); undefined when fine. The engine still decides.
 */
export function inputProblem(
  input: PortalInput,
  value: InputValue | undefined,
  label: string,
  today: string,
  t: TFunction,
  parts: readonly { id: string }[] = [],
): string | undefined {
  if (input.kind === 'complaint-parts') {
    const chosen = partOutcomes(value);
    const given = parts.filter((part) => input.outcomes.some((o) => o === chosen.get(part.id)));
    // The engine wants every part judged unless the procedure allows some to be left open.
    const enough = input.allParts ? given.length === parts.length : given.length > 0;
    return enough && parts.length > 0 ? undefined : t('form.choosePerPart', { label });
  }
  if (input.kind === 'documents') {
    const ids = Array.isArray(value) ? value : [];
    if (ids.length < input.min) return t('form.documentsMin', { label, count: input.min });
    if (ids.length > input.max) return t('form.documentsMax', { label, count: input.max });
    return undefined;
  }
  const text = typeof value === 'string' ? value : '';
  if (text.trim() === '') {
    if (!isRequired(input)) return undefined;
    return input.kind === 'choice' ? t('form.choose', { label }) : t('form.required', { label });
  }
  switch (input.kind) {
    case 'text':
      return text.length > input.maxLength
        ? t('form.maxLength', { label, count: input.maxLength })
        : undefined;
    case 'motivation':
      if (text.trim().length < input.minLength)
        return t('form.minLength', { label, count: input.minLength });
      return text.length > input.maxLength
        ? t('form.maxLength', { label, count: input.maxLength })
        : undefined;
    case 'date':
      if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return t('form.date', { label });
      return input.notInFuture && text > today ? t('form.dateInFuture', { label }) : undefined;
    case 'choice':
      return input.options.some((option) => option.value === text)
        ? undefined
        : t('form.choose', { label });
  }
}

/** The payload `performAction` takes: only the inputs given, in their engine shape. */
export function actionPayload(
  inputs: readonly InputDefinition[],
  values: ActionValues,
): Record<string, unknown> {
  const payload: Record<string, unknown> = {};
  for (const input of inputs.filter(isPortalInput)) {
    const value = values[input.id];
    if (input.kind === 'complaint-parts') {
      const outcomes = [...partOutcomes(value)].map(([part, outcome]) => ({ part, outcome }));
      if (outcomes.length > 0) payload[input.id] = outcomes;
    } else if (input.kind === 'documents') {
      if (Array.isArray(value) && value.length > 0) payload[input.id] = value;
    } else if (typeof value === 'string' && value.trim() !== '') {
      payload[input.id] = input.kind === 'date' ? value : value.trim();
    }
  }
  return payload;
}
