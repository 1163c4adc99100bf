import type { RequestContext } from '../../core/context.js';
import { defineRequestLoader } from '../../core/graphql/request-loader.js';
import { User } from './user.entity.js';

const displayNames = defineRequestLoader<string, string | null>(
  async (ctx, ids) => {
    const users = await ctx.em.find(User, { id: { $in: [...new Set(ids)] } });
    const byId = new Map(users.map((user) => [user.id, user.displayName]));
    return ids.map((id) => byId.get(id) ?? null);
  },
  // A name can change within a request (a profile saved, then read back): never cached.
  { cache: false },
);

/**
 * The display names of these people, for a field of a response that names them (who is
 * responsible, whom a letter is owed to): the names every case of a listed page asks for are read
 * in one query.
 */
export async function namesOf(
  ctx: RequestContext,
  ids: readonly string[],
): Promise<Map<string, string | null>> {
  const unique = [...new Set(ids)];
  const names = await Promise.all(unique.map((id) => displayNames(ctx).load(id)));
  return new Map(unique.map((id, i) => [id, names[i] ?? null]));
}
