import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderPage, testClient } from '../test/render';
import { LanguagePreference } from './language-preference';
import { LanguageSwitch } from './language-switch';
import { NotFoundPage } from '../features/home/not-found-page';

describe('switching language', () => {
  it('shows every text in English, names the other language in that language, and saves the choice', async () => {
    const { client, calls } = testClient({
      SetLanguage: { data: { setLanguage: { id: 'me-1', language: 'EN' } } },
    });
    renderPage(
      <>
        <LanguagePreference saved={null} />
        <LanguageSwitch />
        <NotFoundPage />
      </>,
      { client },
    );
    expect(await screen.findByRole('heading', { name: 'Pagina niet gevonden' })).toBeTruthy();
    const button = screen.getByRole('button', { name: 'Switch to English' });
    expect(button.getAttribute('lang')).toBe('en');
    // Dutch by default: nothing is saved until the person chooses.
    expect(calls.some((call) => call.name === 'SetLanguage')).toBe(false);

    await userEvent.setup().click(button);
    expect(await screen.findByRole('heading', { name: 'Page not found' })).toBeTruthy();
    expect(document.documentElement.lang).toBe('en');
    expect(document.title).toBe('Page not found – Klachtpad');
    expect(
      screen.getByRole('button', { name: 'Schakel over naar Nederlands' }).getAttribute('lang'),
    ).toBe('nl');
    await waitFor(() =>
      expect(calls.find((call) => call.name === 'SetLanguage')?.variables).toEqual({
        language: 'EN',
      }),
    );
    // The tab remembers only the language, nothing about the person.
    expect(Object.keys(window.sessionStorage)).toEqual(['klachtpad.language']);
    expect(window.localStorage.length).toBe(0);
  });

  it('applies the language the person saved on another device', async () => {
    const { client, calls } = testClient();
    renderPage(
      <>
        <LanguagePreference saved="EN" />
        <NotFoundPage />
      </>,
      { client },
    );
    expect(await screen.findByRole('heading', { name: 'Page not found' })).toBeTruthy();
    expect(calls.some((call) => call.name === 'SetLanguage')).toBe(false);
  });
});
