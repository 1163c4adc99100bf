import type { Label } from '@klachtpad/procedures';
import { requestAbility } from '../../core/authz/request-ability.js';
import { requireOrganisation, type RequestContext } from '../../core/context.js';
import { badInput, forbidden } from '../../core/errors.js';
import { parseInput } from '../../core/validation/parse-input.js';
import { Organisation } from '../organisations/organisation.entity.js';
import { currentProcedure } from '../procedures/procedure.service.js';
import { CommissionLink } from './commission-link.entity.js';
import { LinkCommissionSchema } from './commissions.inputs.js';

/** A commission of the procedure and, once linked, the organisation that is that commission. */
export interface CommissionLinkRow {
  commissionId: string;
  /** The commission's name in the current procedure; null if only older versions name it. */
  label: Label | null;
  organisation: Organisation | null;
  termDays: number | null;
}

async function requireCommissionManager(ctx: RequestContext) {
  const active = requireOrganisation(ctx);
  const { ability } = await requestAbility(ctx);
  if (!ability.can('manageCommissions', 'Organisation'))
    throw forbidden('Alleen de directie koppelt commissies.');
  return active;
}

/**
 * The commissions of the current procedure, each with its link, plus links to commissions only
 * older procedure versions name (their cases can still refer). Director only.
 */
export async function commissionLinks(ctx: RequestContext): Promise<CommissionLinkRow[]> {
  const { organisationId } = await requireCommissionManager(ctx);
  const { definition } = await currentProcedure(ctx);
  const links = await ctx.em.find(
    CommissionLink,
    { organisationId },
    { orderBy: { procedureCommissionId: 'asc' } },
  );
  const organisations = links.length
    ? await ctx.em.find(Organisation, { id: { $in: links.map((l) => l.commissionOrganisationId) } })
    : [];
  const ids = [
    ...definition.commissions.map((c) => c.id),
    ...links.map((l) => l.procedureCommissionId),
  ];
  return [...new Set(ids)].map((commissionId) => {
    const link = links.find((l) => l.procedureCommissionId === commissionId);
    return {
      commissionId,
      label: definition.commissions.find((c) => c.id === commissionId)?.label ?? null,
      organisation: organisations.find((o) => o.id === link?.commissionOrganisationId) ?? null,
      termDays: link?.termDays ?? null,
    };
  });
}

/**
 * Links one of the procedure's commissions to a commission organisation, or changes the link.
 * Referrals already made keep the commission and term they were made with.
 */
export async function linkCommission(
  ctx: RequestContext,
  input: unknown,
): Promise<CommissionLinkRow> {
  const data = parseInput(LinkCommissionSchema, input);
  const { organisationId, viewer } = await requireCommissionManager(ctx);
  const { definition } = await currentProcedure(ctx);
  const commission = definition.commissions.find((c) => c.id === data.commissionId);
  if (!commission)
    throw badInput('De procedure kent deze commissie niet.', { field: 'commissionId' });
  const organisation = await ctx.em.findOne(Organisation, {
    slug: data.commissionOrganisation,
    kind: 'commission',
  });
  if (!organisation)
    throw badInput('Er is geen commissie met deze code.', { field: 'commissionOrganisation' });
  const existing = await ctx.em.findOne(CommissionLink, {
    organisationId,
    procedureCommissionId: data.commissionId,
  });
  const values = {
    commissionOrganisationId: organisation.id,
    termDays: data.termDays,
    updatedBy: viewer.userId,
    updatedAt: ctx.now,
  };
  if (existing) Object.assign(existing, values);
  else
    ctx.em.create(CommissionLink, {
      organisationId,
      procedureCommissionId: data.commissionId,
      ...values,
    });
  await ctx.em.flush();
  return {
    commissionId: data.commissionId,
    label: commission.label,
    organisation,
    termDays: data.termDays,
  };
}
