import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { navigationFor } from '../../app/navigation';
import { renderPage, testClient, testSession } from '../../test/render';
import { amsterdamToday } from '../case/today';
import { RegisterPage } from './register-page';
import { register2025 } from './register.fixture';

const thisYear = Number(amsterdamToday().slice(0, 4));

/** The server's answer for any year: the 2025 fixture with that year, so a switch shows. */
function registerClient() {
  return testClient({
    ComplaintsRegister: (variables) => ({
      data: {
        complaintsRegister: { ...register2025, year: (variables as { year: number }).year },
      },
    }),
  });
}

const director = () => testSession({ roles: ['director'] });

afterEach(() => vi.restoreAllMocks());

describe('the register page', () => {
  it('shows each table with its caption and headers, and hidden counts in words', async () => {
    const { client, calls } = registerClient();
    renderPage(<RegisterPage />, { client, session: director() });
    const table = await screen.findByRole('table', { name: 'Klachten naar soort' });
    expect(calls[0]).toMatchObject({ name: 'ComplaintsRegister', variables: { year: thisYear } });
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((th) => th.textContent),
    ).toEqual(['Soort', 'Aantal']);
    const count = (row: string) =>
      within(table).getByRole('rowheader', { name: row }).closest('tr')!.querySelector('td')!;
    expect(count('Klacht').textContent).toBe('7');
    expect(count('Overig of zonder soort').textContent).toBe('afgeschermd');
    expect(count('Overig of zonder soort').className).toContain('suppressed');
    const totals = screen.getByRole('table', { name: 'Totaal' });
    expect(
      within(totals).getByRole('rowheader', { name: 'Klachten ontvangen' }).closest('tr')!
        .textContent,
    ).toBe('Klachten ontvangen12');
    expect(
      within(totals).getByRole('rowheader', { name: 'Klachtonderdelen' }).closest('tr')!
        .textContent,
    ).toBe('Klachtonderdelenminder dan 5');
    // Every table points at the explanation of what is hidden and why.
    const note = screen.getByText(/geen aantal onder de 5/);
    for (const each of screen.getAllByRole('table')) {
      expect(each.getAttribute('aria-describedby')).toBe(note.id);
    }
    expect(screen.getAllByRole('table')).toHaveLength(5);
    expect(screen.getByRole('table', { name: 'Klachtonderdelen naar oordeel' })).toBeTruthy();
    expect(screen.getByRole('table', { name: 'Klachten naar doorlooptijd' })).toBeTruthy();
    const routes = screen.getByRole('table', { name: 'Klachten naar route' });
    expect(routes.textContent).toContain('Rechtstreeks bij een externe instantie ingediend');
  });

  it('offers the years back to the first and asks for the one chosen', async () => {
    const { client, calls } = registerClient();
    renderPage(<RegisterPage />, { client, session: director() });
    await screen.findByRole('table', { name: 'Totaal' });
    const picker = screen.getByLabelText('Jaar van ontvangst');
    const offered = within(picker)
      .getAllByRole('option')
      .map((option) => Number(option.textContent));
    expect(offered[0]).toBe(thisYear);
    expect(offered.at(-1)).toBe(2023);
    expect(offered).toHaveLength(thisYear - 2023 + 1);
    fireEvent.change(picker, { target: { value: '2023' } });
    expect(await screen.findByRole('heading', { name: 'Klachtenregister 2023' })).toBeTruthy();
    await waitFor(() =>
      expect(calls.at(-1)).toMatchObject({ name: 'ComplaintsRegister', variables: { year: 2023 } }),
    );
    expect(await screen.findByRole('table', { name: 'Totaal' })).toBeTruthy();
  });

  it('downloads the year as a CSV file and prints', async () => {
    const blobs: Blob[] = [];
    const names: string[] = [];
    vi.stubGlobal('URL', {
      ...URL,
      createObjectURL: (blob: Blob) => (blobs.push(blob), 'blob:register'),
      revokeObjectURL: () => undefined,
    });
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      names.push(this.download);
    });
    const print = vi.spyOn(window, 'print').mockImplementation(() => undefined);
    const { client } = registerClient();
    renderPage(<RegisterPage />, { client, session: director() });
    await screen.findByRole('table', { name: 'Totaal' });
    fireEvent.click(screen.getByRole('button', { name: 'Download als CSV' }));
    expect(names).toEqual([`klachtenregister-${thisYear}.csv`]);
    expect(blobs[0]!.type).toBe('text/csv;charset=utf-8');
    const text = await new Promise<string>((resolve) => {
      const reader = new FileReader();
      reader.onload = () => resolve(reader.result as string);
      reader.readAsText(blobs[0]!);
    });
    expect(text.split('\r\n')[0]).toBe('"Jaar";"Tabel";"Groep";"Aantal"');
    expect(text).toContain(`"${thisYear}";"Totaal";"Klachtonderdelen";"minder dan 5"`);
    fireEvent.click(screen.getByRole('button', { name: 'Afdrukken' }));
    expect(print).toHaveBeenCalledOnce();
    vi.unstubAllGlobals();
  });

  it('does not exist for handlers, clients and confidants, who never ask for it', () => {
    for (const roles of [['handler'], ['client'], ['confidant']] as const) {
      const { client, calls } = registerClient();
      const { unmount } = renderPage(<RegisterPage />, {
        client,
        session: testSession({ roles: [...roles] }),
      });
      expect(screen.getByRole('heading', { name: 'Pagina niet gevonden' })).toBeTruthy();
      expect(calls).toHaveLength(0);
      unmount();
      expect(navigationFor(roles).map((item) => item.to)).not.toContain('/register');
    }
    expect(navigationFor(['manager']).map((item) => item.to)).toContain('/register');
    expect(navigationFor(['director']).map((item) => item.to)).toContain('/register');
  });
});
