import { recordRefusal } from '../access-log/access-log.service.js';

/** Why a meeting or its minutes cannot change now; nothing changed. A closed list. */
export enum MeetingRefusalCode {
  MEETING_NOT_HELD_YET = 'MEETING_NOT_HELD_YET',
  ATTENDANCE_NOT_RECORDED = 'ATTENDANCE_NOT_RECORDED',
  MINUTES_BEING_SIGNED = 'MINUTES_BEING_SIGNED',
  MINUTES_FINAL = 'MINUTES_FINAL',
  NOT_PRESENT = 'NOT_PRESENT',
  ALREADY_SIGNED = 'ALREADY_SIGNED',
}

/** The one message per code, in the language of the product; a new code cannot lack one. */
export const MEETING_REFUSALS: Record<MeetingRefusalCode, string> = {
  MEETING_NOT_HELD_YET: 'De bijeenkomst is nog niet begonnen; aanwezigheid volgt daarna.',
  ATTENDANCE_NOT_RECORDED: 'Leg eerst vast wie aanwezig waren: zij ondertekenen het verslag.',
  MINUTES_BEING_SIGNED: 'Het verslag wordt al ondertekend en kan niet meer veranderen.',
  MINUTES_FINAL: 'Het verslag is door alle aanwezigen ondertekend en definitief.',
  NOT_PRESENT: 'Alleen wie aanwezig was, ondertekent het verslag.',
  ALREADY_SIGNED: 'U heeft dit verslag al ondertekend.',
};

export interface MeetingRefused {
  kind: 'refused';
  code: MeetingRefusalCode;
}

/** A refusal to answer; what the operation recorded in the access log says `denied`. */
export function refused(code: `${MeetingRefusalCode}`): MeetingRefused {
  recordRefusal();
  return { kind: 'refused', code: code as MeetingRefusalCode };
}
