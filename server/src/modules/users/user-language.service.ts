import { requireViewer, type RequestContext } from '../../core/context.js';
import { badInput } from '../../core/errors.js';
import type { Me } from '../auth/auth.types.js';
import { getMe } from '../auth/me.service.js';
import { User, type UserLanguage } from './user.entity.js';

const LANGUAGES: readonly UserLanguage[] = ['nl', 'en'];

/**
 * Remembers the language the signed-in person chose, for every device they use. Only their own
 * row: row-level security lets a user update nobody else.
 */
export async function setUserLanguage(ctx: RequestContext, language: string): Promise<Me> {
  const viewer = requireViewer(ctx);
  if (!(LANGUAGES as readonly string[]).includes(language)) {
    throw badInput('Kies Nederlands of Engels.', { field: 'language' });
  }
  const user = await ctx.em.findOneOrFail(User, { id: viewer.userId });
  user.language = language as UserLanguage;
  await ctx.em.flush();
  return getMe(ctx);
}
