import { fireEvent, screen, within } from '@testing-library/react';
import { GraphQLError } from 'graphql';
import { CombinedError } from 'urql';
import { describe, expect, it } from 'vitest';
import { navigationFor } from '../../app/navigation';
import { renderPage, testClient, testSession } from '../../test/render';
import { OrganisationStructurePage } from './organisation-structure-page';

const director = testSession({ roles: ['director'] });

const structure = {
  data: {
    units: [{ id: 'unit-1', name: 'Team Noord', managerId: 'm-1', memberIds: ['h-1'] }],
    members: [
      { userId: 'm-1', displayName: 'Mira Manager', roles: ['MANAGER'], position: null },
      { userId: 'm-2', displayName: 'Karel Teamleider', roles: ['MANAGER'], position: null },
      { userId: 'h-1', displayName: 'Bram Begeleider', roles: ['HANDLER'], position: null },
      { userId: 'd-1', displayName: 'Dina Directeur', roles: ['DIRECTOR'], position: 'DIRECTIE' },
      { userId: 'd-2', displayName: 'Bert Bestuurder', roles: ['DIRECTOR'], position: 'BESTUUR' },
    ],
    stageRoutes: [
      {
        track: 'intern',
        stage: 'leidinggevende',
        role: 'MANAGER',
        position: null,
        byUnit: true,
        defaultAssigneeId: null,
      },
      {
        track: 'intern',
        stage: 'bestuur',
        role: 'DIRECTOR',
        position: 'BESTUUR',
        byUnit: false,
        defaultAssigneeId: null,
      },
    ],
  },
};

