import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { navigationFor } from '../../app/navigation';
import { renderPage, testClient } from '../../test/render';
import { MyDataPage } from './my-data-page';
import type { MyRequest } from './my-data.graphql';

const answered: MyRequest = {
  id: 'r-1',
  kind: 'ACCESS',
  status: 'ANSWERED',
  note: null,
  receivedOn: '2027-03-02',
  dueOn: '2027-06-02',
  dueDerivation: {
    nl: '02-06-2027 = ontvangen 02-03-2027 + 1 maand; verlengd met 2 maanden',
    en: '02-06-2027 = received 02-03-2027 + 1 month; extended by 2 months',
  },
  extension: { months: 2, reason: 'Het dossier is omvangrijk.' },
  decidedAt: '2027-05-01T10:00:00Z',
  decisionReasons: null,
  download: { json: '/data-exports/r-1/json', pdf: '/data-exports/r-1/pdf' },
};
const openErasure: MyRequest = {
  id: 'r-2',
  kind: 'ERASURE',
  status: 'OPEN',
  note: 'Mijn telefoonnummer',
  receivedOn: '2027-05-03',
  dueOn: '2027-06-03',
  dueDerivation: { nl: '03-06-2027 = ontvangen 03-05-2027 + 1 maand', en: '…' },
  extension: null,
  decidedAt: null,
  decisionReasons: null,
  download: null,
};

afterEach(() => vi.restoreAllMocks());

describe('the page of the client’s own data', () => {
  it('shows each request with its day and extension, and downloads an answer with the organisation', async () => {
    const fetched = vi
      .spyOn(globalThis, 'fetch')
      .mockResolvedValue(new Response(new Blob(['%PDF-']), { status: 200 }));
    Object.assign(URL, { createObjectURL: vi.fn(() => 'blob:x'), revokeObjectURL: vi.fn() });
    const { client } = testClient({
      MyDataSubjectRequests: { data: { myDataSubjectRequests: [answered, openErasure] } },
    });
    renderPage(<MyDataPage />, { client });
    expect(await screen.findByRole('heading', { name: 'Mijn gegevens', level: 1 })).toBeTruthy();
    const list = screen.getByRole('region', { name: 'Uw verzoeken' });
    expect(within(list).getByText('Inzage en afschrift: Beantwoord')).toBeTruthy();
    expect(
      within(list).getByText(
        'De termijn is met 2 maand(en) verlengd. Reden: Het dossier is omvangrijk.',
      ),
    ).toBeTruthy();
    expect(within(list).getByText('Antwoord uiterlijk 3 juni 2027')).toBeTruthy();
    fireEvent.click(within(list).getByRole('button', { name: 'Download als PDF' }));
    await waitFor(() => expect(fetched).toHaveBeenCalled());
    expect(fetched.mock.calls[0]![0]).toBe('/data-exports/r-1/pdf');
    expect(fetched.mock.calls[0]![1]).toMatchObject({
      headers: { 'X-Organisation': 'bureau-mhr' },
    });
    // An open erasure request: no second one offered; access can be asked for again.
    expect(screen.queryByRole('button', { name: 'Vraag verwijdering' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Vraag inzage' })).toBeTruthy();
  });

  it('asks for access with the note, and for erasure only with what is to go', async () => {
    const { client, calls } = testClient({
      MyDataSubjectRequests: { data: { myDataSubjectRequests: [] } },
      RequestDataAccess: {
        data: { requestDataAccess: { ...answered, status: 'OPEN', download: null } },
      },
      RequestErasure: { data: { requestErasure: openErasure } },
    });
    renderPage(<MyDataPage />, { client });
    expect(await screen.findByText('U heeft nog geen verzoek gedaan.')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Toelichting (niet verplicht)'), {
      target: { value: 'Ook de brieven graag.' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Vraag inzage' }));
    expect(await screen.findByText('Uw verzoek om inzage is ontvangen.')).toBeTruthy();
    expect(calls.find((call) => call.name === 'RequestDataAccess')?.variables).toEqual({
      input: { note: 'Ook de brieven graag.' },
    });

    fireEvent.click(screen.getByRole('button', { name: 'Vraag verwijdering' }));
    expect(await screen.findByText('Schrijf welke gegevens weg moeten.')).toBeTruthy();
    expect(calls.some((call) => call.name === 'RequestErasure')).toBe(false);
    fireEvent.change(screen.getByLabelText(/Welke gegevens moeten weg/), {
      target: { value: 'Mijn telefoonnummer' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Vraag verwijdering' }));
    expect(await screen.findByText('Uw verzoek om verwijdering is ontvangen.')).toBeTruthy();
    expect(calls.find((call) => call.name === 'RequestErasure')?.variables).toEqual({
      input: { note: 'Mijn telefoonnummer' },
    });
  });

  it('is in the client’s menu, and not in a confidant’s or staff’s', () => {
    expect(navigationFor(['client']).map((item) => item.to)).toContain('/mijn-gegevens');
    for (const roles of [['confidant'], ['handler'], ['director']] as const)
      expect(navigationFor(roles).map((item) => item.to)).not.toContain('/mijn-gegevens');
  });
});
