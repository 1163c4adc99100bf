// GraphQL operations of the notification stories, shared by the specs that read an inbox.

export const NOTIFICATIONS = /* GraphQL */ `
  query Notifications($first: Int, $after: Cursor) {
    notifications(first: $first, after: $after) {
      totalCount
      unreadCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          kind
          caseId
          reference
          readAt
          message {
            nl
            en
          }
        }
      }
    }
  }
`;
export interface NotificationNode {
  id: string;
  kind: string;
  caseId: string | null;
  reference: string | null;
  readAt: string | null;
  message: { nl: string; en: string };
}
