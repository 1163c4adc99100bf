import { graphql } from '../../shared/graphql/graphql';
import { CaseSummaryFragment } from '../complaints/complaints.graphql';
import { AuthorisationFragment, ConfidantGrantFragment } from '../sharing/sharing.graphql';

/**
 * In one organisation: the complaints the confidant may follow, and who gave them access. The
 * server's query-cost limit (5 000) allows 10 cases with their deadlines and grants in one answer.
 */
export const ConfidantCasesQuery = graphql(
  `
    query ConfidantCases($language: Language!) {
      cases(first: 10) {
        totalCount
        edges {
          node {
            ...CaseSummary
            confidantGrants {
              ...ConfidantGrantFields
            }
          }
        }
      }
      myConfidantAuthorisations {
        ...AuthorisationFields
      }
    }
  `,
  [CaseSummaryFragment, ConfidantGrantFragment, AuthorisationFragment],
);
