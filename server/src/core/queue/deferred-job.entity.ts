import { EntitySchema } from '@mikro-orm/core';

/**
 * Work of one organisation that must run at a later moment, by our clock (ADR 0050): a case's
 * next clock event, an e-mail held back for a client's quiet hours. One row per key; the
 * scheduler moves due rows into the queue.
 */
export class DeferredJob {
  organisationId!: string;
  key!: string;
  task!: string;
  payload!: Record<string, unknown>;
  runAt!: Date;
  maxAttempts: number | null = null;
  createdAt!: Date;
}

export const DeferredJobSchema = new EntitySchema<DeferredJob>({
  class: DeferredJob,
  tableName: 'deferred_jobs',
  properties: {
    organisationId: { type: 'uuid', primary: true },
    key: { type: 'string', primary: true },
    task: { type: 'string' },
    payload: { type: 'json' },
    runAt: { type: 'Date', columnType: 'timestamptz' },
    maxAttempts: { type: 'integer', nullable: true },
    createdAt: { type: 'Date', columnType: 'timestamptz' },
  },
});
