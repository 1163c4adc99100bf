import type { MigrationObject } from '@mikro-orm/core';
import { Migration0001Foundation } from '../../migrations/0001-foundation.migration.js';
import { Migration0002Cases } from '../../migrations/0002-cases.migration.js';
import { Migration0007IdempotencyKeys } from '../../migrations/0007-idempotency-keys.migration.js';

/**
 * Every migration, in order. Listed explicitly rather than discovered from the file system, so
 * the same list runs from TypeScript sources (tests, dev) and compiled output (start).
 */
export const MIGRATIONS: MigrationObject[] = [
  { name: '0001-foundation', class: Migration0001Foundation },
  { name: '0002-cases', class: Migration0002Cases },
  { name: '0007-idempotency-keys', class: Migration0007IdempotencyKeys },
];
