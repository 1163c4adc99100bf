import type { MigrationObject } from '@mikro-orm/core';
import { Migration0001Foundation } from './migrations/0001-foundation.migration.js';
import { Migration0002Cases } from './migrations/0002-cases.migration.js';
import { Migration0003ItemAudience } from './migrations/0003-item-audience.migration.js';
import { Migration0004ConfidantGrants } from './migrations/0004-confidant-grants.migration.js';
import { Migration0005CommissionReferrals } from './migrations/0005-commission-referrals.migration.js';
import { Migration0006Casework } from './migrations/0006-casework.migration.js';
import { Migration0007IdempotencyKeys } from './migrations/0007-idempotency-keys.migration.js';
import { Migration0008Documents } from './migrations/0008-documents.migration.js';
import { Migration0009BundleMessagesDocuments } from './migrations/0009-bundle-messages-documents.migration.js';
import { Migration0010IntakeQueue } from './migrations/0010-intake-queue.migration.js';
import { Migration0011AccessLogSealing } from './migrations/0011-access-log-sealing.migration.js';
import { Migration0030UserLanguage } from './migrations/0030-user-language.migration.js';
import { Migration0045JobQueue } from './migrations/0045-job-queue.migration.js';
import { Migration0046Notifications } from './migrations/0046-notifications.migration.js';
import { Migration0047SafeContact } from './migrations/0047-safe-contact.migration.js';
import { Migration0048OwnIdempotencyKeys } from './migrations/0048-own-idempotency-keys.migration.js';
import { Migration0060UserSecrets } from './migrations/0060-user-secrets.migration.js';
import { Migration0075RealtimeFeed } from './migrations/0075-realtime-feed.migration.js';
import { Migration0079LiveSocketStanding } from './migrations/0079-live-socket-standing.migration.js';
import { Migration0080ItemReferences } from './migrations/0080-item-references.migration.js';
import { Migration0081LetterRecipients } from './migrations/0081-letter-recipients.migration.js';
import { Migration0085InboxIndexes } from './migrations/0085-inbox-indexes.migration.js';
import { Migration0086DashboardInsights } from './migrations/0086-dashboard-insights.migration.js';
import { Migration0090InvitationsAndEndedMemberships } from './migrations/0090-invitations-and-ended-memberships.migration.js';
import { Migration0091PasswordResets } from './migrations/0091-password-resets.migration.js';
import { Migration0092OperatorsAndOnboarding } from './migrations/0092-operators-and-onboarding.migration.js';
import { Migration0062SignInLimits } from './migrations/0062-sign-in-limits.migration.js';
import { Migration0066DocumentScanning } from './migrations/0066-document-scanning.migration.js';
import { Migration0103UnitsAndRouting } from './migrations/0103-units-and-routing.migration.js';
import { Migration0067DisabledAccounts } from './migrations/0067-disabled-accounts.migration.js';
import { Migration0068SecurityLog } from './migrations/0068-security-log.migration.js';
import { Migration0093OwnPasswordAndRecoveryCodes } from './migrations/0093-own-password-and-recovery-codes.migration.js';
import { Migration0096ReassignmentAndWalkInClients } from './migrations/0096-reassignment-and-walk-in-clients.migration.js';
import { Migration0098InboxOrders } from './migrations/0098-inbox-orders.migration.js';
import { Migration0099OverdueAfterExpiry } from './migrations/0099-overdue-after-expiry.migration.js';
import { Migration0100RegisterRoutes } from './migrations/0100-register-routes.migration.js';
import { Migration0105ConsentDocuments } from './migrations/0105-consent-documents.migration.js';
import { Migration0107RegisterExternalEntries } from './migrations/0107-register-external-entries.migration.js';
import { Migration0108DirectieReadsOnly } from './migrations/0108-directie-reads-only.migration.js';
import { Migration0109SecurityLogByOrganisation } from './migrations/0109-security-log-by-organisation.migration.js';
import { Migration0094RetentionAndAnonymisation } from './migrations/0094-retention-and-anonymisation.migration.js';
import { Migration0087OrganisationAccessLog } from './migrations/0087-organisation-access-log.migration.js';
import { Migration0095DataSubjectRequests } from './migrations/0095-data-subject-requests.migration.js';

