import type { EntityManager } from '@mikro-orm/postgresql';

export type Language = 'nl' | 'en';

/**
 * The language a person chose, Dutch until they choose. Read through the row as JSON so this
 * works both before and after the column `users.language` exists (the portal adds it).
 */
export async function languageOf(em: EntityManager, userId: string): Promise<Language> {
  const rows = await em.execute<{ language: string | null }[]>(
    `select to_jsonb(u) ->> 'language' as language from users u where u.id = ?`,
    [userId],
  );
  return rows[0]?.language === 'en' ? 'en' : 'nl';
}
