import type { RequestContext } from './core/context.js';
import { HookRegistry } from './core/hooks.js';
import { CASE_HOOKS } from './modules/cases/cases.hooks.js';
import { COMMISSION_HOOKS } from './modules/commissions/commissions.hooks.js';
import { CONFIDANT_HOOKS } from './modules/confidants/confidants.hooks.js';
import { DEADLINE_HOOKS } from './modules/deadlines/deadlines.hooks.js';
import { NOTIFICATION_HOOKS } from './modules/notifications/notifications.hooks.js';
import { DOCUMENT_HOOKS } from './modules/documents/documents.hooks.js';
import { LETTER_HOOKS } from './modules/letters/letters.hooks.js';
import { MEETING_HOOKS } from './modules/meetings/meetings.hooks.js';
import { ROUTING_HOOKS } from './modules/routing/routing.hooks.js';

/**
 * Every module's reaction to another module's changes, in one list (as `schema.ts` lists every
 * resolver and `entities.ts` every entity): the request layer hands it to every request context.
 * Within a hook point, handlers run in this order.
 */
export const HOOKS = new HookRegistry<RequestContext>([
  ...CASE_HOOKS,
  // Before the modules that tell people: whoever a stage is routed to hears of it.
  ...ROUTING_HOOKS,
  ...DOCUMENT_HOOKS,
  ...COMMISSION_HOOKS,
  ...CONFIDANT_HOOKS,
  ...MEETING_HOOKS,
  ...LETTER_HOOKS,
  ...DEADLINE_HOOKS,
  ...NOTIFICATION_HOOKS,
]);
