import { z } from 'zod';
import { argsTypeFrom, inputTypeFrom } from '../../core/graphql/zod-input.js';
import { text, uuid } from '../../core/validation/fields.js';
import { MeetingKindValue } from './meeting.types.js';

const people = (max: number) =>
  z
    .array(uuid)
    .min(1, 'Noem minstens één persoon.')
    .max(max, `Hoogstens ${max} personen.`)
    .refine((ids) => new Set(ids).size === ids.length, 'Iemand staat er twee keer in.');

export const ScheduleMeetingSchema = z.object({
  caseId: uuid,
  kind: z.enum(['meeting', 'hearing']).meta({ graphql: { enum: MeetingKindValue } }),
  startsAt: z.date({ error: 'Geen geldig tijdstip.' }),
  location: text(200).nullish(),
  participantIds: people(30).meta({
    description:
      'People of the case: the client, confidants with a grant, assigned handlers, subjects, managers and directors.',
  }),
});
export type ScheduleMeetingData = z.infer<typeof ScheduleMeetingSchema>;
export const ScheduleMeetingInput = inputTypeFrom('ScheduleMeetingInput', ScheduleMeetingSchema);

export const RecordAttendanceSchema = z.object({
  meetingId: uuid,
  presentIds: people(30).meta({ description: 'Who was present, from the participants.' }),
});
export const RecordAttendanceInput = inputTypeFrom('RecordAttendanceInput', RecordAttendanceSchema);

export const MINUTES_MAX_LENGTH = 50_000;

export const RecordMinutesSchema = z.object({
  meetingId: uuid,
  text: text(MINUTES_MAX_LENGTH).meta({ description: 'At most 50 000 characters.' }),
});
export const RecordMinutesInput = inputTypeFrom('RecordMinutesInput', RecordMinutesSchema);

export const SignMinutesSchema = z.object({
  minutesId: uuid,
  dissent: text(5000).nullish(),
});
export const SignMinutesArgs = argsTypeFrom('SignMinutesArgs', SignMinutesSchema);
