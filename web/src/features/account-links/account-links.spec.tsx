import { fireEvent, screen, waitFor } from '@testing-library/react';
import { GraphQLError } from 'graphql';
import { CombinedError } from 'urql';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readOrganisationPreference } from '../../shared/api/organisation-preference';
import { renderPage, testClient } from '../../test/render';
import { ForgotPasswordPage } from './forgot-password-page';
import { InvitationPage } from './invitation-page';
import { ResetPasswordPage } from './reset-password-page';

const refused = (extensions: Record<string, unknown>) => ({
  error: new CombinedError({ graphQLErrors: [new GraphQLError('refused', { extensions })] }),
});

const preview = (accountExists: boolean) => ({
  data: {
    invitation: {
      email: 'nieuw@voorbeeld.nl',
      organisationName: 'Bureau MHR',
      organisationSlug: 'bureau-mhr',
      roles: ['HANDLER'],
      accountExists,
      expiresAt: '2026-12-09T10:00:00.000Z',
    },
  },
});

const type = (label: string | RegExp, value: string) =>
  fireEvent.change(screen.getByLabelText(label), { target: { value } });

afterEach(() => {
  vi.restoreAllMocks();
  sessionStorage.clear();
});

describe('the invitation page', () => {
  it('lets a new person choose a name and password, checked before sending, then starts them in the organisation', async () => {
    const { client, calls } = testClient({
      InvitationPreview: preview(false),
      AcceptInvitation: { data: { acceptInvitation: { mfaRequired: false } } },
    });
    const goHome = vi.fn();
    renderPage(<InvitationPage goHome={goHome} />, {
      client,
      path: '/invitation?token=abc',
      route: '/invitation',
    });
    expect(
      await screen.findByText('Bureau MHR nodigt u uit voor Klachtpad, als klachtbehandelaar.'),
    ).toBeTruthy();
    expect(calls[0]).toMatchObject({ name: 'InvitationPreview', variables: { token: 'abc' } });
    type('Uw naam', 'Łukasz Nowak');
    type('Nieuw wachtwoord', 'kort');
    fireEvent.click(screen.getByRole('button', { name: 'Uitnodiging aannemen' }));
    expect(await screen.findByText('Kies een wachtwoord van minstens 10 tekens.')).toBeTruthy();
    type('Nieuw wachtwoord', 'een lange zin als wachtwoord');
    type('Nieuw wachtwoord nog een keer', 'een andere zin als wachtwoord');
    fireEvent.click(screen.getByRole('button', { name: 'Uitnodiging aannemen' }));
    expect(await screen.findByText(/niet hetzelfde/)).toBeTruthy();
    expect(calls.map((c) => c.name)).toEqual(['InvitationPreview']);
    type('Nieuw wachtwoord nog een keer', 'een lange zin als wachtwoord');
    fireEvent.click(screen.getByRole('button', { name: 'Uitnodiging aannemen' }));
    await waitFor(() => expect(goHome).toHaveBeenCalled());
    expect(calls[1]).toMatchObject({
      name: 'AcceptInvitation',
      variables: {
        input: {
          token: 'abc',
          password: 'een lange zin als wachtwoord',
          displayName: 'Łukasz Nowak',
        },
      },
    });
    expect(readOrganisationPreference()).toBe('bureau-mhr');
  });

  it('asks someone with an account for their own password, and says so when it is wrong', async () => {
    const { client, calls } = testClient({
      InvitationPreview: preview(true),
      AcceptInvitation: refused({ code: 'UNAUTHENTICATED' }),
    });
    const goHome = vi.fn();
    renderPage(<InvitationPage goHome={goHome} />, {
      client,
      path: '/invitation?token=abc',
      route: '/invitation',
    });
    await screen.findByText(/U heeft al een account/);
    expect(screen.queryByLabelText('Uw naam')).toBeNull();
    type('Uw wachtwoord', 'mijn eigen wachtwoord');
    fireEvent.click(screen.getByRole('button', { name: 'Uitnodiging aannemen' }));
    expect(await screen.findByText(/Dit wachtwoord klopt niet/)).toBeTruthy();
    expect(calls[1]).toMatchObject({
      variables: { input: { token: 'abc', password: 'mijn eigen wachtwoord' } },
    });
    expect(goHome).not.toHaveBeenCalled();
  });

  it('says a link without its token is no longer valid, and asks the server nothing', async () => {
    const { client, calls } = testClient({});
    renderPage(<InvitationPage />, { client, path: '/invitation', route: '/invitation' });
    expect(await screen.findByText(/niet meer geldig/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Uitnodiging aannemen' })).toBeNull();
    expect(document.title).toBe('Fout: Uitnodiging voor Klachtpad – Klachtpad');
    expect(calls).toEqual([]);
  });
});

describe('the password pages', () => {
  it('sets a new password once, and tells when the link is spent', async () => {
    const { client, calls } = testClient({
      ResetPassword: { data: { resetPassword: true } },
    });
    renderPage(<ResetPasswordPage />, {
      client,
      path: '/reset-password?token=t1',
      route: '/reset-password',
    });
    type('Nieuw wachtwoord', 'een lange zin als wachtwoord');
    type('Nieuw wachtwoord nog een keer', 'een lange zin als wachtwoord');
    fireEvent.click(screen.getByRole('button', { name: 'Wachtwoord opslaan' }));
    expect(await screen.findByText(/is opgeslagen/)).toBeTruthy();
    expect(calls[0]).toMatchObject({
      name: 'ResetPassword',
      variables: { token: 't1', password: 'een lange zin als wachtwoord' },
    });

    const spent = testClient({
      ResetPassword: refused({ code: 'BAD_USER_INPUT', field: 'token' }),
    });
    renderPage(<ResetPasswordPage />, {
      client: spent.client,
      path: '/reset-password?token=t1',
      route: '/reset-password',
    });
    type('Nieuw wachtwoord', 'een lange zin als wachtwoord');
    type('Nieuw wachtwoord nog een keer', 'een lange zin als wachtwoord');
    fireEvent.click(screen.getByRole('button', { name: 'Wachtwoord opslaan' }));
    expect(await screen.findByText(/Deze link is niet meer geldig/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Een nieuwe link aanvragen' })).toBeTruthy();
  });

  it('asks for a link and answers the same whether or not the address is known', async () => {
    const { client, calls } = testClient({
      RequestPasswordReset: { data: { requestPasswordReset: true } },
    });
    renderPage(<ForgotPasswordPage />, { client });
    type('E-mailadres', 'geen-adres');
    fireEvent.click(screen.getByRole('button', { name: 'Link aanvragen' }));
    expect(await screen.findByText(/Vul een geldig e-mailadres in/)).toBeTruthy();
    expect(calls).toEqual([]);
    type('E-mailadres', ' iemand@voorbeeld.nl ');
    fireEvent.click(screen.getByRole('button', { name: 'Link aanvragen' }));
    expect(await screen.findByText(/Als dit e-mailadres bij ons bekend is/)).toBeTruthy();
    expect(calls[0]).toMatchObject({ variables: { email: 'iemand@voorbeeld.nl' } });
  });
});
