import { graphql, type ResultOf } from '../../shared/graphql/graphql';
import { CaseDetailFragment } from '../case/case.graphql';

/** What a commission reads of its referral: its own commission's, never another's. */
const ReferralFragment = graphql(`
  fragment CommissionReferral on Referral {
    id
    active
    referredAt
    endsAt
    commission {
      id
      name
    }
  }
`);

/**
 * The cases referred to the commission in one served organisation: `cases` as the organisation
 * sent as `X-Organisation` answers it, which for a commission member is only the cases whose
 * referral runs now (ADR 0009). Asked once per served organisation (ADR 0088). The server's cost
 * limit counts the document's shape, each fragment spread a level deeper, not the page size: the
 * list asks only the referral fields it shows, inline (with the fragment it was over the limit,
 * and the page showed an error; server/src/core/graphql/web-documents.spec.ts now checks every
 * registered operation against the limits).
 */
export const CommissionCasesQuery = graphql(`
  query CommissionCases($language: Language!) {
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
          deadlines(language: $language) {
            clock
            label
            due
            status
            explanation
          }
          referrals {
            active
            endsAt
          }
        }
      }
    }
  }
`);

export type CommissionCaseSummary = ResultOf<
  typeof CommissionCasesQuery
>['cases']['edges'][number]['node'];

/** One referred case as the commission sees it: the portal's case detail, which the server
 * narrows to the bundle (no people, no internal items), and the referral. */
export const CommissionCaseQuery = graphql(
  `
    query CommissionCase($id: ID!, $language: Language!) {
      case(id: $id) {
        ...CaseDetail
        referrals {
          ...CommissionReferral
        }
      }
    }
  `,
  [CaseDetailFragment, ReferralFragment],
);
