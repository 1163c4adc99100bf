import { EntitySchema } from '@mikro-orm/core';

/**
 * A director's routing rule for one stage of the procedure: to the manager of the unit of the
 * employee the complaint is about (`byUnit`), else to the default assignee (ADR 0098).
 */
export class StageRoute {
  organisationId!: string;
  /** The stage id of the procedure (the same across its versions). */
  stage!: string;
  byUnit!: boolean;
  defaultAssigneeId: string | null = null;
  updatedAt!: Date;
  updatedBy!: string;
}

export const StageRouteSchema = new EntitySchema<StageRoute>({
  class: StageRoute,
  tableName: 'stage_routes',
  properties: {
    organisationId: { type: 'uuid', primary: true },
    stage: { type: 'text', primary: true },
    byUnit: { type: 'boolean' },
    defaultAssigneeId: { type: 'uuid', nullable: true },
    updatedAt: { type: 'Date', columnType: 'timestamptz' },
    updatedBy: { type: 'uuid' },
  },
});
