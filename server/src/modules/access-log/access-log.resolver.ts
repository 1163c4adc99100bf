import { DateTimeResolver } from 'graphql-scalars';
import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../core/context.js';
import { AccessLogEntryView } from './access-log.types.js';
import { caseAccessLog } from './case-access-log.service.js';

@Resolver()
export class AccessLogResolver {
  @Query(() => [AccessLogEntryView], {
    description:
      'Who accessed a dossier: for the client of the case, and for directors (after two-step verification).',
  })
  accessLog(
    @Ctx() ctx: RequestContext,
    @Arg('caseId', () => ID) caseId: string,
    @Arg('from', () => DateTimeResolver, {
      nullable: true,
      description: 'Only accesses at or after this moment.',
    })
    from: Date | null,
    @Arg('to', () => DateTimeResolver, {
      nullable: true,
      description: 'Only accesses before this moment.',
    })
    to: Date | null,
  ): Promise<AccessLogEntryView[]> {
    return caseAccessLog(ctx, caseId, { from, to });
  }
}
