import { DeferredJobSchema } from './core/queue/deferred-job.entity.js';
import { NotificationSchema } from './modules/notifications/notification.entity.js';
import { ContactPreferenceSchema } from './modules/contact/contact-preference.entity.js';
import { AccessLogEntrySchema } from './modules/access-log/access-log-entry.entity.js';
import { PasswordResetSchema } from './modules/auth/password-reset.entity.js';
import { SessionSchema } from './modules/auth/session.entity.js';
import { CaseEventSchema } from './modules/cases/case-event.entity.js';
import { CaseSchema } from './modules/cases/case.entity.js';
import { BundleProposalSchema } from './modules/commissions/bundle-proposal.entity.js';
import { CommissionLinkSchema } from './modules/commissions/commission-link.entity.js';
import { ReferralSchema } from './modules/commissions/referral.entity.js';
import { ConfidantGrantSchema } from './modules/confidants/confidant-grant.entity.js';
import { DocumentSchema } from './modules/documents/document.entity.js';
import { MeasureCompletionSchema } from './modules/measures/measure-completion.entity.js';
import { MeetingAudienceSchema, MeetingSchema } from './modules/meetings/meeting.entity.js';
import { MinutesSchema, MinutesSignatureSchema } from './modules/meetings/minutes.entity.js';
import { IdempotencyKeySchema } from './modules/idempotency/idempotency-key.entity.js';
import { CaseStageEntrySchema } from './modules/insights/case-stage-entry.entity.js';
import {
  CaseClosingSchema,
  CasePartClosingSchema,
  CaseReceiptSchema,
} from './modules/insights/insight-rows.entity.js';
import {
  RegisterCaseSchema,
  RegisterPartSchema,
} from './modules/insights/register-entry.entity.js';
import { InvitationSchema } from './modules/memberships/invitation.entity.js';
import { MembershipSchema } from './modules/memberships/membership.entity.js';
import { CaseMessageDocumentSchema, CaseMessageSchema } from './modules/messages/message.entity.js';
import { CaseRetentionSchema } from './modules/retention/case-retention.entity.js';
import { OrganisationSchema } from './modules/organisations/organisation.entity.js';
import { ProcedureVersionSchema } from './modules/procedures/procedure-version.entity.js';
import { SecurityEventSchema } from './modules/security-log/security-event.entity.js';
import { UserSchema } from './modules/users/user.entity.js';
import { CaseAssignmentSchema } from './modules/routing/case-assignment.entity.js';
import { StageRouteSchema } from './modules/routing/stage-route.entity.js';
import { UnitMemberSchema, UnitSchema } from './modules/routing/unit.entity.js';
import { DataSubjectRequestSchema } from './modules/data-subject-requests/data-subject-request.entity.js';

/** Every entity the ORM knows; listed explicitly so no file-system discovery is needed. */
export const ENTITIES = [
  SecurityEventSchema,
  OrganisationSchema,
  UserSchema,
  MembershipSchema,
  InvitationSchema,
  SessionSchema,
  PasswordResetSchema,
  ProcedureVersionSchema,
  CaseSchema,
  CaseEventSchema,
  ConfidantGrantSchema,
  AccessLogEntrySchema,
  DocumentSchema,
  CaseMessageSchema,
  CaseMessageDocumentSchema,
  MeetingSchema,
  MeetingAudienceSchema,
  MinutesSchema,
  MinutesSignatureSchema,
  MeasureCompletionSchema,
  CommissionLinkSchema,
  ReferralSchema,
  BundleProposalSchema,
  IdempotencyKeySchema,
  DeferredJobSchema,
  NotificationSchema,
  DataSubjectRequestSchema,
  ContactPreferenceSchema,
  UnitSchema,
  UnitMemberSchema,
  StageRouteSchema,
  CaseAssignmentSchema,
  // Read-only views for the register and the dashboard.
  CaseStageEntrySchema,
  CaseReceiptSchema,
  CaseClosingSchema,
  CasePartClosingSchema,
  RegisterCaseSchema,
  RegisterPartSchema,
  CaseRetentionSchema,
];
