import type { RequestContext, ViewerAbility } from '../context.js';

/**
 * The request's one ability, built on first use from the viewer's roles and relationships. The
 * request layer (src/request) knows how to build it; core and the modules only ask for it.
 */
export function requestAbility(ctx: RequestContext): Promise<ViewerAbility> {
  return ctx.ability();
}
