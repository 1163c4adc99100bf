import type { EntityManager } from '@mikro-orm/postgresql';
import { User, type UserLanguage } from './user.entity.js';

export type Language = UserLanguage;

/** The language a person chose (`setLanguage`), Dutch until they choose. */
export async function languageOf(em: EntityManager, userId: string): Promise<Language> {
  const user = await em.findOne(User, { id: userId }, { fields: ['language'] });
  return user?.language ?? 'nl';
}
