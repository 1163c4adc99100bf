// GraphQL operations and helpers of the routing stories (ADR 0098): units with their managers,
// directors' positions, the rules per stage, and who is responsible for a case in each stage.
import type { Actor, TestServer } from './harness.js';

export const UNITS = /* GraphQL */ `
  query Units {
    units {
      id
      name
      managerId
      memberIds
    }
  }
`;
export const CREATE_UNIT = /* GraphQL */ `
  mutation CreateUnit($input: CreateUnitInput!) {
    createUnit(input: $input) {
      id
      name
      managerId
      memberIds
    }
  }
`;
export const UPDATE_UNIT = /* GraphQL */ `
  mutation UpdateUnit($input: UpdateUnitInput!) {
    updateUnit(input: $input) {
      id
      name
      managerId
      memberIds
    }
  }
`;
export const DELETE_UNIT = /* GraphQL */ `
  mutation DeleteUnit($id: ID!) {
    deleteUnit(id: $id) {
      id
      name
      managerId
      memberIds
    }
  }
`;
export const SET_UNIT_MEMBERS = /* GraphQL */ `
  mutation SetUnitMembers($input: SetUnitMembersInput!) {
    setUnitMembers(input: $input) {
      id
      memberIds
    }
  }
`;
export const SET_DIRECTOR_POSITION = /* GraphQL */ `
  mutation SetDirectorPosition($input: SetDirectorPositionInput!) {
    setDirectorPosition(input: $input) {
      userId
      roles
      position
    }
  }
`;
export const STAGE_ROUTES = /* GraphQL */ `
  query StageRoutes {
    stageRoutes {
      track
      stage
      role
      position
      byUnit
      defaultAssigneeId
    }
  }
`;
export const SET_STAGE_ROUTE = /* GraphQL */ `
  mutation SetStageRoute($input: SetStageRouteInput!) {
    setStageRoute(input: $input) {
      stage
      role
      byUnit
      defaultAssigneeId
    }
  }
`;
export const ASSIGN_RESPONSIBLE = /* GraphQL */ `
  mutation AssignResponsible($input: AssignResponsibleInput!) {
    assignResponsible(input: $input) {
      id
      version
      responsible {
        track
        stage
        assigneeId
        how
      }
    }
  }
`;
export const RESPONSIBLE = /* GraphQL */ `
  query Responsible($id: ID!) {
    case(id: $id) {
      id
      version
      handlerIds
      stages {
        track
        stage
      }
      responsible {
        track
        stage
        role
        position
        assigneeId
        assigneeName
        how
      }
      availableActions {
        id
      }
      readOnly
    }
  }
`;

export interface Responsibility {
  track: string;
  stage: string;
  role: string;
  position: string | null;
  assigneeId: string | null;
  assigneeName: string | null;
  how: string | null;
}

export interface SeenCase {
  id: string;
  version: number;
  handlerIds: string[] | null;
  stages: { track: string; stage: string }[];
  responsible: Responsibility[] | null;
  availableActions: { id: string }[];
  readOnly: boolean;
}

/** The case as `actor` sees it (null when they may not), with who is responsible where. */
export async function responsibleSeenBy(
  server: TestServer,
  actor: Actor,
  caseId: string,
): Promise<SeenCase | null> {
  const result = await server.gql<{ case: SeenCase | null }>(RESPONSIBLE, { id: caseId }, actor);
  if (result.errors) throw new Error(`reading the case failed: ${JSON.stringify(result.errors)}`);
  return result.data?.case ?? null;
}

/** Runs one of the director's set-up mutations; fails the test if it is refused. */
export async function arrangeAs<T = Record<string, unknown>>(
  server: TestServer,
  actor: Actor,
  operation: string,
  input: Record<string, unknown>,
): Promise<T> {
  const result = await server.gql<T>(operation, { input }, actor);
  if (result.errors || !result.data)
    throw new Error(`set-up failed: ${JSON.stringify(result.errors)}`);
  return result.data;
}
