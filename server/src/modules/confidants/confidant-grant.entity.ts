import { EntitySchema } from '@mikro-orm/core';
import type { ConfidantGrant as GrantScope } from '@klachtpad/procedures';

/** A client's grant to a confidant on one case; revoking it takes effect at once. */
export class ConfidantGrant {
  organisationId!: string;
  id!: string;
  caseId!: string;
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
    caseId: { type: 'uuid' },
    confidantId: { type: 'uuid' },
    scopes: { type: 'string[]', columnType: 'text[]' },
    grantedAt: { type: 'Date', columnType: 'timestamptz' },
    revokedAt: { type: 'Date', columnType: 'timestamptz', nullable: true },
  },
});
