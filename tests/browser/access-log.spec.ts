import { authenticator } from 'otplib';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium } from '../support/browser.js';
import { api, checkPage, signIn } from '../support/journey.js';

let browser: Browser;
let url: string;

/**
 * Veilig Thuis's director, whom no other journey signs in as: setting up two-step verification
 * here makes every later sign-in of theirs ask for a code.
 */
const DIRECTOR = 'director@veilig-thuis.example';

describe('the access log for the director (issue 13 item 6, issue 8 §8)', () => {
  beforeAll(async () => {
    url = inject('klachtpadUrl');
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('offers a director two-step verification first, then shows the log, filtered by person and by case; a handler has none', async () => {
    // Something to find: the client reads their own complaints.
    const asClient = await api(url).as('client@veilig-thuis.example', 'veilig-thuis');
    await asClient('query { cases(first: 5) { edges { node { id } } } }');

    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: 'nl-NL',
    });
    const page = await context.newPage();
    // Generous: the machine is shared, and no outcome may depend on its speed.
    page.setDefaultTimeout(120_000);
    await page.goto(url);
    await signIn(page, DIRECTOR);
    await page.getByRole('heading', { name: 'Werkbak', level: 1 }).waitFor();
    await page.getByRole('navigation').getByRole('link', { name: 'Toegangslogboek' }).click();
    await page.getByRole('heading', { name: 'Eerst controle in twee stappen', level: 2 }).waitFor();
    await checkPage(page, '80-toegangslogboek-tweestaps');

    await page.getByRole('button', { name: 'Beginnen met instellen' }).click();
    const key = (await page.locator('dl.enrolment dd code').first().textContent())!.replace(
      /\s/g,
      '',
    );
    await page.getByLabel('Code van 6 cijfers').fill(authenticator.generate(key));
    await page.getByRole('button', { name: 'Instellen afronden' }).click();
    const log = page.getByRole('table', { name: 'Toegang tot dossiers, nieuwste eerst' });
    await log.waitFor();
    expect(await log.getByRole('row').count()).toBeGreaterThan(2);
    await checkPage(page, '81-toegangslogboek');

    // One person: every line is theirs.
    await page
      .getByLabel('Persoon', { exact: true })
      .selectOption({ label: 'Client (Veilig Thuis Regio Midden)' });
    await page.getByRole('button', { name: 'Filteren' }).click();
    await page.waitForURL(/persoon=/);
    await expect
      .poll(
        async () => {
          const people = await log.locator('tbody tr td:nth-child(2) button').allTextContents();
          return (
            people.length > 0 &&
            people.every((name) => name === 'Client (Veilig Thuis Regio Midden)')
          );
        },
        { timeout: 120_000 },
      )
      .toBe(true);

    // One case, from a line of it: every line is about that case.
    const reference = (await log.locator('tbody tr td:nth-child(4) button').first().textContent())!;
    await log
      .getByRole('button', { name: `Alleen ${reference} tonen` })
      .first()
      .click();
    await page.waitForURL(/zaak=/);
    await expect
      .poll(
        async () => {
          const cases = await log.locator('tbody tr td:nth-child(4)').allTextContents();
          return cases.length > 0 && cases.every((text) => text === reference);
        },
        { timeout: 120_000 },
      )
      .toBe(true);
    expect(await page.getByLabel('Zaak (kenmerk)').inputValue()).toBe(reference);
    await checkPage(page, '82-toegangslogboek-gefilterd');
    await context.close();

    const handler = await browser.newContext({ viewport: { width: 390, height: 900 } });
    const handlerPage = await handler.newPage();
    handlerPage.setDefaultTimeout(120_000);
    await handlerPage.goto(url);
    await signIn(handlerPage, 'handler@veilig-thuis.example');
    await handlerPage.getByRole('heading', { name: 'Werkbak', level: 1 }).waitFor();
    expect(await handlerPage.getByRole('link', { name: 'Toegangslogboek' }).count()).toBe(0);
    await handlerPage.goto(`${url}/toegangslogboek`);
    await handlerPage.getByRole('heading', { name: 'Pagina niet gevonden', level: 1 }).waitFor();
    await handler.close();
  });
});
