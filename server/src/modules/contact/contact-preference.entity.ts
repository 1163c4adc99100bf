import { EntitySchema } from '@mikro-orm/core';

export type ContactChannel = 'portal' | 'email';

/** How a person may be reached outside the portal in one organisation (ADR 0054). */
export class ContactPreference {
  organisationId!: string;
  userId!: string;
  channel!: ContactChannel;
  email: string | null = null;
  emailConfirmedAt: Date | null = null;
  confirmTokenHash: string | null = null;
  confirmExpiresAt: Date | null = null;
  /** Europe/Amsterdam wall-clock times, 'HH:MM'; from may be after to (over midnight). */
  quietFrom: string | null = null;
  quietTo: string | null = null;
  codeWord: string | null = null;
  updatedAt!: Date;
}

export const ContactPreferenceSchema = new EntitySchema<ContactPreference>({
  class: ContactPreference,
  tableName: 'contact_preferences',
  properties: {
    organisationId: { type: 'uuid', primary: true },
    userId: { type: 'uuid', primary: true },
    channel: { type: 'string' },
    email: { type: 'string', nullable: true },
    emailConfirmedAt: { type: 'Date', columnType: 'timestamptz', nullable: true },
    confirmTokenHash: { type: 'string', nullable: true, lazy: true },
    confirmExpiresAt: { type: 'Date', columnType: 'timestamptz', nullable: true },
    quietFrom: { type: 'string', nullable: true },
    quietTo: { type: 'string', nullable: true },
    codeWord: { type: 'string', nullable: true },
    updatedAt: { type: 'Date', columnType: 'timestamptz' },
  },
});
