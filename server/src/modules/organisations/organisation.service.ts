import type { EntityManager } from '@mikro-orm/postgresql';
import { requestAbility } from '../../core/authz/request-ability.js';
import { requireOrganisation, type RequestContext } from '../../core/context.js';
import { badInput, forbidden } from '../../core/errors.js';
import { recordAccess } from '../access-log/access-log.service.js';
import { Organisation } from './organisation.entity.js';

/**
 * Turns the handlers' intake queue on or off (director): with it on, every handler of the
 * organisation sees the cases no handler is assigned to yet. The change widens who may read
 * dossiers, so it goes in the access log.
 */
export async function setHandlerIntakeQueue(
  ctx: RequestContext,
  enabled: boolean,
): Promise<Organisation> {
  const { organisationId } = requireOrganisation(ctx);
  const { ability } = await requestAbility(ctx);
  const action = `set-handler-intake-queue:${enabled ? 'on' : 'off'}`;
  if (!ability.can('manageSettings', 'Organisation')) {
    recordAccess(ctx, { action, outcome: 'denied' });
    throw forbidden('Alleen de directie wijzigt de instellingen van de organisatie.');
  }
  const organisation = await ctx.em.findOneOrFail(Organisation, { id: organisationId });
  organisation.handlerIntakeQueue = enabled;
  recordAccess(ctx, { action, outcome: 'allowed' });
  await ctx.em.flush();
  return organisation;
}

/** Whether every handler of the organisation sees the cases nobody handles yet. */
export async function handlerIntakeQueueOf(
  em: EntityManager,
  organisationId: string,
): Promise<boolean> {
  return (await em.findOneOrFail(Organisation, { id: organisationId })).handlerIntakeQueue;
}

/** The bounds of a retention term in months (ADR 0094): one year at least, twenty at most. */
export const RETENTION_MONTHS = { min: 12, max: 240 } as const;

/**
 * Sets how many months a closed case is kept before it is anonymised (director). Checked before
 * anything is written; the change decides when dossiers go, so it goes in the access log.
 */
export async function setRetentionPeriod(
  ctx: RequestContext,
  months: number,
): Promise<Organisation> {
  const { organisationId } = requireOrganisation(ctx);
  const { ability } = await requestAbility(ctx);
  if (!ability.can('manageRetention', 'Organisation')) {
    recordAccess(ctx, { action: 'set-retention-period', outcome: 'denied' });
    throw forbidden('Alleen de directie stelt de bewaartermijn in.');
  }
  if (!Number.isInteger(months) || months < RETENTION_MONTHS.min || months > RETENTION_MONTHS.max) {
    throw badInput(
      `Een bewaartermijn is ${RETENTION_MONTHS.min} tot ${RETENTION_MONTHS.max} maanden na het sluiten van de zaak.`,
      { field: 'months' },
    );
  }
  const organisation = await ctx.em.findOneOrFail(Organisation, { id: organisationId });
  organisation.retentionMonths = months;
  recordAccess(ctx, { action: `set-retention-period:${months}`, outcome: 'allowed' });
  await ctx.em.flush();
  return organisation;
}
