import { fileURLToPath } from 'node:url';

/** The monorepo root, wherever the tests are started from. */
export const REPOSITORY_ROOT = fileURLToPath(new URL('../../', import.meta.url));
