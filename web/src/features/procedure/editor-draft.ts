import type { Finding } from '@klachtpad/procedures/authoring';

/** The draft as the director edits it: the definition's JSON, not yet validated. */
export type Draft = Record<string, unknown>;

type Key = string | number;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function child(value: unknown, key: Key): unknown {
  if (typeof key === 'number') return Array.isArray(value) ? value[key] : undefined;
  return isRecord(value) ? value[key] : undefined;
}

/** The value at `keys`, or undefined where the draft has nothing there. */
export function valueAt(draft: unknown, keys: readonly Key[]): unknown {
  return keys.reduce<unknown>((value, key) => child(value, key), draft);
}

/**
 * A copy of the draft with `value` at `keys`; the objects on the way are copied, the rest is
 * shared. Only paths the form shows are set, so every step exists.
 */
export function setAt(draft: Draft, keys: readonly Key[], value: unknown): Draft {
  const put = (node: unknown, depth: number): unknown => {
    if (depth === keys.length) return value;
    const key = keys[depth]!;
    if (typeof key === 'number') {
      const list = Array.isArray(node) ? [...(node as unknown[])] : [];
      list[key] = put(list[key], depth + 1);
      return list;
    }
    const record = isRecord(node) ? { ...node } : {};
    record[key] = put(record[key], depth + 1);
    return record;
  };
  return put(draft, 0) as Draft;
}

/** `clocks[0].duration` as the validator writes paths (`formatPath` in the engine). */
export function pathOf(keys: readonly Key[]): string {
  let out = '';
  for (const key of keys) out += typeof key === 'number' ? `[${key}]` : out ? `.${key}` : key;
  return out;
}

/** A place in the form where findings are shown: the fields under `path` and an anchor. */
export interface Place {
  path: string;
  /** The id of the control findings there send focus to. */
  fieldId: string;
}

function within(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(`${prefix}.`) || path.startsWith(`${prefix}[`);
}

/** The most specific place whose path holds `path`, if the form shows it anywhere. */
export function placeOf(path: string, places: readonly Place[]): Place | undefined {
  let best: Place | undefined;
  for (const place of places) {
    if (within(path, place.path) && place.path.length > (best?.path.length ?? -1)) best = place;
  }
  return best;
}

/**
 * Findings sorted to the place they concern (`placeOf`); the rest (no field of the form shows
 * them) under `elsewhere`, shown by the JSON.
 */
export function placeFindings(
  findings: readonly Finding[],
  places: readonly Place[],
): { at: Map<string, Finding[]>; elsewhere: Finding[] } {
  const at = new Map<string, Finding[]>();
  const elsewhere: Finding[] = [];
  for (const finding of findings) {
    const place = placeOf(finding.path, places);
    if (place) at.set(place.path, [...(at.get(place.path) ?? []), finding]);
    else elsewhere.push(finding);
  }
  return { at, elsewhere };
}

/** One term of the procedure as the form shows it. */
export interface TermFields {
  index: number;
  label: { nl: string; en: string } | undefined;
  id: string;
  /** The extension rule's longest extension, when the clock may be extended. */
  extendable: boolean;
}

/** One stage as the form shows it. */
export interface StageFields {
  track: number;
  stage: number;
  id: string;
  trackLabel: { nl: string; en: string } | undefined;
}

function label(value: unknown): { nl: string; en: string } | undefined {
  return isRecord(value) && typeof value.nl === 'string' && typeof value.en === 'string'
    ? { nl: value.nl, en: value.en }
    : undefined;
}

/** The terms (clocks) of the draft, in order. */
export function termsOf(draft: Draft): TermFields[] {
  const clocks = Array.isArray(draft.clocks) ? (draft.clocks as unknown[]) : [];
  return clocks.flatMap((clock, index) =>
    isRecord(clock)
      ? [
          {
            index,
            label: label(clock.label),
            id: typeof clock.id === 'string' ? clock.id : String(index),
            extendable: isRecord(clock.extension),
          },
        ]
      : [],
  );
}

/** The stages of every track of the draft, in order. */
export function stagesOf(draft: Draft): StageFields[] {
  const tracks = Array.isArray(draft.tracks) ? (draft.tracks as unknown[]) : [];
  return tracks.flatMap((track, t) => {
    if (!isRecord(track) || !Array.isArray(track.stages)) return [];
    return (track.stages as unknown[]).flatMap((stage, s) =>
      isRecord(stage)
        ? [
            {
              track: t,
              stage: s,
              id: typeof stage.id === 'string' ? stage.id : String(s),
              trackLabel: label(track.label),
            },
          ]
        : [],
    );
  });
}

/** Ids for the controls of the form, from the path they edit (safe as an HTML id). */
export function fieldIdOf(keys: readonly Key[]): string {
  return `field-${keys.join('-')}`;
}

/** An amount as typed: a whole number stays a number, anything else stays as typed for the validator to point at. */
export function amountFromInput(text: string): number | string {
  return /^\d+$/.test(text.trim()) ? Number(text.trim()) : text;
}
