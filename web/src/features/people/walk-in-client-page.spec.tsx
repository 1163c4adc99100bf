import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderPage, testClient, testSession } from '../../test/render';
import { WalkInClientPage } from './walk-in-client-page';

const staff = testSession({ roles: ['handler'] });

describe('registering a walk-in client', () => {
  it('asks for the name before sending anything, by its label', async () => {
    const { client, calls } = testClient();
    renderPage(<WalkInClientPage />, { client, session: staff });
    fireEvent.click(screen.getByRole('button', { name: 'Account maken' }));
    const name = screen.getByLabelText(/Naam van de cliënt/);
    expect(await screen.findByRole('link', { name: 'Vul de naam van de cliënt in.' })).toBeTruthy();
    expect(name.getAttribute('aria-invalid')).toBe('true');
    expect(calls).toEqual([]);
  });

  it('makes the account and says the invitation went to the address the client gave', async () => {
    const { client, calls } = testClient({
      CreateClientAccount: {
        data: {
          createClientAccount: {
            member: { userId: 'u-1', displayName: 'Mevrouw De Vries' },
            invitation: { id: 'i-1', email: 'devries@example.test', expiresAt: '2027-01-01' },
          },
        },
      },
    });
    renderPage(<WalkInClientPage />, { client, session: staff });
    fireEvent.change(screen.getByLabelText(/Naam van de cliënt/), {
      target: { value: 'Mevrouw De Vries' },
    });
    fireEvent.change(screen.getByLabelText(/E-mailadres/), {
      target: { value: 'devries@example.test' },
    });
    fireEvent.click(screen.getByLabelText('Engels'));
    fireEvent.click(screen.getByRole('button', { name: 'Account maken' }));
    expect(await screen.findByText(/Het account van Mevrouw De Vries is gemaakt/)).toBeTruthy();
    expect(
      screen.getByText(/uitnodiging voor het portaal gestuurd naar devries@example.test/),
    ).toBeTruthy();
    // The next step for a walk-in client: registering their complaint, the client chosen.
    expect(
      screen
        .getByRole('link', { name: 'Klacht registreren voor Mevrouw De Vries' })
        .getAttribute('href'),
    ).toBe('/werkbak/klacht-registreren?client=u-1');
    expect(calls).toEqual([
      {
        name: 'CreateClientAccount',
        variables: {
          input: { displayName: 'Mevrouw De Vries', email: 'devries@example.test', language: 'EN' },
        },
      },
    ]);
  });

  it('sends no address when none was given, and shows the server’s refusal at its field', async () => {
    const { client, calls } = testClient({
      CreateClientAccount: (variables) =>
        (variables as { input: { email: string | null } }).input.email
          ? {
              error: {
                graphQLErrors: [
                  {
                    message: 'Geen geldig e-mailadres.',
                    extensions: { code: 'BAD_USER_INPUT', field: 'email' },
                  },
                ],
              },
            }
          : {
              data: {
                createClientAccount: {
                  member: { userId: 'u-2', displayName: 'Meneer Jansen' },
                  invitation: null,
                },
              },
            },
    });
    renderPage(<WalkInClientPage />, { client, session: staff });
    fireEvent.change(screen.getByLabelText(/Naam van de cliënt/), {
      target: { value: 'Meneer Jansen' },
    });
    fireEvent.change(screen.getByLabelText(/E-mailadres/), { target: { value: 'jansen@' } });
    fireEvent.click(screen.getByRole('button', { name: 'Account maken' }));
    await waitFor(() =>
      expect(screen.getByLabelText(/E-mailadres/).getAttribute('aria-invalid')).toBe('true'),
    );
    fireEvent.change(screen.getByLabelText(/E-mailadres/), { target: { value: '' } });
    fireEvent.click(screen.getByRole('button', { name: 'Account maken' }));
    expect(await screen.findByText(/geen uitnodiging gestuurd/)).toBeTruthy();
    expect(
      calls.map((call) => (call.variables as { input: { email: unknown } }).input.email),
    ).toEqual(['jansen@', null]);
  });
});