/**
 * Every migration, in order. Listed explicitly rather than discovered from the file system, so
 * the same list runs from TypeScript sources (tests, dev) and compiled output (start).
 */
export const MIGRATIONS: MigrationObject[] = [
  { name: '0001-foundation', class: Migration0001Foundation },
  { name: '0002-cases', class: Migration0002Cases },
  { name: '0003-item-audience', class: Migration0003ItemAudience },
  { name: '0004-confidant-grants', class: Migration0004ConfidantGrants },
  { name: '0005-commission-referrals', class: Migration0005CommissionReferrals },
  { name: '0006-casework', class: Migration0006Casework },
  { name: '0007-idempotency-keys', class: Migration0007IdempotencyKeys },
  { name: '0008-documents', class: Migration0008Documents },
  { name: '0009-bundle-messages-documents', class: Migration0009BundleMessagesDocuments },
  { name: '0010-intake-queue', class: Migration0010IntakeQueue },
  { name: '0011-access-log-sealing', class: Migration0011AccessLogSealing },
  { name: '0030-user-language', class: Migration0030UserLanguage },
  { name: '0045-job-queue', class: Migration0045JobQueue },
  { name: '0046-notifications', class: Migration0046Notifications },
  { name: '0047-safe-contact', class: Migration0047SafeContact },
  { name: '0048-own-idempotency-keys', class: Migration0048OwnIdempotencyKeys },
  { name: '0075-realtime-feed', class: Migration0075RealtimeFeed },
  { name: '0080-item-references', class: Migration0080ItemReferences },
  { name: '0081-letter-recipients', class: Migration0081LetterRecipients },
  { name: '0085-inbox-indexes', class: Migration0085InboxIndexes },
  {
    name: '0090-invitations-and-ended-memberships',
    class: Migration0090InvitationsAndEndedMemberships,
  },
  { name: '0091-password-resets', class: Migration0091PasswordResets },
  // After 0090 and 0091, whose invited accounts and resets set passwords: it moves password_hash.
  { name: '0060-user-secrets', class: Migration0060UserSecrets },
  { name: '0092-operators-and-onboarding', class: Migration0092OperatorsAndOnboarding },
  { name: '0062-sign-in-limits', class: Migration0062SignInLimits },
  {
    name: '0093-own-password-and-recovery-codes',
    class: Migration0093OwnPasswordAndRecoveryCodes,
  },
  { name: '0066-document-scanning', class: Migration0066DocumentScanning },
  { name: '0067-disabled-accounts', class: Migration0067DisabledAccounts },
  { name: '0068-security-log', class: Migration0068SecurityLog },
  { name: '0094-retention-and-anonymisation', class: Migration0094RetentionAndAnonymisation },
  { name: '0087-organisation-access-log', class: Migration0087OrganisationAccessLog },
  {
    name: '0096-reassignment-and-walk-in-clients',
    class: Migration0096ReassignmentAndWalkInClients,
  },
  { name: '0095-data-subject-requests', class: Migration0095DataSubjectRequests },
  { name: '0098-inbox-orders', class: Migration0098InboxOrders },
  { name: '0099-overdue-after-expiry', class: Migration0099OverdueAfterExpiry },
  { name: '0100-register-routes', class: Migration0100RegisterRoutes },
  { name: '0086-dashboard-insights', class: Migration0086DashboardInsights },
  // Numbered with the live feed's ADRs (0075-0079), written after 0099.
  { name: '0079-live-socket-standing', class: Migration0079LiveSocketStanding },
  { name: '0103-units-and-routing', class: Migration0103UnitsAndRouting },
  { name: '0105-consent-documents', class: Migration0105ConsentDocuments },
  { name: '0107-register-external-entries', class: Migration0107RegisterExternalEntries },
  { name: '0108-directie-reads-only', class: Migration0108DirectieReadsOnly },
  { name: '0109-security-log-by-organisation', class: Migration0109SecurityLogByOrganisation },
];
