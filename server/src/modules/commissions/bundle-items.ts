import type { EntityClass } from '@mikro-orm/core';
import { z } from 'zod';
import type { ItemAudience } from '../../core/authz/ability.js';
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
}

function bundleItemKind<T extends BundleableItem>(definition: {
  entity: EntityClass<T>;
  key: keyof T & string;
  id: z.ZodType<string | number>;
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
  event: bundleItemKind({ entity: CaseEvent, key: 'sequence', id: sequenceItemId }),
  message: bundleItemKind({ entity: CaseMessage, key: 'id', id: uuidItemId }),
  document: bundleItemKind({ entity: Document, key: 'id', id: uuidItemId }),
} as const satisfies Record<string, BundleItemKindDefinition>;

export type BundleItemKind = keyof typeof BUNDLE_ITEM_KINDS;

export const BUNDLE_ITEM_KIND_NAMES = Object.keys(BUNDLE_ITEM_KINDS) as [
  BundleItemKind,
  ...BundleItemKind[],
];

/** The id an item is known by in the API. */
export function bundleItemId(kind: BundleItemKind, item: BundleableItem): string {
  return String((item as unknown as Record<string, unknown>)[BUNDLE_ITEM_KINDS[kind].key]);
}
