import { randomUUID } from 'node:crypto';
import { fileCase, parseProcedure, type Outcome } from '@klachtpad/procedures';
import type { EntityName } from '@mikro-orm/core';
import type { Orm } from '../src/core/db/orm.js';
import { withTenantTransaction } from '../src/core/db/tenant-session.js';
import { derivedColumns } from '../src/modules/cases/case-transition.js';
import { Case } from '../src/modules/cases/case.entity.js';
import { Referral } from '../src/modules/commissions/referral.entity.js';
import { ConfidantGrant } from '../src/modules/confidants/confidant-grant.entity.js';
import { ProcedureVersion } from '../src/modules/procedures/procedure-version.entity.js';
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

export const SCHEDULE_MEETING = /* GraphQL */ `
  mutation Schedule($input: ScheduleMeetingInput!) {
    scheduleMeeting(input: $input) {
      id
    }
  }
`;
export const RECORD_ATTENDANCE = /* GraphQL */ `
  mutation Attendance($input: RecordAttendanceInput!) {
    recordAttendance(input: $input) {
      __typename
    }
  }
`;
export const RECORD_MINUTES = /* GraphQL */ `
  mutation Minutes($input: RecordMinutesInput!) {
    recordMinutes(input: $input) {
      __typename
      ... on Minutes {
        id
      }
    }
  }
`;
export const SIGN_MINUTES = /* GraphQL */ `
  mutation Sign($minutesId: ID!) {
    signMinutes(minutesId: $minutesId) {
      __typename
      ... on Minutes {
        final
      }
    }
  }
`;

/**
 * Holds a meeting on a case through the API, as its people do (the meeting stories are in
 * meetings.int.spec.ts): the organiser plans it for an hour ago with everyone present, records
 * them present and the minutes, and each of them signs. Fails the test at the first step that
 * does not succeed; returns the id of the signed minutes.
 */
export async function holdMeetingAs(
  server: TestServer,
  organiser: Actor,
  caseId: string,
  present: readonly { id: string; actor: Actor }[],
  text: string,
): Promise<string> {
  const participantIds = present.map((person) => person.id);
  const scheduled = await server.gql<{ scheduleMeeting: { id: string } }>(
    SCHEDULE_MEETING,
    {
      input: {
        caseId,
        kind: 'MEETING',
        startsAt: new Date(server.clock.now().getTime() - 3_600_000).toISOString(),
        participantIds,
      },
    },
    organiser,
  );
  const meetingId = scheduled.data?.scheduleMeeting.id;
  if (!meetingId) throw new Error(`scheduling failed: ${JSON.stringify(scheduled)}`);
  const attended = await server.gql<{ recordAttendance: { __typename: string } }>(
    RECORD_ATTENDANCE,
    { input: { meetingId, presentIds: participantIds } },
    organiser,
  );
  if (attended.data?.recordAttendance.__typename !== 'Meeting')
    throw new Error(`recording attendance failed: ${JSON.stringify(attended)}`);
  const minuted = await server.gql<{ recordMinutes: { __typename: string; id?: string } }>(
    RECORD_MINUTES,
    { input: { meetingId, text } },
    organiser,
  );
  const minutesId = minuted.data?.recordMinutes.id;
  if (!minutesId) throw new Error(`recording minutes failed: ${JSON.stringify(minuted)}`);
  for (const person of present) {
    const signed = await server.gql<{ signMinutes: { __typename: string } }>(
      SIGN_MINUTES,
      { minutesId },
      person.actor,
    );
    if (signed.data?.signMinutes.__typename !== 'Minutes')
      throw new Error(`signing failed: ${JSON.stringify(signed)}`);
  }
  return minutesId;
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
 * stories in documents.int.spec.ts): the HTTP status and the answer, refused or not.
 */
export async function tryUploadDocumentAs(
  server: TestServer,
  actor: Actor,
  caseId: string,
  visibility: 'shared' | 'internal' = 'shared',
  name = 'stuk.txt',
): Promise<{ status: number; body: { id?: string; error?: { code: string } } }> {
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
  return {
    status: response.status,
    body: (await response.json()) as { id?: string; error?: { code: string } },
  };
}

