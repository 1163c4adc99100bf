import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

describe('configuration', () => {
  it('takes an empty DATABASE_URL as unset: the embedded PostgreSQL, as with nothing set', () => {
    const config = loadConfig({ DATABASE_URL: '', MIGRATION_DATABASE_URL: '' });
    expect(config.database).toBeUndefined();
    expect(loadConfig({ DATABASE_URL: '  ' }).database).toBeUndefined();
  });

  it('answers an empty DATABASE_URL beside a set MIGRATION_DATABASE_URL with the message for a missing one', () => {
    const owner = 'postgres://owner:secret@db.example:5432/klachtpad';
    let message = '';
    try {
      loadConfig({ DATABASE_URL: '', MIGRATION_DATABASE_URL: owner });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^Invalid configuration: set both DATABASE_URL/);
    expect(message).not.toMatch(/Invalid URL/);
  });

  it('gives every empty variable its default', () => {
    const config = loadConfig({ PORT: '', LOG_LEVEL: '', DB_LOCK_TIMEOUT_MS: '' });
    expect(config.port).toBe(4000);
    expect(config.logLevel).toBe('info');
    expect(config.dbTimeouts.lockMs).toBe(3000);
  });
});
