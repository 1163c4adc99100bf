import { EntitySchema } from '@mikro-orm/core';

/**
 * What the security log records (ADR 0068): refusals and suspicious attempts, never a password,
 * an e-mail address or any text a person wrote.
 */
export type SecurityEventKind =
  /** A dossier operation refused (an access-log line with outcome `denied`). */
  | 'access-denied'
  /** A failed sign-in (unknown address, wrong password, locked or disabled account, address limit). */
  | 'sign-in-failed'
  /** A wrong or over-the-limit second-factor code. */
  | 'mfa-refused'
  /** A GraphQL operation over the person's or organisation's cost budget. */
  | 'rate-limited'
  /** An upload clamd found infected (ADR 0066). */
  | 'malware-found';

/** One line of the security log: ids and codes only. Operators read it; members cannot. */
export class SecurityEvent {
  id!: string;
  occurredAt!: Date;
  kind!: SecurityEventKind;
  /** Why, as a code: `no-account`, `wrong-code`, `another-organisation`, a signature name… */
  reason!: string;
  /** The operation, e.g. the access log's action (`read`, `download-document`). */
  action: string | null = null;
  userId: string | null = null;
  organisationId: string | null = null;
  /** The case or document the attempt named (which may be another organisation's). */
  targetId: string | null = null;
  /** The client's IP address, as the server saw it (behind a proxy: the forwarded one). */
  clientAddress: string | null = null;
  /** The first 16 hex digits of the SHA-256 of the e-mail address tried, never the address. */
  accountDigest: string | null = null;
  requestId: string | null = null;
}

export const SecurityEventSchema = new EntitySchema<SecurityEvent>({
  class: SecurityEvent,
  tableName: 'security_events',
  properties: {
    id: { type: 'uuid', primary: true },
    occurredAt: { type: 'Date', columnType: 'timestamptz' },
    kind: { type: 'string' },
    reason: { type: 'string' },
    action: { type: 'string', nullable: true },
    userId: { type: 'uuid', nullable: true },
    organisationId: { type: 'uuid', nullable: true },
    targetId: { type: 'uuid', nullable: true },
    clientAddress: { type: 'string', nullable: true },
    accountDigest: { type: 'string', nullable: true },
    requestId: { type: 'string', nullable: true },
  },
});
