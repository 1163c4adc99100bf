import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { denyRefusalsPerOperation } from './modules/access-log/access-log.middleware.js';
import { AccessLogResolver } from './modules/access-log/access-log.resolver.js';
import { AuthResolver, MeResolver } from './modules/auth/auth.resolver.js';
import { CaseConnectionResolver, CaseResolver } from './modules/cases/case.resolver.js';
import {
  CaseDocumentsResolver,
  ConsentDocumentResolver,
  DocumentRulesResolver,
} from './modules/documents/document.resolver.js';
import { CaseNoticesResolver, LetterResolver } from './modules/letters/letter.resolver.js';
import { MeasureResolver } from './modules/measures/measure.resolver.js';
import { CaseMeetingsResolver, MeetingResolver } from './modules/meetings/meeting.resolver.js';
import { MessageResolver } from './modules/messages/message.resolver.js';
import {
  CaseConfidantsResolver,
  ConfidantResolver,
} from './modules/confidants/confidant.resolver.js';
import { CommissionsResolver } from './modules/commissions/commissions.resolver.js';
import { InsightsResolver } from './modules/insights/insights.resolver.js';
import { NotificationResolver } from './modules/notifications/notification.resolver.js';
import { CaseSafeContactResolver, ContactResolver } from './modules/contact/contact.resolver.js';
import { MembersResolver } from './modules/memberships/members.resolver.js';
import { OrganisationResolver } from './modules/organisations/organisation.resolver.js';
import { ProcedureResolver } from './modules/procedures/procedure.resolver.js';
import { RealtimeResolver } from './modules/realtime/realtime.resolver.js';
import { RoutingResolver } from './modules/routing/routing.resolver.js';
import { RetentionResolver } from './modules/retention/retention.resolver.js';
import { DataSubjectRequestResolver } from './modules/data-subject-requests/data-subject-request.resolver.js';

/** Every resolver, in one list: the one schema builder. */
export const RESOLVERS = [
  AuthResolver,
  MeResolver,
  OrganisationResolver,
  MembersResolver,
  ProcedureResolver,
  CaseResolver,
  CaseConnectionResolver,
  CaseDocumentsResolver,
  DocumentRulesResolver,
  ConsentDocumentResolver,
  LetterResolver,
  CaseNoticesResolver,
  CaseConfidantsResolver,
  ConfidantResolver,
  AccessLogResolver,
  MessageResolver,
  MeetingResolver,
  CaseMeetingsResolver,
  MeasureResolver,
  CommissionsResolver,
  InsightsResolver,
  NotificationResolver,
  ContactResolver,
  CaseSafeContactResolver,
  RealtimeResolver,
  RetentionResolver,
  DataSubjectRequestResolver,
  RoutingResolver,
] as const;

export async function buildKlachtpadSchema(): Promise<GraphQLSchema> {
  // Input validation happens in services (zod), where it can see the procedure and the case.
  const schema = await buildSchema({
    resolvers: [...RESOLVERS],
    validate: false,
    // Every subscription names its own source (the live feed, ADR 0075); type-graphql insists on
    // a pub/sub all the same, and this one refuses to be used.
    pubSub: {
      publish: () => {
        throw new Error('Subscriptions read the live feed; nothing publishes.');
      },
      subscribe: () => {
        throw new Error('Subscriptions read the live feed; name a source.');
      },
    },
  });
  return denyRefusalsPerOperation(schema);
}
