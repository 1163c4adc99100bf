import { EntitySchema } from '@mikro-orm/core';

/** A password reset asked for by e-mail; only the SHA-256 of the link's token is kept. */
export class PasswordReset {
  id!: string;
  userId!: string;
  tokenHash: string | null = null;
  requestedAt!: Date;
  /** Set when the link is made and mailed: the link works until then. */
  expiresAt: Date | null = null;
  usedAt: Date | null = null;
}

export const PasswordResetSchema = new EntitySchema<PasswordReset>({
  class: PasswordReset,
  tableName: 'password_resets',
  properties: {
    id: { type: 'uuid', primary: true },
    userId: { type: 'uuid' },
    tokenHash: { type: 'string', nullable: true, lazy: true },
    requestedAt: { type: 'Date', columnType: 'timestamptz' },
    expiresAt: { type: 'Date', columnType: 'timestamptz', nullable: true },
    usedAt: { type: 'Date', columnType: 'timestamptz', nullable: true },
  },
});
