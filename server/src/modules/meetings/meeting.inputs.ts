import { MEETING_KINDS } from '@klachtpad/procedures';
import { z } from 'zod';
import { text, uuid } from '../cases/case.inputs.js';

const people = (max: number) =>
  z
    .array(uuid)
    .min(1, 'Noem minstens één persoon.')
    .max(max, `Hoogstens ${max} personen.`)
    .refine((ids) => new Set(ids).size === ids.length, 'Iemand staat er twee keer in.');

export const ScheduleMeetingSchema = z.object({
  caseId: uuid,
  kind: z.enum(MEETING_KINDS),
  startsAt: z.date({ error: 'Geen geldig tijdstip.' }),
  location: text(200).nullish(),
  participantIds: people(30),
});
export type ScheduleMeetingData = z.infer<typeof ScheduleMeetingSchema>;

export const RecordAttendanceSchema = z.object({
  meetingId: uuid,
  presentIds: people(30),
});

export const MINUTES_MAX_LENGTH = 50_000;

export const RecordMinutesSchema = z.object({
  meetingId: uuid,
  text: text(MINUTES_MAX_LENGTH),
});

export const SignMinutesSchema = z.object({
  minutesId: uuid,
  dissent: text(5000).nullish(),
});
