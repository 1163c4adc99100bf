import { EntitySchema } from '@mikro-orm/core';

/** Lead time from receipt to closing, in the buckets the register reports. */
export type LeadTimeBucket = 'within-6-weeks' | '6-to-10-weeks' | 'longer' | 'open';

/**
 * One case as the anonymised register sees it (view `complaint_register_cases`): no people, no
 * text, only what it is counted by.
 */
export class RegisterCase {
  organisationId!: string;
  caseId!: string;
  /** The year the complaint was received. */
  year!: number;
  category!: string | null;
  leadTime!: LeadTimeBucket;
  route!: RegisterRoute;
}

/**
 * How a complaint went: inside the organisation, filed straight with an external body (a
 * commission or the FG: the filing entry enters an external track), or referred to a commission
 * later.
 */
export type RegisterRoute = 'internal' | 'external-direct' | 'external-later';

export const RegisterCaseSchema = new EntitySchema<RegisterCase>({
  class: RegisterCase,
  tableName: 'complaint_register_cases',
  readonly: true,
  properties: {
    organisationId: { type: 'uuid', primary: true },
    caseId: { type: 'uuid', primary: true },
    year: { type: 'integer' },
    category: { type: 'string', nullable: true },
    leadTime: { type: 'string' },
    route: { type: 'string' },
  },
});

/** One complaint part with its decided outcome, or `undecided` (view `complaint_register_parts`). */
export class RegisterPart {
  organisationId!: string;
  caseId!: string;
  partNumber!: number;
  year!: number;
  outcome!: string;
}

export const RegisterPartSchema = new EntitySchema<RegisterPart>({
  class: RegisterPart,
  tableName: 'complaint_register_parts',
  readonly: true,
  properties: {
    organisationId: { type: 'uuid', primary: true },
    caseId: { type: 'uuid', primary: true },
    partNumber: { type: 'integer', primary: true },
    year: { type: 'integer' },
    outcome: { type: 'string' },
  },
});
