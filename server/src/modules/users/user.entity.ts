import { EntitySchema } from '@mikro-orm/core';

/** Languages Klachtpad speaks. */
export type UserLanguage = 'nl' | 'en';

/**
 * A global identity; what it may do lives in its memberships. Its secrets (password hash, TOTP
 * secret) are not here but in `user_secrets`, out of the runtime role's reach (ADR 0060).
 */
export class User {
  id!: string;
  /**
   * Always stored lower-cased. Null for a walk-in client's account until they accept their
   * invitation to the portal (ADR 0096): such an account cannot sign in.
   */
  email!: string | null;
  displayName!: string;
  mfaEnabledAt: Date | null = null;
  failedSignIns = 0;
  lockedUntil: Date | null = null;
  /**
   * Set by a platform operator (ADR 0067): the account signs in nowhere, answered exactly like a
   * wrong password, and its sessions ended when it was set.
   */
  disabledAt: Date | null = null;
  /** The language the person chose for Klachtpad; null until they choose. */
  language: UserLanguage | null = null;
  createdAt!: Date;
}

export const UserSchema = new EntitySchema<User>({
  class: User,
  tableName: 'users',
  properties: {
    id: { type: 'uuid', primary: true },
    email: { type: 'string', nullable: true },
    displayName: { type: 'string' },
    mfaEnabledAt: { type: 'Date', columnType: 'timestamptz', nullable: true },
    failedSignIns: { type: 'integer' },
    lockedUntil: { type: 'Date', columnType: 'timestamptz', nullable: true },
    disabledAt: { type: 'Date', columnType: 'timestamptz', nullable: true },
    language: { type: 'string', nullable: true },
    createdAt: { type: 'Date', columnType: 'timestamptz', onCreate: () => new Date() },
  },
});

/**
 * The address of an account that signs in. Only a walk-in client's account has none, and it
 * cannot sign in (nor be in a session, nor reset a password) until it has claimed one.
 */
export function accountAddress(user: User): string {
  if (user.email === null) throw new Error(`Account ${user.id} has no address and cannot sign in.`);
  return user.email;
}
