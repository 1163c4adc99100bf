import type { RouteObject } from 'react-router';
import { PublicRoot } from '../features/account-links/public-page';
import { MyComplaintsPage } from '../features/complaints/my-complaints-page';
import { NotFoundPage } from '../features/home/not-found-page';
import { StartPage } from '../features/home/start-page';
import { LoadingScreen } from '../shared/page/loading-screen';
import { RouteErrorPage } from './route-error-page';
import { SessionRoot } from './session-root';

/**
 * Every page has an address of its own that is safe to bookmark or share: no personal data and
 * no organisation in the path (the tab remembers the organisation; a case id alone says nothing
 * to anyone without access). Heavier pages load their code when first visited.
 */
export const routes: RouteObject[] = [
  // The pages a link in a mail opens, signed in or not: outside the session gate.
  {
    element: <PublicRoot />,
    errorElement: <RouteErrorPage />,
    hydrateFallbackElement: <LoadingScreen />,
    children: [
      {
        path: 'invitation',
        lazy: async () => ({
          Component: (await import('../features/account-links/invitation-page')).InvitationPage,
        }),
      },
      {
        path: 'reset-password',
        lazy: async () => ({
          Component: (await import('../features/account-links/reset-password-page'))
            .ResetPasswordPage,
        }),
      },
      {
        path: 'wachtwoord-vergeten',
        lazy: async () => ({
          Component: (await import('../features/account-links/forgot-password-page'))
            .ForgotPasswordPage,
        }),
      },
    ],
  },
  {
    path: '/',
    element: <SessionRoot />,
    errorElement: <RouteErrorPage />,
    hydrateFallbackElement: <LoadingScreen />,
    children: [
      { index: true, element: <StartPage /> },
      { path: 'klachten', element: <MyComplaintsPage /> },
      {
        path: 'klachten/nieuw',
        lazy: async () => ({
          Component: (await import('../features/filing/file-complaint-page')).FileComplaintPage,
        }),
      },
      {
        path: 'klachten/:caseId',
        lazy: async () => ({
          Component: (await import('../features/case/case-page')).CasePage,
        }),
      },
      {
        path: 'klachten/:caseId/toegang',
        lazy: async () => ({
          Component: (await import('../features/sharing/case-sharing-page')).CaseSharingPage,
        }),
      },
      {
        path: 'klachten/:caseId/ingezien',
        lazy: async () => ({
          Component: (await import('../features/sharing/access-log-page')).AccessLogPage,
        }),
      },
      {
        path: 'vertrouwenspersonen',
        lazy: async () => ({
          Component: (await import('../features/sharing/confidants-page')).ConfidantsPage,
        }),
      },
      {
        path: 'clienten',
        lazy: async () => ({
          Component: (await import('../features/confidant/confidant-clients-page'))
            .ConfidantClientsPage,
        }),
      },
      {
        path: 'meldingen',
        lazy: async () => ({
          Component: (await import('../features/notifications/notifications-page'))
            .NotificationsPage,
        }),
      },
      {
        path: 'mijn-gegevens',
        lazy: async () => ({
          Component: (await import('../features/my-data/my-data-page')).MyDataPage,
        }),
      },
      {
        path: 'bereikbaarheid',
        lazy: async () => ({
          Component: (await import('../features/contact/contact-page')).ContactPage,
        }),
      },
      {
        // The link in the mail that asks a person to confirm an address as safe.
        path: 'bereikbaarheid/bevestigen',
        lazy: async () => ({
          Component: (await import('../features/contact/confirm-contact-page')).ConfirmContactPage,
        }),
      },
      {
        path: 'werkbak',
        lazy: async () => ({
          Component: (await import('../features/inbox/inbox-page')).InboxPage,
        }),
      },
      {
        path: 'werkbak/client-inschrijven',
        lazy: async () => ({
          Component: (await import('../features/people/walk-in-client-page')).WalkInClientPage,
        }),
      },
      {
        path: 'werkbak/klacht-registreren',
        lazy: async () => ({
          Component: (await import('../features/filing/staff-filing-page')).StaffFilingPage,
        }),
      },
      {
        path: 'organisatie/teams',
        lazy: async () => ({
          Component: (await import('../features/people/organisation-structure-page'))
            .OrganisationStructurePage,
        }),
      },
      {
        path: 'werkbak/:caseId',
        lazy: async () => ({
          Component: (await import('../features/staff-case/staff-case-page')).StaffCasePage,
        }),
      },
      {
        // The charts' library comes with this page alone (ADR 0086).
        path: 'dashboard',
        lazy: async () => ({
          Component: (await import('../features/dashboard/dashboard-page')).DashboardPage,
        }),
      },
      {
        path: 'register',
        lazy: async () => ({
          Component: (await import('../features/register/register-page')).RegisterPage,
        }),
      },
      {
        path: 'toegangslogboek',
        lazy: async () => ({
          Component: (await import('../features/access-log/organisation-access-log-page'))
            .OrganisationAccessLogPage,
        }),
      },
      {
        path: 'procedure',
        lazy: async () => ({
          Component: (await import('../features/procedure/procedure-page')).ProcedurePage,
        }),
      },
      {
        path: 'procedure/bewerken',
        lazy: async () => ({
          Component: (await import('../features/procedure/procedure-editor-page'))
            .ProcedureEditorPage,
        }),
      },
      {
        path: 'commissie',
        lazy: async () => ({
          Component: (await import('../features/commission/commission-page')).CommissionPage,
        }),
      },
      {
        path: 'commissie/:caseId',
        lazy: async () => ({
          Component: (await import('../features/commission/commission-case-page'))
            .CommissionCasePage,
        }),
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];
