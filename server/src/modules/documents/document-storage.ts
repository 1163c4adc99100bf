import type { RequestContext } from '../../core/context.js';
import { Document, type StorageKind } from './document.entity.js';

/**
 * Where the bytes of documents live. The document row (metadata and audience) is always in
 * PostgreSQL; only the bytes move when another storage is added (e.g. object storage keyed by
 * organisation and document id, with `storage` naming it on the row).
 */
export interface DocumentStorage {
  readonly kind: StorageKind;
  /** Stores the bytes of a new document, in the request's transaction where the storage can. */
  put(ctx: RequestContext, document: Document, content: Buffer): Promise<void>;
  /** The bytes of a stored document. */
  get(ctx: RequestContext, document: Document): Promise<Buffer>;
}

/** The default: bytes in the `documents` row itself, committed or rolled back with it. */
export const postgresStorage: DocumentStorage = {
  kind: 'postgres',
  async put(_ctx, document, content) {
    document.storage = 'postgres';
    document.content = content;
  },
  async get(ctx, document) {
    const loaded = await ctx.em.findOneOrFail(
      Document,
      { organisationId: document.organisationId, id: document.id },
      { populate: ['content'] },
    );
    if (!loaded.content) throw new Error(`Document ${document.id} has no content.`);
    return loaded.content;
  },
};

const STORAGES: Record<StorageKind, DocumentStorage> = { postgres: postgresStorage };

/** The storage new documents go to. */
export function defaultStorage(): DocumentStorage {
  return postgresStorage;
}

/** The storage that holds an existing document's bytes. */
export function storageOf(document: Document): DocumentStorage {
  return STORAGES[document.storage];
}
