import type { RequestContext } from '../../core/context.js';
import { onHook } from '../../core/hooks.js';
import { CASE_TRANSITION, type CaseTransition } from '../cases/case-transition.js';
import { clientOf, filerOf } from '../cases/case.entity.js';
import { liveAuthorisation, putCaseGrant } from './confidant-grants.js';

/**
 * A complaint a confidant filed on the client's standing authorisation gives them a grant on the
 * new case with the authorisation's scopes, recorded on the client's behalf.
 */
async function grantTheFilingConfidant(ctx: RequestContext, transition: CaseTransition) {
  const { kase } = transition;
  if (transition.kind !== 'filed' || kase.channel !== 'confidant') return;
  const authorisation = await liveAuthorisation(
    ctx,
    kase.organisationId,
    clientOf(kase),
    filerOf(kase),
  );
  if (!authorisation) throw new Error('A confidant filed without a live authorisation.');
  await putCaseGrant(ctx, kase, filerOf(kase), authorisation.scopes, {
    authorisationId: authorisation.id,
    onBehalfOfId: clientOf(kase),
  });
}

export const CONFIDANT_HOOKS = [
  onHook(CASE_TRANSITION, 'confidants', { effect: grantTheFilingConfidant }),
];
