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

  it('reads CLAMD_URL as a TCP address or a local socket, refuses anything else, and scans nothing without it', () => {
    const scanner = (value: string) => loadConfig({ CLAMD_URL: value }).documents.scanner?.address;
    expect(scanner('tcp://127.0.0.1:3310')).toEqual({ host: '127.0.0.1', port: 3310 });
    expect(scanner('tcp://[::1]:3310')).toEqual({ host: '::1', port: 3310 });
    expect(scanner('unix:///run/clamav/clamd.ctl')).toEqual({ path: '/run/clamav/clamd.ctl' });
    expect(scanner('/run/clamav/clamd.ctl')).toEqual({ path: '/run/clamav/clamd.ctl' });
    for (const bad of ['clamd:3310', 'tcp://127.0.0.1', 'http://127.0.0.1:3310', 'run/clamd.ctl'])
      expect(() => loadConfig({ CLAMD_URL: bad }), bad).toThrow(/CLAMD_URL: must be tcp:\/\//);
    expect(loadConfig({ CLAMD_URL: '' }).documents.scanner).toBeUndefined();
    expect(loadConfig({}).documents.scanner).toBeUndefined();
  });

  it('requires registered documents from browser sessions in production unless told otherwise', () => {
    expect(loadConfig({}).trustedDocuments).toBe('require');
    expect(loadConfig({ KLACHTPAD_MODE: 'development' }).trustedDocuments).toBe('allow');
    expect(loadConfig({ TRUSTED_DOCUMENTS: 'allow' }).trustedDocuments).toBe('allow');
    expect(() => loadConfig({ TRUSTED_DOCUMENTS: 'off' })).toThrow(/TRUSTED_DOCUMENTS/);
  });
});
