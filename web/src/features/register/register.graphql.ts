import { graphql, type ResultOf } from '../../shared/graphql/graphql';

/** The anonymised register of one year of receipt (managers and directors, ADR 0017). */
export const RegisterQuery = graphql(`
  query ComplaintsRegister($year: Int!) {
    complaintsRegister(year: $year) {
      year
      firstYear
      cases {
        count
        suppressed
      }
      parts {
        count
        suppressed
      }
      byCategory {
        key
        count
        suppressed
        label {
          nl
          en
        }
      }
      byOutcome {
        key
        count
        suppressed
        label {
          nl
          en
        }
      }
      byLeadTime {
        key
        count
        suppressed
        label {
          nl
          en
        }
      }
      byRoute {
        key
        count
        suppressed
        label {
          nl
          en
        }
      }
    }
  }
`);

export type Register = ResultOf<typeof RegisterQuery>['complaintsRegister'];
export type RegisterGroup = Register['byCategory'][number];
