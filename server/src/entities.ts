import { AccessLogEntrySchema } from './modules/access-log/access-log-entry.entity.js';
import { SessionSchema } from './modules/auth/session.entity.js';
import { CaseEventSchema } from './modules/cases/case-event.entity.js';
import { CaseSchema } from './modules/cases/case.entity.js';
import { ConfidantGrantSchema } from './modules/confidants/confidant-grant.entity.js';
import { IdempotencyKeySchema } from './modules/idempotency/idempotency-key.entity.js';
import { CaseStageEntrySchema } from './modules/insights/case-stage-entry.entity.js';
import {
  RegisterCaseSchema,
  RegisterPartSchema,
} from './modules/insights/register-entry.entity.js';
import { MembershipSchema } from './modules/memberships/membership.entity.js';
import { OrganisationSchema } from './modules/organisations/organisation.entity.js';
import { ProcedureVersionSchema } from './modules/procedures/procedure-version.entity.js';
import { UserSchema } from './modules/users/user.entity.js';

/** Every entity the ORM knows; listed explicitly so no file-system discovery is needed. */
export const ENTITIES = [
  OrganisationSchema,
  UserSchema,
  MembershipSchema,
  SessionSchema,
  ProcedureVersionSchema,
  CaseSchema,
  CaseEventSchema,
  ConfidantGrantSchema,
  AccessLogEntrySchema,
  IdempotencyKeySchema,
  // Read-only views for the register and the dashboard.
  CaseStageEntrySchema,
  RegisterCaseSchema,
  RegisterPartSchema,
];
