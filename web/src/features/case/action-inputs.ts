import type { TFunction } from 'i18next';
import type { InputDefinition } from '../../shared/procedure/definition';

/** What a person typed or chose for one input; documents are ids. */
export type InputValue = string | string[];
export type ActionValues = Record<string, InputValue>;

/** Input kinds a client or confidant can give in the portal; the others are staff work. */
export const PORTAL_INPUT_KINDS = ['text', 'motivation', 'date', 'choice', 'documents'] as const;
type PortalKind = (typeof PORTAL_INPUT_KINDS)[number];
export type PortalInput = Extract<InputDefinition, { kind: PortalKind }>;

export function isPortalInput(input: InputDefinition): input is PortalInput {
  return (PORTAL_INPUT_KINDS as readonly string[]).includes(input.kind);
}

export function emptyValues(inputs: readonly InputDefinition[]): ActionValues {
  return Object.fromEntries(
    inputs.filter(isPortalInput).map((input) => [input.id, input.kind === 'documents' ? [] : '']),
  );
}

function isRequired(input: PortalInput): boolean {
  switch (input.kind) {
    case 'motivation':
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
): string | undefined {
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
    if (input.kind === 'documents') {
      if (Array.isArray(value) && value.length > 0) payload[input.id] = value;
    } else if (typeof value === 'string' && value.trim() !== '') {
      payload[input.id] = input.kind === 'date' ? value : value.trim();
    }
  }
  return payload;
}
