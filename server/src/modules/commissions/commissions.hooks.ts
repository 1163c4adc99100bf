import type { RequestContext } from '../../core/context.js';
import { onHook } from '../../core/hooks.js';
import { CASE_CATCH_UP, CASE_TRANSITION } from '../cases/case-transition.js';
import {
  expireCaseReferrals,
  recordReferralEvents,
  refuseUnlinkedReferral,
} from './referral-lifecycle.js';

/** How referrals follow the case: refuse unlinked commissions, keep rows with the engine, expire. */
export const COMMISSION_HOOKS = [
  onHook(CASE_TRANSITION, 'commissions', {
    veto: refuseUnlinkedReferral,
    effect: recordReferralEvents,
  }),
  onHook(CASE_CATCH_UP, 'commissions', {
    effect: async (ctx: RequestContext, { kase, definition }) => {
      await expireCaseReferrals(ctx, kase, definition);
    },
  }),
];
