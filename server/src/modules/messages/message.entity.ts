import { EntitySchema } from '@mikro-orm/core';
import type { ItemVisibility } from '../../core/authz/ability.js';

/** A message on a case: shared with the client side, an internal note, or to or from one subject. */
export class CaseMessage {
  organisationId!: string;
  id!: string;
  caseId!: string;
  authorId!: string;
  /** The client, when a confidant writes for them. */
  onBehalfOfId: string | null = null;
  body!: string;
  visibility!: ItemVisibility;
  bundled = false;
  addresseeId: string | null = null;
  /**
   * Documents of the same case attached to the message, each visible to all its readers, in the
   * order given. Rows of `case_message_documents` (foreign keys into the same case, ADR 0080).
   */
  documentIds: string[] = [];
  postedAt!: Date;
}

export const CaseMessageSchema = new EntitySchema<CaseMessage>({
  class: CaseMessage,
  tableName: 'case_messages',
  properties: {
    organisationId: { type: 'uuid', primary: true },
    id: { type: 'uuid', primary: true },
    caseId: { type: 'uuid' },
    authorId: { type: 'uuid' },
    onBehalfOfId: { type: 'uuid', nullable: true },
    body: { type: 'text' },
    visibility: { type: 'string' },
    bundled: { type: 'boolean' },
    addresseeId: { type: 'uuid', nullable: true },
    documentIds: { type: 'string[]', persist: false },
    postedAt: { type: 'Date', columnType: 'timestamptz' },
  },
});

/** One document a message carries: the database checks it is a document of the message's case. */
export class CaseMessageDocument {
  organisationId!: string;
  caseId!: string;
  messageId!: string;
  documentId!: string;
  position!: number;
}

export const CaseMessageDocumentSchema = new EntitySchema<CaseMessageDocument>({
  class: CaseMessageDocument,
  tableName: 'case_message_documents',
  properties: {
    organisationId: { type: 'uuid', primary: true },
    caseId: { type: 'uuid' },
    messageId: { type: 'uuid', primary: true },
    documentId: { type: 'uuid', primary: true },
    position: { type: 'smallint' },
  },
});
