import { graphql } from '../../shared/graphql/graphql';

export const CreateClientAccountMutation = graphql(`
  mutation CreateClientAccount($input: CreateClientAccountInput!) {
    createClientAccount(input: $input) {
      member {
        userId
        displayName
      }
      invitation {
        id
        email
        expiresAt
      }
    }
  }
`);

/** The organisation's structure for routing (ADR 0098): units, its people, the rule per stage. */
export const OrganisationStructureQuery = graphql(`
  query OrganisationStructure {
    units {
      id
      name
      managerId
      memberIds
    }
    members {
      userId
      displayName
      roles
      position
    }
    stageRoutes {
      track
      stage
      role
      position
      byUnit
      defaultAssigneeId
    }
  }
`);

export const CreateUnitMutation = graphql(`
  mutation CreateUnit($input: CreateUnitInput!) {
    createUnit(input: $input) {
      id
      name
      managerId
      memberIds
    }
  }
`);

/** A director removes a team or location; its staff stay members (ADR 0098). */
export const DeleteUnitMutation = graphql(`
  mutation DeleteUnit($id: ID!) {
    deleteUnit(id: $id) {
      id
      name
    }
  }
`);

export const SetStageRouteMutation = graphql(`
  mutation SetStageRoute($input: SetStageRouteInput!) {
    setStageRoute(input: $input) {
      track
      stage
      role
      position
      byUnit
      defaultAssigneeId
    }
  }
`);
