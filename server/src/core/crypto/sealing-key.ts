import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../config.js';
import { newSealingKey, parseSealingKey } from './sealed-secret.js';

/**
 * The key that seals TOTP secrets: `MFA_ENCRYPTION_KEY` when configured (a deployment must set
 * it, beside the database it protects but never in it); with the embedded PostgreSQL and no key
 * configured, one generated once into the data directory (`mfa-encryption.key`, mode 0600).
 */
export async function provideSealingKey(config: Config): Promise<Buffer> {
  if (config.mfaKey) return config.mfaKey;
  if (config.database) {
    throw new Error(
      'Invalid configuration: MFA_ENCRYPTION_KEY is required with DATABASE_URL (base64 of 32 random bytes, e.g. `openssl rand -base64 32`); it seals two-step verification secrets and must not be stored in the database.',
    );
  }
  const file = path.join(config.dataDir, 'mfa-encryption.key');
  if (!existsSync(file)) {
    await fs.mkdir(config.dataDir, { recursive: true, mode: 0o700 });
    // `wx`: two processes starting at once cannot both write a key; the loser reads the winner's.
    await fs
      .writeFile(file, `${newSealingKey()}\n`, { mode: 0o600, flag: 'wx' })
      .catch(() => undefined);
  }
  const key = parseSealingKey(await fs.readFile(file, 'utf8'));
  if (!key) throw new Error(`${file} does not hold a 32-byte base64 key.`);
  return key;
}
