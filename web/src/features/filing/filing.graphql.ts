import { graphql } from '../../shared/graphql/graphql';

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
export const FilingAuthorisationsQuery = graphql(`
  query FilingAuthorisations {
    myConfidantAuthorisations {
      id
      clientId
      clientName
      confidantId
      scopes
      live
    }
  }
`);

export const FirstMessageMutation = graphql(`
  mutation FirstMessage($input: PostMessageInput!) {
    postMessage(input: $input) {
      id
    }
  }
`);
