import { LockMode } from '@mikro-orm/core';
import {
  asCase,
  type AbilityViewer,
  type AppAbility,
  type CaseAction,
} from '../../core/authz/ability.js';
import { requestAbility } from '../../core/authz/request-ability.js';
import { requireOrganisation, type RequestContext } from '../../core/context.js';
import { AppError, badInput, notFound } from '../../core/errors.js';
import { recordAccess } from '../access-log/access-log.service.js';
import { Case } from '../cases/case.entity.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A case the viewer may reach, with the ability and viewer it was checked against. */
export interface VisibleCase {
  kase: Case;
  ability: AppAbility;
  viewer: AbilityViewer;
}

/**
 * The one gate to a single case: loads it within the organisation and authorises the viewer
 * against the loaded row. "Not there" and "not yours" answer alike (NOT_FOUND), and every
 * attempt, allowed or not, goes in the access log.
 */
export async function loadVisibleCase(
  ctx: RequestContext,
  caseId: string,
  permission: CaseAction,
  logAction: string,
  options: {
    lock?: boolean;
    /** A further condition on the loaded case, for operations narrower than the permission. */
    also?: (kase: Case, viewer: AbilityViewer, ability: AppAbility) => boolean;
    /**
     * Whose act the operation records when it is not the viewer's own or a confidant's for the
     * client: staff marking the client's written consent log it as on the client's behalf.
     */
    onBehalfOf?: (kase: Case) => string | null;
  } = {},
): Promise<VisibleCase> {
  const { organisationId } = requireOrganisation(ctx);
  const { ability, viewer } = await requestAbility(ctx);
  const wellFormed = UUID.test(caseId);
  const kase = wellFormed
    ? await ctx.em.findOne(
        Case,
        { organisationId, id: caseId },
        options.lock ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {},
      )
    : null;
  if (
    !kase ||
    !ability.can(permission, asCase(kase)) ||
    (options.also && !options.also(kase, viewer, ability))
  ) {
    recordAccess(ctx, {
      action: logAction,
      outcome: 'denied',
      caseId: wellFormed ? caseId : null,
      clientId: kase?.clientId ?? null,
      ...actingFrom(kase, viewer),
      denial: kase
        ? 'not-permitted'
        : wellFormed && (await isCaseOfAnotherOrganisation(ctx, caseId))
          ? 'another-organisation'
          : 'not-found',
    });
    throw notFound('Zaak');
  }
  recordAccess(ctx, {
    action: logAction,
    outcome: 'allowed',
    caseId: kase.id,
    clientId: kase.clientId,
    onBehalfOfId: options.onBehalfOf?.(kase) ?? onBehalfOfClient(kase, viewer.userId),
    ...actingFrom(kase, viewer),
  });
  // Every change locks the row; an anonymised case takes none, or what was erased could come
  // back in a message, a document or an action's input (ADR 0094).
  if (options.lock && kase.anonymisedAt) {
    throw badInput('Deze zaak is geanonimiseerd: er kan niets meer aan worden toegevoegd.', {
      field: 'caseId',
    });
  }
  return { kase, ability, viewer };
}

/**
 * Whether an id that names no case here names one of another organisation: for the security log
 * only (ADR 0068), never for the answer, which is NOT_FOUND either way.
 */
async function isCaseOfAnotherOrganisation(ctx: RequestContext, caseId: string) {
  const [row] = await ctx.em.execute<{ elsewhere: boolean }[]>(
    'select app.is_case_of_another_organisation(?) as elsewhere',
    [caseId],
  );
  return row?.elsewhere === true;
}

/** A case the viewer may see, or `undefined`: the same for "not there" and "not yours". */
export async function findVisibleCase(
  ctx: RequestContext,
  caseId: string,
): Promise<VisibleCase | undefined> {
  try {
    return await loadVisibleCase(ctx, caseId, 'read', 'read');
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_FOUND') return undefined;
    throw error;
  }
}

/**
 * Runs a gate for an item of a case (a document, a meeting, a letter) and answers a refusal as
 * that item not found, so the case's existence is not given away either.
 */
export async function throughGate<T>(what: string, open: () => Promise<T>): Promise<T> {
  try {
    return await open();
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_FOUND') throw notFound(what);
    throw error;
  }
}

/**
 * The commission organisation a commission member reaches this case from: the one of theirs the
 * case is referred to. Said only when the case says it; otherwise the access log works it out.
 */
export function actingFrom(
  kase: Case | null,
  viewer: AbilityViewer,
): { actorOrganisationId?: string } {
  const referredTo = viewer.commissionIds.find((id) => kase?.commissionIds.includes(id));
  return referredTo ? { actorOrganisationId: referredTo } : {};
}

/**
 * The client a person acts for on this case: the client, when the person is there only as their
 * confidant; null when they act in their own right. Recorded in events and the access log.
 */
export function onBehalfOfClient(kase: Case, userId: string): string | null {
  return kase.clientId !== userId && kase.confidantIds.includes(userId) ? kase.clientId : null;
}
