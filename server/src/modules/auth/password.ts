import { hash, verify } from '@node-rs/argon2';

// OWASP's Argon2id baseline (19 MiB, 2 passes, 1 lane): strong, and fast enough per sign-in.
// `algorithm: 2` is Argon2id (the library exports it as a const enum, which isolated modules cannot read).
const ARGON2ID = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export const MAX_PASSWORD_LENGTH = 1024;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2ID);
}

export function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  return verify(passwordHash, password).catch(() => false);
}

let dummyHash: Promise<string> | undefined;

/**
 * Verifies a password against the account's hash or, where there is no account, against a
 * dummy one, answering false: an unknown address costs the same Argon2id work as a wrong
 * password, so timing does not tell them apart.
 */
export async function verifyPasswordOrDummy(
  passwordHash: string | undefined,
  password: string,
): Promise<boolean> {
  if (passwordHash) return verifyPassword(passwordHash, password);
  dummyHash ??= hashPassword('klachtpad-no-such-account');
  await verifyPassword(await dummyHash, password);
  return false;
}