/** Uploads a document as `tryUploadDocumentAs` does and returns its id; fails the test if refused. */
export async function uploadDocumentAs(
  server: TestServer,
  actor: Actor,
  caseId: string,
  visibility: 'shared' | 'internal' = 'shared',
  name = 'stuk.txt',
): Promise<string> {
  const { status, body } = await tryUploadDocumentAs(server, actor, caseId, visibility, name);
  if (status !== 201 || !body.id)
    throw new Error(`upload failed: ${status} ${JSON.stringify(body)}`);
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

export interface ArrangedCase {
  /** A category of the procedure, or null for a case without one (filed under an older version). */
  category: string | null;
  receivedOn: string;
  /** Days from receipt to closing; absent while open. */
  closedAfterDays?: number;
  outcomes: (Outcome | undefined)[];
  /** The procedure's way in; its first when absent. */
  entry?: string;
  /** A commission the case went to after filing, and is no longer with. */
  referredLater?: string;
  /** Days from receipt to the decision clock's due date, where an extension moved it. */
  decisionDueAfterDays?: number;
  /** Whose case it is; the organisation's `client` when absent. */
  clientId?: string;
  handlerIds?: string[];
  commissionIds?: string[];
}

let arranged = 0;

const plusDays = (date: string, days: number) =>
  new Date(Date.parse(date) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * Puts cases straight into the database (the insight stories), filed by the engine under the organisation's current
 * procedure (so their clocks run as it says) and closed where asked: reports only count what the
 * cases hold, and years of history cannot be lived through in a test.
 */
export async function arrangeCases(
  ownerOrm: Orm,
  organisation: ArrangedOrganisation,
  cases: ArrangedCase[],
): Promise<string[]> {
  return withTenantTransaction(ownerOrm, { organisationId: organisation.id }, async (em) => {
    const version = await em.findOneOrFail(
      ProcedureVersion,
      { organisationId: organisation.id },
      { orderBy: { version: 'desc' } },
    );
    const definition = parseProcedure(version.definition);
    return cases.map((arrangedCase) => {
      const filed = fileCase(
        definition,
        {
          complainant: 'client',
          ...(arrangedCase.entry ? { entry: arrangedCase.entry } : {}),
          category: arrangedCase.category ?? definition.filing.categories[0]?.id,
          parts: arrangedCase.outcomes.map((_, part) => ({ summary: `Onderdeel ${part + 1}` })),
          receivedOn: arrangedCase.receivedOn,
        },
        `${arrangedCase.receivedOn}T10:00:00Z`,
      );
      if (!filed.ok) throw new Error(filed.refusal.code);
      const state = filed.state;
      if (arrangedCase.referredLater)
        state.referrals.push({
          commission: arrangedCase.referredLater,
          since: arrangedCase.receivedOn,
          active: false,
        });
      state.parts.forEach((part, i) => {
        const outcome = arrangedCase.outcomes[i];
        if (outcome) Object.assign(part, { outcome, decidedOn: arrangedCase.receivedOn });
      });
      if (arrangedCase.decisionDueAfterDays !== undefined) {
        const decision = definition.clocks.find((clock) => clock.purpose === 'decision');
        const clock = decision && state.clocks[decision.id];
        if (!clock) throw new Error('The procedure starts no decision clock at filing');
        clock.due = plusDays(arrangedCase.receivedOn, arrangedCase.decisionDueAfterDays);
      }
      const closedOn =
        arrangedCase.closedAfterDays === undefined
          ? undefined
          : plusDays(arrangedCase.receivedOn, arrangedCase.closedAfterDays);
      if (closedOn) Object.assign(state, { closed: true, closedOn });
      const derived = derivedColumns(definition, state);
      const client = arrangedCase.clientId ?? organisation.people.client!.id;
      const id = randomUUID();
      em.create(Case, {
        organisationId: organisation.id,
        id,
        reference: `ARR-${arrangedCase.receivedOn.slice(0, 4)}-${String((arranged += 1)).padStart(5, '0')}`,
        procedureVersionId: version.id,
        clientId: client,
        filedById: client,
        channel: 'portal',
        category: arrangedCase.category,
        handlerIds: arrangedCase.handlerIds ?? [],
        releasedHandlerIds: [],
        subjectIds: [],
        confidantIds: [],
        commissionIds: arrangedCase.commissionIds ?? [],
        ...derived,
        // Closed here, not by the engine: its tracks stay as they were.
        ...(closedOn ? { stages: [], nextDueOn: null } : {}),
        createdAt: new Date(`${arrangedCase.receivedOn}T10:00:00Z`),
        updatedAt: new Date(`${arrangedCase.receivedOn}T10:00:00Z`),
      });
      return id;
    });
  });
}
