import { graphql, type ResultOf } from '../../shared/graphql/graphql';

/**
 * The management dashboard, live: pushed at once, then whenever its counts change (at most once
 * a second), counted once for all of the organisation's managers and directors (ADR 0078, 0086).
 */
export const ManagementDashboardSubscription = graphql(`
  subscription ManagementDashboard {
    dashboardUpdated {
      open
      closed
      overdue
      dueSoon
      stages {
        track
        stage
        label {
          nl
          en
        }
        count
      }
      leadTimes {
        since
        closed
        medianDays
        p90Days
        withTerm
        withinTerm
        legalTermDays
      }
      receivedByCategory {
        month
        key
        label {
          nl
          en
        }
        count
      }
      closedByOutcome {
        month
        key
        label {
          nl
          en
        }
        count
      }
    }
  }
`);

export type ManagementDashboard = NonNullable<
  ResultOf<typeof ManagementDashboardSubscription>['dashboardUpdated']
>;
export type TrendCount = ManagementDashboard['receivedByCategory'][number];
