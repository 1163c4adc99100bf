import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../core/context.js';
import { dayOf, explainRequestDue } from './data-request-clock.js';
import { dataExportPath } from './data-export.routes.js';
import {
  answerDataSubjectRequest,
  decideErasureRequest,
  extendDataSubjectRequest,
  listDataSubjectRequests,
  myDataSubjectRequests,
  requestDataAccess,
  requestErasure,
  type DataSubjectRequestRecord,
} from './data-subject-request.service.js';
import {
  DataAccessRequestInput,
  DataSubjectRequestKindValue,
  DataSubjectRequestStatusValue,
  DataSubjectRequestView,
  DecideErasureRequestInput,
  ErasureRequestInput,
  ExtendDataSubjectRequestInput,
} from './data-subject-request.types.js';

/** The view of a request: the clock in words, and the download for the client who asked. */
function toView(ctx: RequestContext, record: DataSubjectRequestRecord): DataSubjectRequestView {
  const { request } = record;
  const clock = {
    receivedOn: request.receivedOn,
    extension:
      request.extensionMonths && request.extensionReason && request.extendedAt
        ? {
            months: request.extensionMonths,
            reason: request.extensionReason,
            toldOn: dayOf(request.extendedAt),
          }
        : undefined,
  };
  const staff = !record.own;
  return {
    id: request.id,
    kind: request.kind as DataSubjectRequestKindValue,
    status: request.status as DataSubjectRequestStatusValue,
    requesterId: request.requesterId,
    requesterName: record.requesterName,
    note: request.note,
    receivedAt: request.receivedAt,
    receivedOn: request.receivedOn,
    firstDueOn: request.firstDueOn,
    dueOn: request.dueOn,
    dueDerivation: { nl: explainRequestDue(clock, 'nl'), en: explainRequestDue(clock, 'en') },
    overdue: request.status === 'open' && dayOf(ctx.now) > request.dueOn,
    extension: clock.extension
      ? { months: clock.extension.months, reason: clock.extension.reason, at: request.extendedAt! }
      : null,
    decidedAt: request.decidedAt,
    decidedById: staff ? request.decidedBy : null,
    decisionReasons: request.decisionReasons,
    download:
      record.own && request.kind === 'access' && request.status === 'answered'
        ? { json: dataExportPath(request.id, 'json'), pdf: dataExportPath(request.id, 'pdf') }
        : null,
  };
}

@Resolver()
export class DataSubjectRequestResolver {
  @Query(() => [DataSubjectRequestView], {
    description: 'The organisation’s AVG requests of clients, open ones first by due day (staff).',
  })
  async dataSubjectRequests(
    @Ctx() ctx: RequestContext,
    @Arg('status', () => DataSubjectRequestStatusValue, { nullable: true })
    status: DataSubjectRequestStatusValue | null,
  ): Promise<DataSubjectRequestView[]> {
    return (await listDataSubjectRequests(ctx, status)).map((record) => toView(ctx, record));
  }

  @Query(() => [DataSubjectRequestView], {
    description: 'The viewer’s own AVG requests in the active organisation, newest first.',
  })
  async myDataSubjectRequests(@Ctx() ctx: RequestContext): Promise<DataSubjectRequestView[]> {
    return (await myDataSubjectRequests(ctx)).map((record) => toView(ctx, record));
  }

  @Mutation(() => DataSubjectRequestView, {
    description: 'Asks for access to, and a copy of, one’s own data (client; AVG art. 15, 20).',
  })
  async requestDataAccess(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => DataAccessRequestInput, { nullable: true })
    input: DataAccessRequestInput | null,
  ): Promise<DataSubjectRequestView> {
    return toView(ctx, await requestDataAccess(ctx, input));
  }

  @Mutation(() => DataSubjectRequestView, {
    description: 'Asks that data about oneself be erased (client; AVG art. 17).',
  })
  async requestErasure(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => ErasureRequestInput) input: ErasureRequestInput,
  ): Promise<DataSubjectRequestView> {
    return toView(ctx, await requestErasure(ctx, input));
  }

  @Mutation(() => DataSubjectRequestView, {
    description:
      'Extends a request once, by 1 or 2 months, inside its first month; the client is told (staff).',
  })
  async extendDataSubjectRequest(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => ExtendDataSubjectRequestInput) input: ExtendDataSubjectRequestInput,
  ): Promise<DataSubjectRequestView> {
    return toView(ctx, await extendDataSubjectRequest(ctx, input));
  }

  @Mutation(() => DataSubjectRequestView, {
    description: 'Answers an access request: the client can download their export (staff).',
  })
  async answerDataSubjectRequest(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID) id: string,
  ): Promise<DataSubjectRequestView> {
    return toView(ctx, await answerDataSubjectRequest(ctx, id));
  }

  @Mutation(() => DataSubjectRequestView, {
    description: 'Grants or refuses an erasure request, with reasons told to the client (staff).',
  })
  async decideErasureRequest(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => DecideErasureRequestInput) input: DecideErasureRequestInput,
  ): Promise<DataSubjectRequestView> {
    return toView(ctx, await decideErasureRequest(ctx, input));
  }
}
