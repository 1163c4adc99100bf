import { EntitySchema } from '@mikro-orm/core';
import type { Role } from '@klachtpad/contracts';

/**
 * An invitation to take roles in an organisation, sent to an e-mail address (ADR 0090). Only the
 * SHA-256 of the link's token is kept; the mail job makes the token, so it never sits in a queue.
 */
export class Invitation {
  organisationId!: string;
  id!: string;
  /** Always lower-cased. */
  email!: string;
  /** The name to start a new account with; the invitee may change it on accepting. */
  displayName: string | null = null;
  roles!: Role[];
  /**
   * The walk-in client's account the invitation is for (ADR 0096): accepting claims it instead
   * of making a new one, so what staff filed for the client is theirs. Null for everyone else.
   */
  userId: string | null = null;
  /** Null when the platform operator invited the organisation's first director. */
  invitedBy: string | null = null;
  tokenHash: string | null = null;
  expiresAt!: Date;
  createdAt!: Date;
  acceptedAt: Date | null = null;
  acceptedBy: string | null = null;
  revokedAt: Date | null = null;
}

export const InvitationSchema = new EntitySchema<Invitation>({
  class: Invitation,
  tableName: 'invitations',
  properties: {
    organisationId: { type: 'uuid', primary: true },
    id: { type: 'uuid', primary: true },
    email: { type: 'string' },
    displayName: { type: 'string', nullable: true },
    roles: { type: 'string[]', columnType: 'text[]' },
    userId: { type: 'uuid', nullable: true },
    invitedBy: { type: 'uuid', nullable: true },
    tokenHash: { type: 'string', nullable: true, lazy: true },
    expiresAt: { type: 'Date', columnType: 'timestamptz' },
    createdAt: { type: 'Date', columnType: 'timestamptz' },
    acceptedAt: { type: 'Date', columnType: 'timestamptz', nullable: true },
    acceptedBy: { type: 'uuid', nullable: true },
    revokedAt: { type: 'Date', columnType: 'timestamptz', nullable: true },
  },
});
