import type { EntityClass } from '@mikro-orm/core';
import { z } from 'zod';
import type { ItemAudience } from '../../core/authz/ability.js';
import type { AppError } from '../../core/errors.js';
import { unservableInput } from '../documents/document-scan.js';
import { CaseEvent } from '../cases/case-event.entity.js';
import { Document } from '../documents/document.entity.js';
import { CaseMessage } from '../messages/message.entity.js';

/** What every item that can go into a commission's bundle has (ADR 0007's audience columns). */
export interface BundleableItem extends ItemAudience {
  organisationId: string;
  caseId: string;
}

/** How to find one kind of item of a case by the id clients know it by. */
export interface BundleItemKindDefinition {
  entity: EntityClass<BundleableItem>;
  /** The property that identifies the item within its case, as the API shows it. */
  key: string;
  /** The shape of that id, checked (and converted) before any lookup. */
  id: z.ZodType<string | number>;
  /** The column of a bundle proposal that references an item of this kind (migration 0080). */
  proposalColumn: 'eventSequence' | 'messageId' | 'documentId';
  /** Why this item may not go to a commission now, if it may not (a document being scanned). */
  refusal?: (item: BundleableItem, field: string) => AppError | undefined;
}

function bundleItemKind<T extends BundleableItem>(definition: {
  entity: EntityClass<T>;
  key: keyof T & string;
  id: z.ZodType<string | number>;
  proposalColumn: BundleItemKindDefinition['proposalColumn'];
  refusal?: (item: T, field: string) => AppError | undefined;
}): BundleItemKindDefinition {
  return definition as unknown as BundleItemKindDefinition;
}

/**
 * Ids of items that have a uuid of their own (messages, documents, minutes, letters). Lower-cased,
 * as PostgreSQL returns them, so an id in capitals names the same item.
 */
export const uuidItemId = z
  .string()
  .uuid('Geen geldig id.')
  .transform((id) => id.toLowerCase());
/** Timeline events are known by their number within the case, never by a global counter. */
const sequenceItemId = z
  .string()
  .regex(/^[1-9][0-9]{0,8}$/, 'Geen geldig volgnummer.')
  .transform(Number);

/**
 * Every kind of case item a commission's bundle can hold: the one registry. A new kind of item
 * joins the bundle with one line here.
 */
export const BUNDLE_ITEM_KINDS = {
  event: bundleItemKind({
    entity: CaseEvent,
    key: 'sequence',
    id: sequenceItemId,
    proposalColumn: 'eventSequence',
  }),
  message: bundleItemKind({
    entity: CaseMessage,
    key: 'id',
    id: uuidItemId,
    proposalColumn: 'messageId',
  }),
  document: bundleItemKind({
    entity: Document,
    key: 'id',
    id: uuidItemId,
    proposalColumn: 'documentId',
    refusal: unservableInput,
  }),
} as const satisfies Record<string, BundleItemKindDefinition>;

export type BundleItemKind = keyof typeof BUNDLE_ITEM_KINDS;

export const BUNDLE_ITEM_KIND_NAMES = Object.keys(BUNDLE_ITEM_KINDS) as [
  BundleItemKind,
  ...BundleItemKind[],
];

/** The proposal columns that reference this item: its kind's column set, the others empty. */
export function proposalReference(
  kind: BundleItemKind,
  item: BundleableItem,
): { eventSequence: number | null; messageId: string | null; documentId: string | null } {
  const key = (item as unknown as Record<string, unknown>)[BUNDLE_ITEM_KINDS[kind].key];
  return {
    eventSequence: null,
    messageId: null,
    documentId: null,
    [BUNDLE_ITEM_KINDS[kind].proposalColumn]: key,
  };
}

/** The id an item is known by in the API. */
export function bundleItemId(kind: BundleItemKind, item: BundleableItem): string {
  return String((item as unknown as Record<string, unknown>)[BUNDLE_ITEM_KINDS[kind].key]);
}
