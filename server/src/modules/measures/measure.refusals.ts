/** Why a measure cannot be completed now; nothing changed. A closed list. */
export enum MeasureRefusalCode {
  ALREADY_DONE = 'ALREADY_DONE',
}

/** The one message per code; a new code cannot lack one. */
export const MEASURE_REFUSALS: Record<MeasureRefusalCode, string> = {
  ALREADY_DONE: 'Deze maatregel is al afgerond.',
};

export interface MeasureRefused {
  kind: 'refused';
  code: MeasureRefusalCode;
}
