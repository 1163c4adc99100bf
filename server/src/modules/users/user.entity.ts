import { EntitySchema } from '@mikro-orm/core';

/** Languages Klachtpad speaks. */
export type UserLanguage = 'nl' | 'en';

/** A global identity; what it may do lives in its memberships. */
export class User {
  id!: string;
  /** Always stored lower-cased. */
  email!: string;
  displayName!: string;
  passwordHash!: string;
  mfaSecret: string | null = null;
  mfaEnabledAt: Date | null = null;
  failedSignIns = 0;
  lockedUntil: Date | null = null;
  /** The language the person chose for Klachtpad; null until they choose. */
  language: UserLanguage | null = null;
  createdAt!: Date;
}

export const UserSchema = new EntitySchema<User>({
  class: User,
  tableName: 'users',
  properties: {
    id: { type: 'uuid', primary: true },
    email: { type: 'string' },
    displayName: { type: 'string' },
    passwordHash: { type: 'string', lazy: true },
    mfaSecret: { type: 'string', nullable: true, lazy: true },
    mfaEnabledAt: { type: 'Date', columnType: 'timestamptz', nullable: true },
    failedSignIns: { type: 'integer' },
    lockedUntil: { type: 'Date', columnType: 'timestamptz', nullable: true },
    language: { type: 'string', nullable: true },
    createdAt: { type: 'Date', columnType: 'timestamptz', onCreate: () => new Date() },
  },
});
