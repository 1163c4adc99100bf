import { EntitySchema } from '@mikro-orm/core';
import type { ItemVisibility } from '../../core/authz/ability.js';
import type { AllowedMediaType } from './document-content.js';

export type DocumentKind = 'upload' | 'letter';
export type LetterKind = 'outcome' | 'extension' | 'decision';
/** Where the bytes are; only PostgreSQL for now (see DocumentStorage). */
export type StorageKind = 'postgres';
/**
 * Where a document stands with the malware scanner (ADR 0066): served when `not-scanned` (no
 * scanner configured, or a letter Klachtpad made) or `clean`; never while `pending` or once
 * `infected`.
 */
export type ScanStatus = 'not-scanned' | 'pending' | 'clean' | 'infected';

/**
 * A document of a case: an upload or a generated letter. Its metadata is a case item with the
 * usual audience columns; its bytes are reached only through a DocumentStorage.
 */
/** Whom a letter goes to, as a party of the case (the engine's names). */
export type LetterRecipient = 'client' | 'subject';

export class Document {
  organisationId!: string;
  id!: string;
  caseId!: string;
  kind!: DocumentKind;
  letterKind: LetterKind | null = null;
  /** For letters: whom it goes to — the client (and their confidants), or one subject. */
  letterTo: LetterRecipient | null = null;
  /** The subject a letter goes to, when `letterTo` is `subject`. */
  letterToId: string | null = null;
  /** For an extension letter: the extension it announces (`Extension.id`); null for older ones. */
  letterExtension: string | null = null;
  /** The original name, sanitised, with the extension of the detected type. */
  name!: string;
  /** Detected from the content, never taken from the name or the declared type. */
  mediaType!: AllowedMediaType;
  sizeBytes!: number;
  sha256!: string;
  storage!: StorageKind;
  /** The bytes when `storage` is `postgres`; lazy, so listing documents never loads them. */
  content: Buffer | null = null;
  visibility!: ItemVisibility;
  bundled = false;
  addresseeId: string | null = null;
  createdById!: string;
  /** For letters: when the draft was sent to the client (and so became shared). */
  sentAt: Date | null = null;
  scanStatus: ScanStatus = 'not-scanned';
  /** When the scanner gave its verdict (clean or infected). */
  scannedAt: Date | null = null;
  /** The scanner's name for what it found in an infected document. */
  scanSignature: string | null = null;
  /**
   * Marked by staff as the client's written consent to this extension (`Extension.id`, ADR 0099);
   * null for every other document. With it: the clock, the day the consent counts from (the day
   * the document reached the case), who marked it and when. A marking is final.
   */
  consentExtension: string | null = null;
  consentClock: string | null = null;
  consentGivenOn: string | null = null;
  consentMarkedById: string | null = null;
  consentMarkedAt: Date | null = null;
  createdAt!: Date;
}

export const DocumentSchema = new EntitySchema<Document>({
  class: Document,
  tableName: 'documents',
  properties: {
    organisationId: { type: 'uuid', primary: true },
    id: { type: 'uuid', primary: true },
    caseId: { type: 'uuid' },
    kind: { type: 'string' },
    letterKind: { type: 'string', nullable: true },
    letterTo: { type: 'string', nullable: true },
    letterToId: { type: 'uuid', nullable: true },
    letterExtension: { type: 'string', nullable: true },
    name: { type: 'string' },
    mediaType: { type: 'string' },
    sizeBytes: { type: 'integer' },
    sha256: { type: 'string' },
    storage: { type: 'string' },
    content: { type: 'blob', nullable: true, lazy: true },
    visibility: { type: 'string' },
    bundled: { type: 'boolean' },
    addresseeId: { type: 'uuid', nullable: true },
    createdById: { type: 'uuid' },
    sentAt: { type: 'Date', columnType: 'timestamptz', nullable: true },
    scanStatus: { type: 'string' },
    scannedAt: { type: 'Date', columnType: 'timestamptz', nullable: true },
    scanSignature: { type: 'string', nullable: true },
    consentExtension: { type: 'string', nullable: true },
    consentClock: { type: 'string', nullable: true },
    consentGivenOn: { type: 'string', columnType: 'date', nullable: true },
    consentMarkedById: { type: 'uuid', nullable: true },
    consentMarkedAt: { type: 'Date', columnType: 'timestamptz', nullable: true },
    createdAt: { type: 'Date', columnType: 'timestamptz' },
  },
});
