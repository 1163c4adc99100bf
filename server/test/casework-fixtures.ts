import { randomUUID } from 'node:crypto';
import type { EntityName } from '@mikro-orm/core';
import { withTenantTransaction } from '../src/core/db/tenant-session.js';
import { Case } from '../src/modules/cases/case.entity.js';
import { Referral } from '../src/modules/commissions/referral.entity.js';
import { ConfidantGrant } from '../src/modules/confidants/confidant-grant.entity.js';
import type { Actor, ArrangedOrganisation, TestServer } from './harness.js';

const FILE = /* GraphQL */ `
  mutation File($input: FileComplaintInput!) {
    fileComplaint(input: $input) {
      __typename
      ... on CaseChanged {
        case {
          id
        }
      }
    }
  }
`;
const ASSIGN = /* GraphQL */ `
  mutation Assign($caseId: ID!, $handlerId: ID!) {
    assignHandler(caseId: $caseId, handlerId: $handlerId) {
      id
    }
  }
`;

/** Files a complaint through the API and returns the case id; fails the test if it cannot. */
export async function fileComplaintAs(
  server: TestServer,
  actor: Actor,
  input: Record<string, unknown>,
): Promise<string> {
  const result = await server.gql<{ fileComplaint: { case?: { id: string } } }>(
    FILE,
    { input: { complainant: 'client', ...input } },
    actor,
  );
  const id = result.data?.fileComplaint.case?.id;
  if (!id) throw new Error(`filing failed: ${JSON.stringify(result)}`);
  return id;
}

const PERFORM = /* GraphQL */ `
  mutation Perform($input: PerformActionInput!) {
    performAction(input: $input) {
      __typename
      ... on CaseChanged {
        case {
          version
        }
      }
    }
  }
`;

/**
 * Takes procedure steps one after another through the API, each as its actor, from the case at
 * `version`; fails the test at the first step that does not change the case. Returns the version
 * after the last step.
 */
export async function performActionsAs(
  server: TestServer,
  caseId: string,
  version: number,
  steps: readonly (readonly [Actor, string, Record<string, unknown>])[],
): Promise<number> {
  for (const [actor, action, payload] of steps) {
    const result = await server.gql<{
      performAction: { __typename: string; case?: { version: number } };
    }>(PERFORM, { input: { caseId, action, expectedVersion: version, payload } }, actor);
    if (result.data?.performAction.__typename !== 'CaseChanged')
      throw new Error(`${action} failed: ${JSON.stringify(result)}`);
    version = result.data.performAction.case!.version;
  }
  return version;
}

/** Assigns a handler through the API (as a manager or director). */
export async function assignHandlerAs(
  server: TestServer,
  actor: Actor,
  caseId: string,
  handlerId: string,
) {
  const result = await server.gql(ASSIGN, { caseId, handlerId }, actor);
  if (result.errors) throw new Error(`assigning failed: ${JSON.stringify(result.errors)}`);
}

/**
 * Gives a confidant a live grant on a case, arranged directly (the grant API has its own
 * stories in confidants.int.spec.ts): the grant row and the case's list of confidants.
 */
export async function grantConfidant(
  server: TestServer,
  organisation: ArrangedOrganisation,
  caseId: string,
  confidantId: string,
) {
  await withTenantTransaction(server.ownerOrm, { organisationId: organisation.id }, async (em) => {
    const kase = await em.findOneOrFail(Case, { organisationId: organisation.id, id: caseId });
    em.create(ConfidantGrant, {
      organisationId: organisation.id,
      id: randomUUID(),
      caseId,
      case: kase,
      clientId: kase.clientId!,
      confidantId,
      scopes: ['view', 'draft', 'submit', 'attend-meetings'],
      grantedAt: new Date(),
      revokedAt: null,
    });
    kase.confidantIds = [...kase.confidantIds, confidantId];
  });
}

/**
 * Arranges a live referral of a case to a commission organisation, directly (the referral stories
 * are in commissions.int.spec.ts, through the procedure's actions): the referral row with a term
 * of a year, and the case row's list of commissions with a live referral.
 */
export async function referToCommission(
  server: TestServer,
  organisation: ArrangedOrganisation,
  caseId: string,
  commissionId: string,
) {
  await withTenantTransaction(server.ownerOrm, { organisationId: organisation.id }, async (em) => {
    const kase = await em.findOneOrFail(Case, { organisationId: organisation.id, id: caseId });
    const now = server.clock.now();
    em.create(Referral, {
      organisationId: organisation.id,
      id: randomUUID(),
      caseId,
      case: kase,
      commissionId,
      procedureCommissionId: 'arranged-commission',
      referredAt: now,
      endsAt: new Date(now.getTime() + 365 * 86_400_000),
      endedAt: null,
      endReason: null,
    });
    kase.commissionIds = [...kase.commissionIds, commissionId];
  });
}

/**
 * Uploads a small text document to a case through `POST /documents` (the endpoint has its own
 * stories in documents.int.spec.ts) and returns its id; fails the test if it cannot.
 */
export async function uploadDocumentAs(
  server: TestServer,
  actor: Actor,
  caseId: string,
  visibility: 'shared' | 'internal' = 'shared',
  name = 'stuk.txt',
): Promise<string> {
  const response = await fetch(
    `${server.url}/documents?${new URLSearchParams({ caseId, visibility })}`,
    {
      method: 'POST',
      headers: {
        ...(actor.token ? { authorization: `Bearer ${actor.token}` } : {}),
        ...(actor.organisation ? { 'x-organisation': actor.organisation } : {}),
        'content-type': 'application/octet-stream',
        'x-filename': encodeURIComponent(name),
      },
      body: Buffer.from(`Inhoud van ${name}.`),
    },
  );
  const body = (await response.json()) as { id?: string };
  if (response.status !== 201 || !body.id)
    throw new Error(`upload failed: ${response.status} ${JSON.stringify(body)}`);
  return body.id;
}

/** Counts an organisation's rows of one entity, as the schema owner (for "nothing written"). */
export function countRows<T extends object>(
  server: TestServer,
  organisation: ArrangedOrganisation,
  entity: EntityName<T>,
): Promise<number> {
  return withTenantTransaction(server.ownerOrm, { organisationId: organisation.id }, (em) =>
    em.count(entity, {}),
  );
}
