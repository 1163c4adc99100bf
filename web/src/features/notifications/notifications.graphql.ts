import { graphql, type ResultOf } from '../../shared/graphql/graphql';

export const NotificationsQuery = graphql(`
  query Notifications($first: Int!, $after: Cursor) {
    notifications(first: $first, after: $after) {
      unreadCount
      edges {
        cursor
        node {
          id
          kind
          caseId
          reference
          createdAt
          readAt
          message {
            nl
            en
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export type NotificationItem = ResultOf<
  typeof NotificationsQuery
>['notifications']['edges'][number]['node'];

/** Only the count, for the menu. */
export const UnreadNotificationsQuery = graphql(`
  query UnreadNotifications {
    notifications(first: 1) {
      unreadCount
      edges {
        node {
          id
          readAt
        }
      }
    }
  }
`);

export const MarkNotificationsReadMutation = graphql(`
  mutation MarkNotificationsRead($ids: [ID!]!) {
    markNotificationsRead(ids: $ids) {
      id
      readAt
    }
  }
`);
