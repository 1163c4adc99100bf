import { EntitySchema } from '@mikro-orm/core';
import type { NotificationKind, NotificationPayload } from './notification-kinds.js';

export type MailState = 'none' | 'pending' | 'sent' | 'suppressed';

/** Something a person must hear about, in one organisation: what the in-app list shows. */
export class Notification {
  organisationId!: string;
  id!: string;
  userId!: string;
  caseId: string | null = null;
  kind!: NotificationKind;
  payload!: NotificationPayload;
  /** The happening it tells of; one notification per happening and recipient. */
  sourceKey!: string;
  /** The transaction that raised it: one e-mail per recipient and batch. */
  batchId!: string;
  createdAt!: Date;
  readAt: Date | null = null;
  mailState: MailState = 'none';
  mailedAt: Date | null = null;
}

export const NotificationSchema = new EntitySchema<Notification>({
  class: Notification,
  tableName: 'notifications',
  properties: {
    organisationId: { type: 'uuid', primary: true },
    id: { type: 'uuid', primary: true },
    userId: { type: 'uuid' },
    caseId: { type: 'uuid', nullable: true },
    kind: { type: 'string' },
    payload: { type: 'json' },
    sourceKey: { type: 'string' },
    batchId: { type: 'uuid' },
    createdAt: { type: 'Date', columnType: 'timestamptz' },
    readAt: { type: 'Date', columnType: 'timestamptz', nullable: true },
    mailState: { type: 'string' },
    mailedAt: { type: 'Date', columnType: 'timestamptz', nullable: true },
  },
});
