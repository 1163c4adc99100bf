import { graphql } from '../graphql/graphql';

/**
 * Every change of a case the viewer may see. Only the cursor and the case's id are asked: a push
 * is a signal to ask the pages' own queries again, not data to show (ADR 0077).
 */
export const LiveCasesSubscription = graphql(`
  subscription LiveCases($after: Cursor) {
    caseUpdated(after: $after) {
      cursor
      case {
        id
      }
    }
  }
`);

/** Each new notification of the viewer in the active organisation. */
export const LiveNotificationsSubscription = graphql(`
  subscription LiveNotifications {
    notificationReceived {
      id
    }
  }
`);
