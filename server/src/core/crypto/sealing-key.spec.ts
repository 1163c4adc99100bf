import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { provideSealingKey } from './sealing-key.js';

describe('the key that seals TOTP secrets', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it('is generated once into the embedded data directory, readable by its owner only', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'klachtpad-key-'));
    dirs.push(dataDir);
    const config = loadConfig({ KLACHTPAD_DATA_DIR: dataDir });
    const first = await provideSealingKey(config);
    expect(first).toHaveLength(32);
    expect(await provideSealingKey(config)).toEqual(first);
    const file = path.join(dataDir, 'mfa-encryption.key');
    expect((await stat(file)).mode & 0o077).toBe(0);
    expect(Buffer.from((await readFile(file, 'utf8')).trim(), 'base64')).toEqual(first);
  });

  it('is the configured one when set, and required beside an external database', async () => {
    const key = Buffer.alloc(32, 3);
    const configured = loadConfig({ MFA_ENCRYPTION_KEY: key.toString('base64') });
    expect(await provideSealingKey(configured)).toEqual(key);
    const external = loadConfig({
      DATABASE_URL: 'postgres://app@db/klachtpad',
      MIGRATION_DATABASE_URL: 'postgres://owner@db/klachtpad',
    });
    await expect(provideSealingKey(external)).rejects.toThrow(/MFA_ENCRYPTION_KEY is required/);
    expect(() => loadConfig({ MFA_ENCRYPTION_KEY: 'too-short' })).toThrow(/MFA_ENCRYPTION_KEY/);
  });
});
