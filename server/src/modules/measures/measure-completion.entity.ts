import { EntitySchema } from '@mikro-orm/core';
import type { ItemVisibility } from '../../core/authz/ability.js';

/** That a measure the procedure recorded was carried out, when, and the proof of it. */
export class MeasureCompletion {
  organisationId!: string;
  caseId!: string;
  /** The engine's id of the measure within the case state. */
  measureId!: string;
  proof!: string;
  completedById!: string;
  completedOn!: string;
  completedAt!: Date;
  visibility!: ItemVisibility;
  bundled = false;
  addresseeId: string | null = null;
}

export const MeasureCompletionSchema = new EntitySchema<MeasureCompletion>({
  class: MeasureCompletion,
  tableName: 'case_measure_completions',
  properties: {
    organisationId: { type: 'uuid', primary: true },
    caseId: { type: 'uuid', primary: true },
    measureId: { type: 'string', primary: true },
    proof: { type: 'text' },
    completedById: { type: 'uuid' },
    completedOn: { type: 'string', columnType: 'date' },
    completedAt: { type: 'Date', columnType: 'timestamptz' },
    visibility: { type: 'string' },
    bundled: { type: 'boolean' },
    addresseeId: { type: 'uuid', nullable: true },
  },
});
