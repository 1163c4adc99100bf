import { graphql } from '../../shared/graphql/graphql';
import { AuthorisationFragment } from '../sharing/sharing.graphql';

export const FileComplaintMutation = graphql(`
  mutation FileComplaint($input: FileComplaintInput!, $language: Language!) {
    fileComplaint(input: $input) {
      __typename
      ... on CaseChanged {
        case {
          id
          reference
          warnings
          deadlines(language: $language) {
            clock
            label
            due
            explanation
          }
        }
      }
      ... on ActionRefused {
        code
        reasons {
          input
          message {
            nl
            en
          }
        }
      }
    }
  }
`);

/** The clients who let this confidant file for them (standing authorisations). */
export const FilingAuthorisationsQuery = graphql(
  `
    query FilingAuthorisations {
      myConfidantAuthorisations {
        ...AuthorisationFields
      }
    }
  `,
  [AuthorisationFragment],
);

export const FirstMessageMutation = graphql(`
  mutation FirstMessage($input: PostMessageInput!) {
    postMessage(input: $input) {
      id
    }
  }
`);

/**
 * Whom staff can register a complaint for, and whom it can be about: the organisation's clients
 * and its staff (`members` is for staff only, names and roles).
 */
export const FilingPeopleQuery = graphql(`
  query FilingPeople {
    clients: members(role: CLIENT) {
      userId
      displayName
    }
    members {
      userId
      displayName
      roles
    }
  }
`);
