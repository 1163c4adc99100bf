import { EntitySchema } from '@mikro-orm/core';

/** One published, immutable version of an organisation's procedure definition. */
export class ProcedureVersion {
  organisationId!: string;
  id!: string;
  version!: number;
  definition!: unknown;
  publishedAt!: Date;
  publishedBy!: string;
}

export const ProcedureVersionSchema = new EntitySchema<ProcedureVersion>({
  class: ProcedureVersion,
  tableName: 'procedure_versions',
  properties: {
    organisationId: { type: 'uuid', primary: true },
    id: { type: 'uuid', primary: true },
    version: { type: 'integer' },
    definition: { type: 'json' },
    publishedAt: { type: 'Date', columnType: 'timestamptz', onCreate: () => new Date() },
    publishedBy: { type: 'uuid' },
  },
});
