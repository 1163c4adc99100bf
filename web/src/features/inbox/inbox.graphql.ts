import { graphql, type ResultOf } from '../../shared/graphql/graphql';
import { CaseSummaryFragment } from '../complaints/complaints.graphql';

/** A line of the inbox: the summary every list shows, and what staff sort and assign by. */
export const InboxQuery = graphql(
  `
    query Inbox(
      $filter: CaseFilter
      $order: CaseOrder!
      $first: Int!
      $after: Cursor
      $language: Language!
    ) {
      cases(filter: $filter, order: $order, first: $first, after: $after) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          node {
            ...CaseSummary
            channel
            category
            handlerIds
          }
        }
      }
    }
  `,
  [CaseSummaryFragment],
);

export type InboxCase = ResultOf<typeof InboxQuery>['cases']['edges'][number]['node'];

/** The organisation's handlers by name, for the handler filter and for assigning. */
export const HandlersQuery = graphql(`
  query Handlers {
    members(role: HANDLER) {
      userId
      displayName
    }
  }
`);

export const AssignHandlerMutation = graphql(`
  mutation AssignHandler($caseId: ID!, $handlerId: ID!) {
    assignHandler(caseId: $caseId, handlerId: $handlerId) {
      id
      handlerIds
    }
  }
`);

/**
 * The viewer's dashboard: pushed at once, then whenever its counts change (at most once a
 * second). The server counts it once for everyone who sees the same cases (ADR 0078).
 */
export const DashboardSubscription = graphql(`
  subscription Dashboard {
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
    }
  }
`);
