/**
 * Imported first by the processes a deployment starts (`main.ts`, `worker.ts`). Klachtpad's own
 * hardening follows `KLACHTPAD_MODE` (production unless told otherwise), but its libraries read
 * `NODE_ENV` once, when they load: graphql-js, left in its development mode, checks every
 * failed `instanceof` of schema types for a second copy of itself (many times per field of every
 * response), and Express keeps development's error pages. An explicit `NODE_ENV` is left alone.
 */
if (process.env.KLACHTPAD_MODE !== 'development') process.env.NODE_ENV ??= 'production';