describe('teams and routing per stage', () => {
  it('shows the teams with their manager and staff, and per stage who can take it', async () => {
    const { client } = testClient({ OrganisationStructure: structure });
    renderPage(<OrganisationStructurePage />, { client, session: director });
    const units = await screen.findByRole('table', { name: /Teams en locaties/ });
    const row = within(units).getByRole('row', { name: /Team Noord/ });
    expect(within(row).getByText('Mira Manager')).toBeTruthy();
    expect(within(row).getByText('Bram Begeleider')).toBeTruthy();
    const routes = screen.getByRole('table', { name: /Per fase/ });
    const manager = within(routes).getByRole('row', { name: /leidinggevende/ });
    expect(
      (
        within(manager).getByRole('checkbox', {
          name: /team van de medewerker/,
        }) as HTMLInputElement
      ).checked,
    ).toBe(true);
    // The bestuur's stage offers the bestuur (and directors without a position), not the directie.
    const board = within(routes).getByRole('row', { name: /bestuur/ });
    const options = within(within(board).getByLabelText('Anders naar'))
      .getAllByRole('option')
      .map((option) => option.textContent);
    expect(options).toEqual(['Niemand vast', 'Bert Bestuurder']);
    expect(within(board).queryByRole('checkbox')).toBeNull();
  });

  it('adds a team with its manager, and shows the server’s refusal at its field', async () => {
    const { client, calls } = testClient({
      OrganisationStructure: structure,
      CreateUnit: (variables) =>
        (variables as { input: { name: string } }).input.name === 'Team Noord'
          ? {
              error: {
                graphQLErrors: [
                  {
                    message: 'Er is al een team met deze naam.',
                    extensions: { code: 'BAD_USER_INPUT', field: 'name' },
                  },
                ],
              },
            }
          : {
              data: {
                createUnit: { id: 'unit-2', name: 'Team Zuid', managerId: 'm-2', memberIds: [] },
              },
            },
    });
    renderPage(<OrganisationStructurePage />, { client, session: director });
    const name = await screen.findByLabelText('Naam van het team of de locatie');
    fireEvent.click(screen.getByRole('button', { name: 'Toevoegen' }));
    expect(await screen.findByRole('link', { name: /Vul de naam/ })).toBeTruthy();
    fireEvent.change(name, { target: { value: 'Team Noord' } });
    fireEvent.click(screen.getByRole('button', { name: 'Toevoegen' }));
    expect(
      await screen.findByRole('link', { name: 'Er is al een team met deze naam.' }),
    ).toBeTruthy();
    expect(name.getAttribute('aria-invalid')).toBe('true');
    fireEvent.change(name, { target: { value: 'Team Zuid' } });
    fireEvent.change(screen.getByLabelText('Leidinggevende'), { target: { value: 'm-2' } });
    fireEvent.click(screen.getByRole('button', { name: 'Toevoegen' }));
    expect(await screen.findByText('Team Zuid is toegevoegd.')).toBeTruthy();
    expect(
      calls.filter((call) => call.name === 'CreateUnit').map((call) => call.variables),
    ).toEqual([
      { input: { name: 'Team Noord', managerId: null } },
      { input: { name: 'Team Zuid', managerId: 'm-2' } },
    ]);
  });

  it('deletes a team only after asking, saying what happens to its staff', async () => {
    const { client, calls } = testClient({
      OrganisationStructure: structure,
      DeleteUnit: { data: { deleteUnit: { id: 'unit-1', name: 'Team Noord' } } },
    });
    renderPage(<OrganisationStructurePage />, { client, session: director });
    const units = await screen.findByRole('table', { name: /Teams en locaties/ });
    fireEvent.click(within(units).getByRole('button', { name: 'Team Noord verwijderen' }));
    const ask = within(units).getByRole('group', { name: 'Team Noord verwijderen?' });
    expect(ask.textContent).toContain(
      'De 1 medewerker blijft lid van de organisatie en van eventuele andere teams.',
    );
    expect(ask.textContent).toContain('Zaken die al bij de leidinggevende liggen, blijven daar.');
    // Cancelling deletes nothing.
    fireEvent.click(within(ask).getByRole('button', { name: 'Annuleren' }));
    expect(calls.some((call) => call.name === 'DeleteUnit')).toBe(false);
    fireEvent.click(within(units).getByRole('button', { name: 'Team Noord verwijderen' }));
    fireEvent.click(within(units).getByRole('button', { name: 'Ja, verwijderen' }));
    expect(await screen.findByText('Team Noord is verwijderd.')).toBeTruthy();
    expect(calls.find((call) => call.name === 'DeleteUnit')?.variables).toEqual({ id: 'unit-1' });
  });

  it('says so when the team was no longer there', async () => {
    const { client } = testClient({
      OrganisationStructure: structure,
      DeleteUnit: {
        error: new CombinedError({
          graphQLErrors: [
            new GraphQLError('Team niet gevonden.', { extensions: { code: 'NOT_FOUND' } }),
          ],
        }),
      },
    });
    renderPage(<OrganisationStructurePage />, { client, session: director });
    const units = await screen.findByRole('table', { name: /Teams en locaties/ });
    fireEvent.click(within(units).getByRole('button', { name: 'Team Noord verwijderen' }));
    fireEvent.click(within(units).getByRole('button', { name: 'Ja, verwijderen' }));
    expect((await within(units).findByRole('alert')).textContent).toBe(
      'Team Noord bestaat niet (meer) in deze organisatie.',
    );
  });

  it('saves a stage’s rule as chosen', async () => {
    const { client, calls } = testClient({
      OrganisationStructure: structure,
      SetStageRoute: {
        data: {
          setStageRoute: {
            ...structure.data.stageRoutes[0]!,
            byUnit: false,
            defaultAssigneeId: 'm-2',
          },
        },
      },
    });
    renderPage(<OrganisationStructurePage />, { client, session: director });
    const routes = await screen.findByRole('table', { name: /Per fase/ });
    const manager = within(routes).getByRole('row', { name: /leidinggevende/ });
    fireEvent.click(within(manager).getByRole('checkbox'));
    fireEvent.change(within(manager).getByLabelText('Anders naar'), { target: { value: 'm-2' } });
    fireEvent.click(within(manager).getByRole('button', { name: 'Opslaan' }));
    expect(await within(manager).findByText('Opgeslagen.')).toBeTruthy();
    expect(calls.find((call) => call.name === 'SetStageRoute')?.variables).toEqual({
      input: { stage: 'leidinggevende', byUnit: false, defaultAssigneeId: 'm-2' },
    });
  });

  it('is a director’s page: anyone else finds no such page and no menu item', () => {
    const { client, calls } = testClient({ OrganisationStructure: structure });
    renderPage(<OrganisationStructurePage />, {
      client,
      session: testSession({ roles: ['manager'] }),
    });
    expect(screen.queryByRole('heading', { name: 'Teams en toewijzing' })).toBeNull();
    expect(calls).toEqual([]);
    for (const roles of [['manager'], ['handler'], ['client']] as const)
      expect(navigationFor(roles).map((item) => item.to)).not.toContain('/organisatie/teams');
    expect(navigationFor(['director']).map((item) => item.to)).toContain('/organisatie/teams');
  });
});
