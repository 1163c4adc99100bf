import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/**
 * The id a registered operation is sent by: the SHA-256 of the document's text as urql prints it,
 * in hex (the `persistedQuery.sha256Hash` of automatic persisted queries). Computed in plain
 * JavaScript, not with Web Crypto: `crypto.subtle` exists only in secure contexts, and the client
 * must work over plain HTTP on any host name too (ADR 0063).
 */
export function documentId(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text)));
}
