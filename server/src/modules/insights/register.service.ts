import type { Label } from '@klachtpad/procedures';
import { requestAbility } from '../../core/authz/request-ability.js';
import { requireOrganisation, type RequestContext } from '../../core/context.js';
import { countGroups } from '../../core/db/counting.js';
import { badInput, forbidden } from '../../core/errors.js';
import { recordAccess } from '../access-log/access-log.service.js';
import { Organisation } from '../organisations/organisation.entity.js';
import { currentProcedure } from '../procedures/procedure.service.js';
import {
  categoryCounts,
  categoryLabel,
  OUTCOME_LABELS,
  outcomeCounts,
  type OutcomeKey,
} from './groups.js';
import {
  RegisterCase,
  RegisterPart,
  type LeadTimeBucket,
  type RegisterRoute,
} from './register-entry.entity.js';
import {
  suppressSmallCount,
  suppressSmallGroups,
  type CountedGroup,
  type PublishedGroup,
} from './suppression.js';

export interface RegisterGroup extends PublishedGroup {
  label: Label;
}

export interface ComplaintsRegister {
  year: number;
  firstYear: number;
  cases: { count: number | null; suppressed: boolean };
  parts: { count: number | null; suppressed: boolean };
  byCategory: RegisterGroup[];
  byOutcome: RegisterGroup[];
  byLeadTime: RegisterGroup[];
  byRoute: RegisterGroup[];
}

const LEAD_TIME_LABELS: Record<LeadTimeBucket, Label> = {
  'within-6-weeks': { nl: 'Binnen 6 weken afgehandeld', en: 'Closed within 6 weeks' },
  '6-to-10-weeks': { nl: 'Binnen 6 tot 10 weken afgehandeld', en: 'Closed within 6 to 10 weeks' },
  longer: { nl: 'Na meer dan 10 weken afgehandeld', en: 'Closed after more than 10 weeks' },
  open: { nl: 'Nog in behandeling', en: 'Still open' },
};

const ROUTE_LABELS: Record<RegisterRoute, Label> = {
  internal: { nl: 'Binnen de organisatie behandeld', en: 'Handled within the organisation' },
  'external-direct': {
    nl: 'Rechtstreeks bij een externe instantie ingediend',
    en: 'Filed straight with an external body',
  },
  'external-later': {
    nl: 'Later naar een externe commissie verwezen',
    en: 'Referred to an external commission later',
  },
};

/**
 * The anonymised complaints register of the active organisation for one year (of receipt):
 * counts by category, by outcome per complaint part, by lead time and by route (inside; straight
 * to an external body, a commission or the FG, by the filing entry; referred to a commission
 * later), with every group under five suppressed and no count recoverable by subtraction (ADR 0017). Counted in SQL; no case
 * is loaded. For those who may read the register (manager, director).
 */
export async function complaintsRegister(
  ctx: RequestContext,
  year: number,
): Promise<ComplaintsRegister> {
  const { organisationId } = requireOrganisation(ctx);
  const { ability } = await requestAbility(ctx);
  if (!ability.can('readRegister', 'Organisation')) {
    recordAccess(ctx, { action: 'read-register', outcome: 'denied' });
    throw forbidden('Alleen leidinggevenden en directie kunnen het klachtenregister inzien.');
  }
  if (!Number.isInteger(year) || year < 2000 || year > 9999) {
    throw badInput('Kies een jaar tussen 2000 en 9999.', { field: 'year' });
  }
  const where = { organisationId, year };
  const [categories, leadTimes, routes, outcomes, procedure, firstYear] = await Promise.all([
    countGroups(ctx.em, RegisterCase, where, ['category']),
    countGroups(ctx.em, RegisterCase, where, ['leadTime']),
    countGroups(ctx.em, RegisterCase, where, ['route']),
    countGroups(ctx.em, RegisterPart, where, ['outcome']),
    currentProcedure(ctx),
    registerFirstYear(ctx, organisationId),
  ]);
  // Every read of the register is an access to aggregated dossier data: logged, without a case.
  recordAccess(ctx, { action: 'read-register', outcome: 'allowed' });

  // The groups come from the procedure and the format, never from the data (see suppression).
  const known = procedure.definition.filing.categories;
  const byCategory = labelled(categoryCounts(known, categories), categoryLabel(known));
  const byOutcome = labelled(outcomeCounts(outcomes), (key) => OUTCOME_LABELS[key as OutcomeKey]);
  const bucketKeys = Object.keys(LEAD_TIME_LABELS) as LeadTimeBucket[];
  const byLeadTime = labelled(
    bucketKeys.map((key) => ({
      key,
      count: leadTimes.find((l) => l.leadTime === key)?.count ?? 0,
    })),
    (key) => LEAD_TIME_LABELS[key as LeadTimeBucket],
  );
  const routeKeys = Object.keys(ROUTE_LABELS) as RegisterRoute[];
  const byRoute = labelled(
    routeKeys.map((key) => ({ key, count: routes.find((r) => r.route === key)?.count ?? 0 })),
    (key) => ROUTE_LABELS[key as RegisterRoute],
  );
  const totalCases = leadTimes.reduce((sum, l) => sum + l.count, 0);
  const totalParts = outcomes.reduce((sum, o) => sum + o.count, 0);
  return {
    year,
    firstYear,
    cases: suppressSmallCount(totalCases),
    parts: suppressSmallCount(totalParts),
    byCategory,
    byOutcome,
    byLeadTime,
    byRoute,
  };
}

/**
 * The first year worth choosing: the year the organisation joined, or an earlier year of receipt
 * when older complaints were brought in. Only a year, no count: the register itself already
 * shows every year from then on, with its small groups hidden.
 */
async function registerFirstYear(ctx: RequestContext, organisationId: string): Promise<number> {
  const [organisation, earliest] = await Promise.all([
    ctx.em.findOneOrFail(Organisation, { id: organisationId }, { fields: ['createdAt'] }),
    ctx.em.findOne(
      RegisterCase,
      { organisationId },
      { orderBy: { year: 'asc' }, fields: ['year'] },
    ),
  ]);
  const joined = Number(
    new Intl.DateTimeFormat('en', { timeZone: 'Europe/Amsterdam', year: 'numeric' }).format(
      organisation.createdAt,
    ),
  );
  return Math.min(joined, earliest?.year ?? joined);
}

function labelled(groups: CountedGroup[], label: (key: string) => Label): RegisterGroup[] {
  return suppressSmallGroups(groups).map((group) => ({ ...group, label: label(group.key) }));
}
