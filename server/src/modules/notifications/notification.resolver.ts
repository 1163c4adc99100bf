import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { CursorScalar } from '../../core/graphql/scalars.js';
import type { RequestContext } from '../../core/context.js';
import { decodeKeysetCursor, encodeKeysetCursor } from '../../core/graphql/keyset-cursor.js';
import { notificationText } from './notification-kinds.js';
import type { Notification } from './notification.entity.js';
import { listNotifications, markNotificationsRead } from './notification.service.js';
import { NotificationConnection, NotificationView } from './notification.types.js';

export function toNotificationView(notification: Notification): NotificationView {
  return {
    id: notification.id,
    kind: notification.kind,
    caseId: notification.caseId,
    reference: notification.payload.reference ?? null,
    message: {
      nl: notificationText(notification.kind, notification.payload, 'nl'),
      en: notificationText(notification.kind, notification.payload, 'en'),
    },
    createdAt: notification.createdAt,
    readAt: notification.readAt,
  };
}

@Resolver(() => NotificationView)
export class NotificationResolver {
  @Query(() => NotificationConnection, {
    description: 'The viewer’s notifications in the active organisation, newest first.',
  })
  async notifications(
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, { defaultValue: 20 }) first: number,
    @Arg('after', () => CursorScalar, { nullable: true }) after: string | null,
  ): Promise<NotificationConnection> {
    const page = await listNotifications(ctx, {
      first,
      after: after ? decodeKeysetCursor(after) : undefined,
    });
    const edges = page.notifications.map((notification) => ({
      cursor: encodeKeysetCursor(notification),
      node: toNotificationView(notification),
    }));
    return {
      edges,
      totalCount: page.totalCount,
      unreadCount: page.unreadCount,
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null },
    };
  }

  @Mutation(() => [NotificationView], {
    description:
      'Marks the viewer’s notifications read (again is harmless). An id that is not theirs is NOT_FOUND, and then nothing is marked.',
  })
  async markNotificationsRead(
    @Ctx() ctx: RequestContext,
    @Arg('ids', () => [ID]) ids: string[],
  ): Promise<NotificationView[]> {
    return (await markNotificationsRead(ctx, ids)).map(toNotificationView);
  }
}
