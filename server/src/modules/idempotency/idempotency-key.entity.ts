import { EntitySchema } from '@mikro-orm/core';

/**
 * A key a client sent with a mutation, kept with a hash of that request and the result it got:
 * a retry with the same key is answered from here and never applied twice.
 */
export class IdempotencyKey {
  organisationId!: string;
  userId!: string;
  key!: string;
  operation!: string;
  requestHash!: string;
  result!: unknown;
  createdAt!: Date;
}

export const IdempotencyKeySchema = new EntitySchema<IdempotencyKey>({
  class: IdempotencyKey,
  tableName: 'idempotency_keys',
  properties: {
    organisationId: { type: 'uuid', primary: true },
    userId: { type: 'uuid', primary: true },
    key: { type: 'string', primary: true },
    operation: { type: 'string' },
    requestHash: { type: 'string' },
    result: { type: 'json' },
    createdAt: { type: 'Date', columnType: 'timestamptz' },
  },
});
