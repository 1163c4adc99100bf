import DataLoader from 'dataloader';
import type { RequestContext } from '../context.js';

/**
 * Declares a batch loader that lives exactly as long as one request: every `load` made while a
 * GraphQL response is being resolved (20 cases asking for their procedure version, their
 * timeline, ...) is gathered into one query. Per request, never shared, so a cached row can
 * never cross from one viewer or transaction to another.
 */
export function defineRequestLoader<K, V, C = K>(
  batch: (ctx: RequestContext, keys: readonly K[]) => Promise<readonly (V | Error)[]>,
  options: DataLoader.Options<K, V, C> = {},
): (ctx: RequestContext) => DataLoader<K, V, C> {
  const perRequest = new WeakMap<RequestContext, DataLoader<K, V, C>>();
  return (ctx) => {
    let loader = perRequest.get(ctx);
    if (!loader) {
      loader = new DataLoader<K, V, C>((keys) => batch(ctx, keys), options);
      perRequest.set(ctx, loader);
    }
    return loader;
  };
}
