import { EntitySchema } from '@mikro-orm/core';

export type AccessOutcome = 'allowed' | 'denied';

/**
 * One NEN 7513 access-log line. Append-only: inserted unsealed by the request, then sealed once
 * into the organisation's hash chain (ADR 0021), each line's hash covering the previous one's.
 */
export class AccessLogEntry {
  organisationId!: string;
  id!: string;
  occurredAt!: Date;
  caseId: string | null = null;
  clientId: string | null = null;
  userId: string | null = null;
  onBehalfOfId: string | null = null;
  /**
   * The organisation the person acted from when it is not this one: the commission
   * organisation of a commission member (ADR 0087). Null for the organisation's own people.
   */
  actorOrganisationId: string | null = null;
  role: string | null = null;
  action!: string;
  outcome!: AccessOutcome;
  /** The line's place in the organisation's chain; null until sealed. */
  chainPosition: string | null = null;
  previousHash: string | null = null;
  hash: string | null = null;
  sealedAt: Date | null = null;
}

export const AccessLogEntrySchema = new EntitySchema<AccessLogEntry>({
  class: AccessLogEntry,
  tableName: 'access_log',
  properties: {
    organisationId: { type: 'uuid', primary: true },
    id: { type: 'bigint', primary: true, autoincrement: true },
    occurredAt: { type: 'Date', columnType: 'timestamptz' },
    caseId: { type: 'uuid', nullable: true },
    clientId: { type: 'uuid', nullable: true },
    userId: { type: 'uuid', nullable: true },
    onBehalfOfId: { type: 'uuid', nullable: true },
    actorOrganisationId: { type: 'uuid', nullable: true },
    role: { type: 'string', nullable: true },
    action: { type: 'string' },
    outcome: { type: 'string' },
    chainPosition: { type: 'bigint', nullable: true },
    previousHash: { type: 'string', nullable: true },
    hash: { type: 'string', nullable: true },
    sealedAt: { type: 'Date', columnType: 'timestamptz', nullable: true },
  },
});
