import { EntitySchema } from '@mikro-orm/core';
import type { CaseReadFields } from '../../core/authz/ability.js';

/**
 * One active stage of one case (view `case_stage_entries`), carrying the case's visibility
 * columns under the same names as `Case`, so the viewer's CASL filter applies unchanged.
 */
export class CaseStageEntry implements CaseReadFields {
  organisationId!: string;
  /** The case's id, under the name `Case` gives it (column `case_id`). */
  id!: string;
  procedureVersionId!: string;
  /** `track:stage`, as in `cases.stages`. */
  stage!: string;
  closed!: boolean;
  clientId!: string;
  handlerIds!: string[];
  subjectIds!: string[];
  confidantIds!: string[];
  commissionIds!: string[];
}

const uuidArray = { type: 'string[]', columnType: 'uuid[]' } as const;

export const CaseStageEntrySchema = new EntitySchema<CaseStageEntry>({
  class: CaseStageEntry,
  tableName: 'case_stage_entries',
  readonly: true,
  properties: {
    organisationId: { type: 'uuid', primary: true },
    id: { type: 'uuid', primary: true, fieldName: 'case_id' },
    procedureVersionId: { type: 'uuid' },
    stage: { type: 'string', primary: true },
    closed: { type: 'boolean' },
    clientId: { type: 'uuid' },
    handlerIds: { ...uuidArray },
    subjectIds: { ...uuidArray },
    confidantIds: { ...uuidArray },
    commissionIds: { ...uuidArray },
  },
});
