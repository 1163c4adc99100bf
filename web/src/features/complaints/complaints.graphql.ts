import { graphql, type ResultOf } from '../../shared/graphql/graphql';

/** A case as a line in a list: enough to recognise it and see where it stands. */
export const CaseSummaryFragment = graphql(`
  fragment CaseSummary on Case {
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
    deadlines(language: $language) {
      clock
      label
      due
      status
      explanation
    }
  }
`);

export type CaseSummary = ResultOf<typeof CaseSummaryFragment>;

export const MyCasesQuery = graphql(
  `
    query MyCases($first: Int!, $after: Cursor, $language: Language!) {
      cases(first: $first, after: $after) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          node {
            ...CaseSummary
          }
        }
      }
    }
  `,
  [CaseSummaryFragment],
);
