import { EntitySchema } from '@mikro-orm/core';
import type { ItemVisibility } from '../../core/authz/ability.js';

export type MeetingKind = 'meeting' | 'hearing';

/** A meeting or hearing on a case, with who was invited and, once recorded, who was present. */
export class Meeting {
  organisationId!: string;
  id!: string;
  caseId!: string;
  kind!: MeetingKind;
  startsAt!: Date;
  location: string | null = null;
  participantIds!: string[];
  /** Null until attendance is recorded. */
  presentIds: string[] | null = null;
  attendanceRecordedAt: Date | null = null;
  scheduledById!: string;
  scheduledAt!: Date;
}

export const MeetingSchema = new EntitySchema<Meeting>({
  class: Meeting,
  tableName: 'case_meetings',
  properties: {
    organisationId: { type: 'uuid', primary: true },
    id: { type: 'uuid', primary: true },
    caseId: { type: 'uuid' },
    kind: { type: 'string' },
    startsAt: { type: 'Date', columnType: 'timestamptz' },
    location: { type: 'string', nullable: true },
    participantIds: { type: 'string[]', columnType: 'uuid[]' },
    presentIds: { type: 'string[]', columnType: 'uuid[]', nullable: true },
    attendanceRecordedAt: { type: 'Date', columnType: 'timestamptz', nullable: true },
    scheduledById: { type: 'uuid' },
    scheduledAt: { type: 'Date', columnType: 'timestamptz' },
  },
});

/**
 * One audience of a meeting (ADR 0014): the client side, each subject taking part, or staff only.
 * A meeting, its minutes and their signatures are visible to whoever may see one of its audiences.
 */
export class MeetingAudience {
  organisationId!: string;
  id!: string;
  caseId!: string;
  /** The meeting's id, read from the `meeting` relation's column. */
  meetingId!: string;
  /** Set when scheduling, so the unit of work inserts the meeting first. */
  meeting!: Meeting;
  visibility!: ItemVisibility;
  bundled = false;
  addresseeId: string | null = null;
}

export const MeetingAudienceSchema = new EntitySchema<MeetingAudience>({
  class: MeetingAudience,
  tableName: 'case_meeting_audiences',
  properties: {
    organisationId: { type: 'uuid', primary: true },
    id: { type: 'uuid', primary: true },
    caseId: { type: 'uuid' },
    meetingId: { type: 'uuid', persist: false },
    meeting: { kind: 'm:1', entity: () => Meeting, fieldNames: ['organisation_id', 'meeting_id'] },
    visibility: { type: 'string' },
    bundled: { type: 'boolean' },
    addresseeId: { type: 'uuid', nullable: true },
  },
});
