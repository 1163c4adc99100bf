import { z } from 'zod';
import { unauthenticated } from '../../core/errors.js';
import { parseInput } from '../../core/validation/parse-input.js';
import type { OperatorContext } from '../operators/operator.service.js';

const KINDS = [
  'access-denied',
  'sign-in-failed',
  'mfa-refused',
  'rate-limited',
  'malware-found',
] as const;

export const SecurityLogQuerySchema = z.object({
  /** From when (ISO 8601); the last 24 hours by default. */
  since: z.iso.datetime({ offset: true }).optional(),
  kind: z.enum(KINDS).optional(),
  /** One organisation's lines only: the newest 1,000 of the platform may all be another's. */
  organisation: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

export interface SecurityLogLine {
  id: string;
  occurredAt: Date;
  kind: string;
  reason: string;
  action: string | null;
  userId: string | null;
  organisationId: string | null;
  targetId: string | null;
  clientAddress: string | null;
  accountDigest: string | null;
  requestId: string | null;
}

interface Row {
  id: string;
  occurred_at: Date;
  kind: string;
  reason: string;
  action: string | null;
  user_id: string | null;
  organisation_id: string | null;
  target_id: string | null;
  client_address: string | null;
  account_digest: string | null;
  request_id: string | null;
}

/**
 * The security log for a platform operator (ADR 0068), newest first: refusals and suspicious
 * attempts across every organisation, as ids and codes. Only an operator's scope reads it; the
 * runtime role has no other way to the table.
 */
export async function readSecurityLog(
  op: OperatorContext,
  input: unknown,
): Promise<{ events: SecurityLogLine[] }> {
  const data = parseInput(SecurityLogQuerySchema, input);
  const since = data.since ? new Date(data.since) : new Date(op.now.getTime() - 86_400_000);
  const [operator] = await op.em.execute<{ id: string | null }[]>(
    'select app.current_operator_id() as id',
  );
  if (!operator?.id) throw unauthenticated('Operator credentials required.');
  const rows = await op.em.execute<Row[]>('select * from app.security_log(?, ?, ?, ?)', [
    since,
    data.kind ?? null,
    data.limit,
    data.organisation ?? null,
  ]);
  return {
    events: rows.map((row) => ({
      id: row.id,
      occurredAt: row.occurred_at,
      kind: row.kind,
      reason: row.reason,
      action: row.action,
      userId: row.user_id,
      organisationId: row.organisation_id,
      targetId: row.target_id,
      clientAddress: row.client_address,
      accountDigest: row.account_digest,
      requestId: row.request_id,
    })),
  };
}
