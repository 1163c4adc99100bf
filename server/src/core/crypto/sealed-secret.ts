import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Secrets the server must read back (a TOTP secret) are kept sealed with AES-256-GCM under a key
 * that never enters the database (ADR 0060): a copy of the database, or SQL access to it, does
 * not give them away. `context` (e.g. the owner's id) is bound in as associated data, so a sealed
 * value copied to another row does not open there.
 */
const FORMAT = 'v1';
export const SEALING_KEY_BYTES = 32;

export function sealSecret(key: Buffer, plaintext: string, context: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const sealed = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [FORMAT, iv, sealed, cipher.getAuthTag()]
    .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
    .join('.');
}

/** Whether a stored value is sealed (values from before sealing are plain and get sealed on use). */
export function isSealed(value: string): boolean {
  return value.startsWith(`${FORMAT}.`);
}

/** Opens a sealed value; throws when the key, the context or the value is not the one sealed. */
export function openSecret(key: Buffer, value: string, context: string): string {
  const [format, iv, sealed, tag] = value.split('.');
  if (format !== FORMAT || !iv || !sealed || !tag) throw new Error('Not a sealed secret.');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(context, 'utf8'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([
    decipher.update(Buffer.from(sealed, 'base64url')),
    decipher.final(),
  ]).toString('utf8');
}

/** Reads a key given as base64 (or base64url) of 32 random bytes; undefined when it is not one. */
export function parseSealingKey(text: string): Buffer | undefined {
  const key = Buffer.from(text.trim(), 'base64');
  return key.length === SEALING_KEY_BYTES ? key : undefined;
}

export function newSealingKey(): string {
  return randomBytes(SEALING_KEY_BYTES).toString('base64');
}
