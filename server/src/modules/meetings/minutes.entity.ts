import { EntitySchema } from '@mikro-orm/core';

/** The minutes of one meeting; final once everyone present has signed. */
export class Minutes {
  organisationId!: string;
  id!: string;
  caseId!: string;
  meetingId!: string;
  text!: string;
  recordedById!: string;
  recordedAt!: Date;
  revisedAt: Date | null = null;
  finalAt: Date | null = null;
}

export const MinutesSchema = new EntitySchema<Minutes>({
  class: Minutes,
  tableName: 'case_minutes',
  properties: {
    organisationId: { type: 'uuid', primary: true },
    id: { type: 'uuid', primary: true },
    caseId: { type: 'uuid' },
    meetingId: { type: 'uuid' },
    text: { type: 'text' },
    recordedById: { type: 'uuid' },
    recordedAt: { type: 'Date', columnType: 'timestamptz' },
    revisedAt: { type: 'Date', columnType: 'timestamptz', nullable: true },
    finalAt: { type: 'Date', columnType: 'timestamptz', nullable: true },
  },
});

/** One person present signing the minutes, with their dissent if they disagree. */
export class MinutesSignature {
  organisationId!: string;
  minutesId!: string;
  signerId!: string;
  dissent: string | null = null;
  signedAt!: Date;
}

export const MinutesSignatureSchema = new EntitySchema<MinutesSignature>({
  class: MinutesSignature,
  tableName: 'case_minutes_signatures',
  properties: {
    organisationId: { type: 'uuid', primary: true },
    minutesId: { type: 'uuid', primary: true },
    signerId: { type: 'uuid', primary: true },
    dissent: { type: 'text', nullable: true },
    signedAt: { type: 'Date', columnType: 'timestamptz' },
  },
});
