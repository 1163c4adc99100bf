import { EntitySchema } from '@mikro-orm/core';
import type { CaseState } from '@klachtpad/procedures';

export type FilingChannel = 'portal' | 'confidant' | 'in-person' | 'phone' | 'paper' | 'email';

/**
 * A complaint case. The procedure engine's state is kept whole in `state`; the columns beside it
 * are what SQL needs to find, order and authorise cases without opening that state.
 */
export class Case {
  organisationId!: string;
  id!: string;
  /** Readable and unique within the organisation, e.g. MO-2026-0007. */
  reference!: string;
  procedureVersionId!: string;
  /** Null once the case is anonymised (ADR 0094): it belongs to nobody any more. */
  clientId!: string | null;
  filedById!: string | null;
  channel!: FilingChannel;
  category: string | null = null;
  handlerIds: string[] = [];
  /**
   * Handlers taken off the case because their membership ended or they lost the role, until
   * someone is assigned again: while the case is open, it needs reassignment (ADR 0096).
   */
  releasedHandlerIds: string[] = [];
  subjectIds: string[] = [];
  confidantIds: string[] = [];
  commissionIds: string[] = [];
  stages: string[] = [];
  /**
   * The bestuur has the complaint (ADR 0098): derived from the state on every transition, and
   * kept once no director's stage is active, so a directie apart from its bestuur stays reading
   * only after the bestuur answered.
   */
  withBestuur = false;
  state!: CaseState;
  version!: number;
  receivedOn!: string;
  nextDueOn: string | null = null;
  closed = false;
  /** When retention ran out and the case was anonymised (ADR 0094). */
  anonymisedAt: Date | null = null;
  /** A director's legal hold: the case is kept whole while it is set. */
  retentionHoldReason: string | null = null;
  retentionHoldSetAt: Date | null = null;
  retentionHoldSetBy: string | null = null;
  createdAt!: Date;
  updatedAt!: Date;
}

const uuidArray = { type: 'string[]', columnType: 'uuid[]' } as const;

export const CaseSchema = new EntitySchema<Case>({
  class: Case,
  tableName: 'cases',
  properties: {
    organisationId: { type: 'uuid', primary: true },
    id: { type: 'uuid', primary: true },
    reference: { type: 'string' },
    procedureVersionId: { type: 'uuid' },
    clientId: { type: 'uuid', nullable: true },
    filedById: { type: 'uuid', nullable: true },
    channel: { type: 'string' },
    category: { type: 'string', nullable: true },
    handlerIds: { ...uuidArray },
    releasedHandlerIds: { ...uuidArray },
    subjectIds: { ...uuidArray },
    confidantIds: { ...uuidArray },
    commissionIds: { ...uuidArray },
    stages: { type: 'string[]', columnType: 'text[]' },
    withBestuur: { type: 'boolean' },
    state: { type: 'json' },
    version: { type: 'integer' },
    receivedOn: { type: 'string', columnType: 'date' },
    nextDueOn: { type: 'string', columnType: 'date', nullable: true },
    closed: { type: 'boolean' },
    anonymisedAt: { type: 'Date', columnType: 'timestamptz', nullable: true },
    retentionHoldReason: { type: 'text', nullable: true },
    retentionHoldSetAt: { type: 'Date', columnType: 'timestamptz', nullable: true },
    retentionHoldSetBy: { type: 'uuid', nullable: true },
    createdAt: { type: 'Date', columnType: 'timestamptz' },
    updatedAt: { type: 'Date', columnType: 'timestamptz' },
  },
});

/**
 * The client of a case that still has one. Only an anonymised case has none (ADR 0094), and
 * nothing that needs the client (granting a confidant, writing a letter) may reach it.
 */
export function clientOf(kase: Pick<Case, 'clientId' | 'id'>): string {
  if (kase.clientId === null) throw new Error(`Case ${kase.id} is anonymised: it has no client.`);
  return kase.clientId;
}

/** Who filed a case that is not anonymised (see `clientOf`). */
export function filerOf(kase: Pick<Case, 'filedById' | 'id'>): string {
  if (kase.filedById === null) throw new Error(`Case ${kase.id} is anonymised: nobody filed it.`);
  return kase.filedById;
}
