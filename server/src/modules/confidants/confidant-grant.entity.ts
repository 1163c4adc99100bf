import { EntitySchema } from '@mikro-orm/core';
import type { ConfidantGrant as GrantScope } from '@klachtpad/procedures';
import { Case } from '../cases/case.entity.js';

/**
 * A client's grant to a confidant. With a case it is a **case grant**: what the confidant may do
 * on that case, revocable with immediate effect. Without a case it is a **standing
 * authorisation**: the confidant may file new complaints on the client's behalf (ADR 0008).
 * Rows are never deleted: changing or revoking one sets `revokedAt`, so the history stays.
 */
export class ConfidantGrant {
  organisationId!: string;
  id!: string;
  /** The case the grant is for; null for a standing authorisation. */
  caseId: string | null = null;
  /** The case, for a case grant: set when granting, so the unit of work inserts the case first. */
  case: Case | null = null;
  /** The client who granted it. */
  clientId!: string;
  confidantId!: string;
  scopes!: GrantScope[];
  grantedAt!: Date;
  revokedAt: Date | null = null;
}

export const ConfidantGrantSchema = new EntitySchema<ConfidantGrant>({
  class: ConfidantGrant,
  tableName: 'confidant_grants',
  properties: {
    organisationId: { type: 'uuid', primary: true },
    id: { type: 'uuid', primary: true },
    caseId: { type: 'uuid', nullable: true, persist: false },
    case: {
      kind: 'm:1',
      entity: () => Case,
      fieldNames: ['organisation_id', 'case_id'],
      nullable: true,
    },
    clientId: { type: 'uuid' },
    confidantId: { type: 'uuid' },
    scopes: { type: 'string[]', columnType: 'text[]' },
    grantedAt: { type: 'Date', columnType: 'timestamptz' },
    revokedAt: { type: 'Date', columnType: 'timestamptz', nullable: true },
  },
});
