import { EntitySchema } from '@mikro-orm/core';

/** A server-side sign-in session. Only the SHA-256 of the token is stored. */
export class Session {
  id!: string;
  userId!: string;
  tokenHash!: string;
  createdAt!: Date;
  lastSeenAt!: Date;
  /** Absolute expiry; idle expiry is derived from `lastSeenAt`. */
  expiresAt!: Date;
  /** The person had a second factor at sign-in: the session must pass it before anything else. */
  mfaRequired = false;
  mfaVerifiedAt: Date | null = null;
  revokedAt: Date | null = null;
}

export const SessionSchema = new EntitySchema<Session>({
  class: Session,
  tableName: 'sessions',
  properties: {
    id: { type: 'uuid', primary: true },
    userId: { type: 'uuid' },
    tokenHash: { type: 'string' },
    createdAt: { type: 'Date', columnType: 'timestamptz' },
    lastSeenAt: { type: 'Date', columnType: 'timestamptz' },
    expiresAt: { type: 'Date', columnType: 'timestamptz' },
    mfaRequired: { type: 'boolean' },
    mfaVerifiedAt: { type: 'Date', columnType: 'timestamptz', nullable: true },
    revokedAt: { type: 'Date', columnType: 'timestamptz', nullable: true },
  },
});
