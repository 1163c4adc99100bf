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
  ): Promise<AccessLogEntryView[]> {
    return caseAccessLog(ctx, caseId);
  }
}
