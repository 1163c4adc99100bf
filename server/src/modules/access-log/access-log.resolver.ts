import { CursorScalar, DateTimeScalar } from '../../core/graphql/scalars.js';
import { Arg, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import type { z } from 'zod';
import type { RequestContext } from '../../core/context.js';
import { decodeKeysetCursor } from '../../core/graphql/keyset-cursor.js';
import { AccessLogFilterInput, type AccessLogFilterSchema } from './access-log.inputs.js';
import { AccessLogEntryView, OrganisationAccessLogConnection } from './access-log.types.js';
import { caseAccessLog } from './case-access-log.service.js';
import { organisationAccessLog } from './organisation-access-log.service.js';

@Resolver()
export class AccessLogResolver {
  @Query(() => [AccessLogEntryView], {
    description:
      'Who accessed a dossier: for the client of the case, and for directors (after two-step verification).',
  })
  accessLog(
    @Ctx() ctx: RequestContext,
    @Arg('caseId', () => ID) caseId: string,
    @Arg('from', () => DateTimeScalar, {
      nullable: true,
      description: 'Only accesses at or after this moment.',
    })
    from: Date | null,
    @Arg('to', () => DateTimeScalar, {
      nullable: true,
      description: 'Only accesses before this moment.',
    })
    to: Date | null,
  ): Promise<AccessLogEntryView[]> {
    return caseAccessLog(ctx, caseId, { from, to });
  }

  @Query(() => OrganisationAccessLogConnection, {
    description:
      'The organisation’s whole access log, newest first, narrowed by case, person and period: for directors, after two-step verification (FORBIDDEN with reason MFA_REQUIRED before it).',
  })
  organisationAccessLog(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => AccessLogFilterInput, { nullable: true })
    filter: z.input<typeof AccessLogFilterSchema> | null,
    @Arg('first', () => Int, { defaultValue: 50 }) first: number,
    @Arg('after', () => CursorScalar, { nullable: true }) after: string | null,
  ): Promise<OrganisationAccessLogConnection> {
    return organisationAccessLog(ctx, {
      filter: filter ?? {},
      first,
      after: after ? decodeKeysetCursor(after) : undefined,
    });
  }
}
