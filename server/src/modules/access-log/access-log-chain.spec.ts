import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { entryHash, type ChainedLine } from './access-log-chain.js';

const line: ChainedLine = {
  organisationId: '3f1c5f0e-4c55-4c1a-9d5e-6b7a8f9e0a1b',
  occurredAt: new Date('2026-03-02T09:30:00.000Z'),
  caseId: '0b7f1e2d-3c4b-4a59-8e6f-7a8b9c0d1e2f',
  clientId: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
  userId: '9f8e7d6c-5b4a-4398-8776-655443322110',
  onBehalfOfId: null,
  role: 'commission',
  action: 'read',
  outcome: 'allowed',
  actorOrganisationId: null,
};

describe('the hash of an access-log line', () => {
  it('is what it was before the acting organisation was recorded, for a line without one', () => {
    // The canonical form of ADR 0021, written out: lines sealed before ADR 0087 must verify.
    const before = createHash('sha256')
      .update(
        JSON.stringify([
          'previous',
          line.organisationId,
          line.occurredAt.toISOString(),
          line.caseId,
          line.clientId,
          line.userId,
          line.onBehalfOfId,
          line.role,
          line.action,
          line.outcome,
        ]),
      )
      .digest('hex');
    expect(entryHash('previous', line)).toBe(before);
  });

  it('covers the acting organisation when there is one', () => {
    const fromCommission = { ...line, actorOrganisationId: '5d4c3b2a-1f0e-4d9c-8b7a-695847362514' };
    expect(entryHash('previous', fromCommission)).not.toBe(entryHash('previous', line));
    expect(entryHash('previous', fromCommission)).not.toBe(
      entryHash('previous', { ...fromCommission, actorOrganisationId: line.userId }),
    );
  });
});
