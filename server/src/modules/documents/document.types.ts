import { DateTimeScalar } from '../../core/graphql/scalars.js';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { LabelView } from '../../core/graphql/shared.types.js';
import type { Document } from './document.entity.js';

@ObjectType('Document', {
  description:
    'A document of a case: an upload or a generated letter. The bytes are at `downloadPath` (GET, same session and X-Organisation).',
})
export class DocumentView {
  @Field(() => ID)
  id!: string;

  @Field(() => String, {
    description: 'The original name, sanitised, with the detected extension.',
  })
  name!: string;

  @Field(() => String, { description: 'Detected from the content: PDF, PNG, JPEG, text or DOCX.' })
  mediaType!: string;

  @Field(() => Int, { description: 'Size in bytes.' })
  size!: number;

  @Field(() => String, { description: 'SHA-256 of the content, hex.' })
  sha256!: string;

  @Field(() => String, {
    description: '`shared` (the client side sees it), `internal` (staff only) or `subject`.',
  })
  visibility!: string;

  @Field(() => String, { description: '`upload` or `letter`.' })
  kind!: string;

  @Field(() => String, {
    nullable: true,
    description: 'For letters: `outcome`, `extension` or `decision`.',
  })
  letterKind!: string | null;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: 'For letters: when it was sent to the client; null while it is a draft.',
  })
  sentAt!: Date | null;

  @Field(() => String, {
    description:
      'The malware scan (ADR 0066): `pending` (being scanned; not downloadable yet), `clean`, `infected` (quarantined: never downloadable), or `not-scanned` (no scanner is configured, or Klachtpad made the file).',
  })
  scanStatus!: string;

  @Field(() => String, {
    nullable: true,
    description:
      "Marked by staff as the client's written consent to this extension (its id, e.g. `beslistermijn#2`); null otherwise (ADR 0099).",
  })
  consentToExtension!: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'For a consent document: the day the consent counts from, the day the document reached the case.',
  })
  consentGivenOn!: string | null;

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  @Field(() => String, { description: 'Where to GET the bytes, e.g. /documents/<id>.' })
  downloadPath!: string;
}

export function toDocumentView(document: Document): DocumentView {
  return {
    id: document.id,
    name: document.name,
    mediaType: document.mediaType,
    size: document.sizeBytes,
    sha256: document.sha256,
    visibility: document.visibility,
    kind: document.kind,
    letterKind: document.letterKind,
    sentAt: document.sentAt,
    scanStatus: document.scanStatus,
    consentToExtension: document.consentExtension,
    consentGivenOn: document.consentGivenOn,
    createdAt: document.createdAt,
    downloadPath: `/documents/${document.id}`,
  };
}

@ObjectType('DocumentUploadRules', {
  description: 'What `POST /documents` accepts, so a person is told before choosing a file.',
})
export class DocumentUploadRulesView {
  @Field(() => Int, { description: 'The largest upload in bytes.' })
  maxBytes!: number;

  @Field(() => [String], { description: 'The media types accepted, judged by content.' })
  mediaTypes!: string[];

  @Field(() => [String], { description: 'The file extensions of those types, e.g. pdf.' })
  extensions!: string[];
}

@ObjectType('AwaitedConsent', {
  description:
    "A further extension that waits for the client's consent (ADR 0099): an upload that reached the case between `since` and `until` can be marked as it (`markConsentDocument`).",
})
export class AwaitedConsentView {
  @Field(() => String)
  clock!: string;

  @Field(() => LabelView)
  clockLabel!: LabelView;

  @Field(() => String, { description: 'The extension, e.g. `beslistermijn#2`.' })
  extension!: string;

  @Field(() => String, { description: 'The day the extension was recorded (YYYY-MM-DD).' })
  since!: string;

  @Field(() => String, { description: 'The end of the term as it stands (YYYY-MM-DD).' })
  until!: string;
}
