// GraphQL operations of the notification stories, shared by the specs that read an inbox.

import type { Actor, TestServer } from './harness.js';

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

/**
 * The first fifty notifications of an actor's inbox, only those of one case when it is named;
 * fails the test if the inbox cannot be read.
 */
export async function notificationsAs(
  server: TestServer,
  actor: Actor,
  caseId?: string,
): Promise<NotificationNode[]> {
  const result = await server.gql<{ notifications: { edges: { node: NotificationNode }[] } }>(
    NOTIFICATIONS,
    { first: 50 },
    actor,
  );
  if (result.errors || !result.data)
    throw new Error(`reading notifications failed: ${JSON.stringify(result.errors)}`);
  const nodes = result.data.notifications.edges.map((edge) => edge.node);
  return caseId === undefined ? nodes : nodes.filter((node) => node.caseId === caseId);
}
