import { createHash, randomBytes } from 'node:crypto';

/** A fresh bearer token: 256 random bits. Only its hash is ever stored. */
export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/** Cheap shape check before any database work. */
export function isWellFormedToken(token: string): boolean {
  return TOKEN_SHAPE.test(token);
}

/**
 * Tokens in links (an invitation, a password reset) are made, hashed and shape-checked exactly
 * as session tokens are: 256 random bits, only the SHA-256 kept.
 */
export {
  newSessionToken as newLinkToken,
  hashSessionToken as hashLinkToken,
  isWellFormedToken as isWellFormedLinkToken,
};
