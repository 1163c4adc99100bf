import { createHash } from 'node:crypto';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { requireOrganisation, type RequestContext } from '../../core/context.js';
import { badInput } from '../../core/errors.js';
import { IdempotencyKey } from './idempotency-key.entity.js';

/** One use of an idempotency key: which operation, and a fingerprint of its input. */
export interface IdempotentRequest {
  key: string;
  operation: string;
  hash: string;
}

export function idempotentRequest(
  operation: string,
  key: string,
  input: unknown,
): IdempotentRequest {
  const hash = createHash('sha256').update(canonicalJson({ operation, input })).digest('hex');
  return { key, operation, hash };
}

const KEY_REUSED = 'Deze idempotentiesleutel is al gebruikt voor een ander verzoek.';

/**
 * The result stored for this key by the viewer's earlier request, or `undefined` on first use.
 * The same key with another operation or input is refused: it is a client bug, and answering
 * with the other request's result would be wrong either way.
 *
 * Callers look the key up while holding the lock on what the request changes, so two concurrent
 * requests with one key are serialised and the second sees the first one's result.
 */
export async function previousResult(
  ctx: RequestContext,
  request: IdempotentRequest,
): Promise<unknown> {
  const { organisationId, viewer } = requireOrganisation(ctx);
  const stored = await ctx.em.findOne(IdempotencyKey, {
    organisationId,
    userId: viewer.userId,
    key: request.key,
  });
  if (!stored) return undefined;
  if (stored.operation !== request.operation || stored.requestHash !== request.hash) {
    throw badInput(KEY_REUSED, { field: 'idempotencyKey' });
  }
  return stored.result;
}

/** Stores the result of the first request with this key, in the request's transaction. */
export async function rememberResult(
  ctx: RequestContext,
  request: IdempotentRequest,
  result: unknown,
): Promise<void> {
  const { organisationId, viewer } = requireOrganisation(ctx);
  try {
    await ctx.em.insert(IdempotencyKey, {
      organisationId,
      userId: viewer.userId,
      key: request.key,
      operation: request.operation,
      requestHash: request.hash,
      result,
      createdAt: ctx.now,
    });
  } catch (error) {
    // Only a concurrent first use of the key for something the caller did not lock (another
    // case) gets here; the whole request rolls back.
    if (error instanceof UniqueConstraintViolationException) {
      throw badInput(KEY_REUSED, { field: 'idempotencyKey' });
    }
    throw error;
  }
}

/** JSON with object keys sorted, so `{a, b}` and `{b, a}` fingerprint alike. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(
          Object.entries(inner as Record<string, unknown>).sort(([a], [b]) =>
            a < b ? -1 : a > b ? 1 : 0,
          ),
        )
      : inner,
  );
}
