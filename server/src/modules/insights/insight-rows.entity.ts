import { EntitySchema } from '@mikro-orm/core';
import type { CaseReadFields } from '../../core/authz/ability.js';

/**
 * Rows the management dashboard counts (views of migration 0086), each carrying the case's
 * visibility columns under the names `Case` gives them, so the viewer's CASL filter applies
 * unchanged. No people's names, no text: only what is counted.
 */
interface CaseVisibilityRow extends CaseReadFields {
  organisationId: string;
  /** The case's id, under the name `Case` gives it (column `case_id`). */
  id: string;
}

/** One case by its month of receipt (view `case_receipts`). */
export class CaseReceipt implements CaseVisibilityRow {
  organisationId!: string;
  id!: string;
  clientId!: string | null;
  handlerIds!: string[];
  subjectIds!: string[];
  confidantIds!: string[];
  commissionIds!: string[];
  receivedOn!: string;
  /** `YYYY-MM`. */
  receivedMonth!: string;
  category!: string | null;
}

/** One closed case with its lead time and decision term (view `case_closings`). */
export class CaseClosing implements CaseVisibilityRow {
  organisationId!: string;
  id!: string;
  clientId!: string | null;
  handlerIds!: string[];
  subjectIds!: string[];
  confidantIds!: string[];
  commissionIds!: string[];
  /** ISO date, compared as text (see the migration). */
  closedOn!: string;
  closedMonth!: string;
  leadDays!: number;
  /** Days from receipt to the decision clock's due date; null without a decision clock. */
  termDays!: number | null;
  withinTerm!: boolean | null;
}

/** One complaint part of a closed case with its outcome (view `case_part_closings`). */
export class CasePartClosing implements CaseVisibilityRow {
  organisationId!: string;
  id!: string;
  clientId!: string | null;
  handlerIds!: string[];
  subjectIds!: string[];
  confidantIds!: string[];
  commissionIds!: string[];
  partNumber!: number;
  closedOn!: string;
  closedMonth!: string;
  outcome!: string;
}

const uuidArray = { type: 'string[]', columnType: 'uuid[]' } as const;
const visibility = {
  organisationId: { type: 'uuid', primary: true },
  id: { type: 'uuid', primary: true, fieldName: 'case_id' },
  clientId: { type: 'uuid', nullable: true },
  handlerIds: { ...uuidArray },
  subjectIds: { ...uuidArray },
  confidantIds: { ...uuidArray },
  commissionIds: { ...uuidArray },
} as const;

export const CaseReceiptSchema = new EntitySchema<CaseReceipt>({
  class: CaseReceipt,
  tableName: 'case_receipts',
  readonly: true,
  properties: {
    ...visibility,
    receivedOn: { type: 'string', columnType: 'date' },
    receivedMonth: { type: 'string' },
    category: { type: 'string', nullable: true },
  },
});

export const CaseClosingSchema = new EntitySchema<CaseClosing>({
  class: CaseClosing,
  tableName: 'case_closings',
  readonly: true,
  properties: {
    ...visibility,
    closedOn: { type: 'string' },
    closedMonth: { type: 'string' },
    leadDays: { type: 'integer' },
    termDays: { type: 'integer', nullable: true },
    withinTerm: { type: 'boolean', nullable: true },
  },
});

export const CasePartClosingSchema = new EntitySchema<CasePartClosing>({
  class: CasePartClosing,
  tableName: 'case_part_closings',
  readonly: true,
  properties: {
    ...visibility,
    partNumber: { type: 'integer', primary: true },
    closedOn: { type: 'string' },
    closedMonth: { type: 'string' },
    outcome: { type: 'string' },
  },
});
