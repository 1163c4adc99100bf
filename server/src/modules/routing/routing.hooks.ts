import { onHook } from '../../core/hooks.js';
import { CASE_TRANSITION } from '../cases/case-transition.js';
import { routeTransition } from './case-routing.js';

/** Every stage a case enters gets its responsible person by the organisation's rules. */
export const ROUTING_HOOKS = [onHook(CASE_TRANSITION, 'routing', { effect: routeTransition })];
