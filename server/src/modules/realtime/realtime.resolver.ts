import { Arg, Ctx, ID, Resolver, Root, Subscription } from 'type-graphql';
import { CursorScalar } from '../../core/graphql/scalars.js';
import type { RequestContext } from '../../core/context.js';
import type { CaseChangeSignal, NotificationSignal } from '../../core/realtime/outbox-feed.js';
import { DashboardView } from '../insights/insights.types.js';
import { NotificationView } from '../notifications/notification.types.js';
import {
  caseUpdate,
  dashboardTicks,
  dashboardUpdate,
  receivedNotification,
  subscribeCaseUpdates,
  subscribeNotifications,
} from './realtime.service.js';
import { CaseUpdateView } from './realtime.types.js';

/**
 * The live API (ADR 0075). Every push is resolved in a transaction of its own, as the subscriber,
 * with the same services and ability as a query; a push the subscriber may see nothing of is
 * not sent at all (its field resolves to null and the websocket layer drops it).
 */
@Resolver()
export class RealtimeResolver {
  @Subscription(() => CaseUpdateView, {
    nullable: true,
    description:
      'Changes of one case (`caseId`), or of every case the viewer may see. With `after` (a cursor of an earlier update) what was missed comes first, each change once and in order.',
    subscribe: ({ context, args }) =>
      subscribeCaseUpdates(context as RequestContext, args as { caseId?: string; after?: string }),
  })
  caseUpdated(
    @Ctx() ctx: RequestContext,
    @Root() signal: CaseChangeSignal,
    @Arg('caseId', () => ID, { nullable: true }) caseId: string | null,
    @Arg('after', () => CursorScalar, { nullable: true }) _after: string | null,
  ): Promise<CaseUpdateView | null> {
    return caseUpdate(ctx, signal, caseId ?? undefined);
  }

  @Subscription(() => DashboardView, {
    nullable: true,
    description:
      'The viewer’s dashboard: now, then whenever its counts change (at most once a second).',
    subscribe: ({ context }) => dashboardTicks(context as RequestContext),
  })
  dashboardUpdated(@Ctx() ctx: RequestContext): Promise<DashboardView> {
    return dashboardUpdate(ctx);
  }

  @Subscription(() => NotificationView, {
    nullable: true,
    description: 'Each new notification for the viewer in the active organisation.',
    subscribe: ({ context }) => subscribeNotifications(context as RequestContext),
  })
  notificationReceived(
    @Ctx() ctx: RequestContext,
    @Root() signal: NotificationSignal,
  ): Promise<NotificationView | null> {
    return receivedNotification(ctx, signal);
  }
}
