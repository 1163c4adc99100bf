import { graphql } from '../../shared/graphql/graphql';

/** In one organisation: the complaints the confidant may follow, and who gave them access. */
export const ConfidantCasesQuery = graphql(`
  query ConfidantCases($language: Language!) {
    cases(first: 25) {
      totalCount
      edges {
        node {
          id
          reference
          receivedOn
          closed
          stages {
            track
            stage
            label {
              nl
              en
            }
          }
          parts {
            id
            summary
          }
          confidantGrants {
            id
            clientId
            clientName
            confidantId
            scopes
            live
          }
          deadlines(language: $language) {
            clock
            label
            due
            status
            explanation
          }
        }
      }
    }
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
