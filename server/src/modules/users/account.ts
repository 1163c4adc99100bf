import type { EntityManager } from '@mikro-orm/postgresql';
import { User } from './user.entity.js';

export interface NewAccount {
  id: string;
  email: string;
  displayName: string;
  passwordHash: string;
}

/**
 * Creates a person's account as the platform operator does (the owner role: seeding, tests):
 * the user, then their password hash in `user_secrets`, which only the owner may write.
 */
export async function createAccountAsOwner(em: EntityManager, account: NewAccount): Promise<void> {
  em.create(User, {
    id: account.id,
    email: account.email,
    displayName: account.displayName,
    failedSignIns: 0,
    createdAt: new Date(),
  });
  await em.flush();
  await em.execute('insert into user_secrets (user_id, password_hash) values (?, ?)', [
    account.id,
    account.passwordHash,
  ]);
}
