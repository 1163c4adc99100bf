import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium } from '../support/browser.js';
import { checkPage, fileInPortal, markDocument, sameDocument, signIn } from '../support/journey.js';

let browser: Browser;
let url: string;

const ORGANISATION = 'Bureau Maatschappelijk Herstel en Rehabilitatie';
const HANDLER = `Klachtbehandelaar (${ORGANISATION})`;
const EMPLOYEE = `Begeleider (${ORGANISATION})`;

async function device(width: number) {
  const context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'nl-NL' });
  const page = await context.newPage();
  // Generous: CI machines are shared and slow, and no outcome may depend on their speed.
  page.setDefaultTimeout(120_000);
  return { context, page };
}

async function werkbak(page: Page, email: string) {
  await page.goto(url);
  await signIn(page, email);
  await page.getByRole('heading', { name: 'Werkbak', level: 1 }).waitFor();
  await page.locator('.inbox-table').waitFor();
  await markDocument(page);
}

/** A `datetime-local` value in the browser's own zone, `minutes` from now. */
function localDateTime(page: Page, minutes: number): Promise<string> {
  return page.evaluate((offset) => {
    const at = new Date(Date.now() + offset * 60_000);
    at.setMinutes(at.getMinutes() - at.getTimezoneOffset());
    return at.toISOString().slice(0, 16);
  }, minutes);
}

describe('the staff workbench at Bureau MHR (issue 13 items 1 and 2)', () => {
  beforeAll(async () => {
    url = inject('klachtpadUrl');
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('takes a portal complaint to its mediation talk: assigned by name, the handler sees it live, holds the talk, both sign, and the client sees the next step appear', async () => {
    const manager = await device(1280);
    await werkbak(manager.page, 'manager@bureau-mhr.example');
    const handler = await device(1280);
    await werkbak(handler.page, 'handler@bureau-mhr.example');

    const client = await device(390);
    await client.page.goto(`${url}/klachten/nieuw`);
    await signIn(client.page, 'client@bureau-mhr.example');
    const reference = await fileInPortal(
      client.page,
      'Mijn begeleider kwam twee keer niet op onze afspraak.',
    );
    await client.page.getByRole('link', { name: 'Naar mijn klacht', exact: true }).click();
    await client.page.getByRole('heading', { name: `Klacht ${reference}`, level: 1 }).waitFor();
    await markDocument(client.page);

    // The manager's Werkbak lists it live; the case page assigns the handler by name.
    const row = manager.page.locator('.inbox-table tr', { hasText: reference });
    await row.waitFor();
    expect(await sameDocument(manager.page)).toBe(true);
    await row.getByRole('link', { name: reference }).click();
    await manager.page.getByRole('heading', { name: `Klacht ${reference}`, level: 1 }).waitFor();
    await manager.page
      .getByLabel(`Behandelaar toewijzen aan ${reference}`)
      .selectOption({ label: HANDLER });
    await manager.page.getByRole('button', { name: 'Toewijzen' }).click();
    const header = manager.page.getByRole('region', { name: 'Gegevens van de klacht' });
    await header.locator('dd', { hasText: HANDLER }).waitFor();
    await checkPage(manager.page, '70-staff-case-assigned');

    // The handler's Werkbak, open all along, now lists it: nobody reloaded.
    const handlerRow = handler.page.locator('.inbox-table tr', { hasText: reference });
    await handlerRow.waitFor();
    expect(await sameDocument(handler.page)).toBe(true);
    await handlerRow.getByRole('link', { name: reference }).click();
    const page = handler.page;
    await page.getByRole('heading', { name: `Klacht ${reference}`, level: 1 }).waitFor();

    // The client wrote "mijn begeleider"; the handler names the employee, then informs them.
    await page.getByLabel('Over wie gaat de klacht?').selectOption({ label: EMPLOYEE });
    await page.getByRole('button', { name: 'Vastleggen' }).click();
    await page
      .getByRole('region', { name: 'Gegevens van de klacht' })
      .locator('dd', { hasText: EMPLOYEE })
      .waitFor();
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(
      new Date(),
    );
    await page.getByLabel('Betrokkene geïnformeerd op').fill(today);
    await page.getByRole('button', { name: 'Betrokkene informeren en uitnodigen' }).click();
    await page.getByText('Bemiddelingsgesprek', { exact: false }).first().waitFor();

    // The mediation talk: the client and the employee invited, held an hour ago.
    const meetings = page.getByRole('region', { name: 'Gesprekken en hoorzittingen' });
    await meetings.getByLabel('Datum en tijd').fill(await localDateTime(page, -60));
    await meetings.getByLabel('Plaats (niet verplicht)').fill('Kantoor Utrecht, kamer 3');
    const invite = meetings.getByRole('group', { name: 'Wie nodigt u uit?' });
    await invite.getByLabel(`${EMPLOYEE} (over wie de klacht gaat)`).check();
    await meetings.getByRole('button', { name: 'Gesprek plannen' }).click();
    const attendance = meetings.getByRole('group', { name: 'Wie was er bij het gesprek?' });
    await attendance.waitFor();
    // The employee was invited and did not come: the client and the handler talked.
    await attendance.getByLabel(HANDLER, { exact: true }).check();
    await attendance
      .getByLabel(/^Client \(/)
      .first()
      .check();
    await meetings.getByRole('button', { name: 'Aanwezigheid vastleggen' }).click();
    await meetings
      .getByLabel('Verslag schrijven')
      .fill('Gesproken over de gemiste afspraken. Geen overeenstemming over een oplossing.');
    await meetings.getByRole('button', { name: 'Verslag opslaan' }).click();
    await meetings.getByRole('button', { name: 'Verslag ondertekenen' }).click();
    await meetings.getByText('Dank u. U heeft het verslag ondertekend.').waitFor();
    await checkPage(page, '71-staff-case-minutes-signed-by-handler');

    // The client's page, open since filing, shows the minutes to sign without a reload.
    const talks = client.page.getByRole('region', { name: 'Gesprekken' });
    await talks.getByText('Gesproken over de gemiste afspraken.', { exact: false }).waitFor();
    await talks.getByRole('button', { name: 'Verslag ondertekenen' }).click();
    await talks
      .getByText(/U heeft het verslag ondertekend/)
      .first()
      .waitFor();

    // Signed by everyone present: the handler records that mediation did not succeed.
    await page
      .getByRole('button', { name: 'Bemiddelingsgesprek vastleggen' })
      .waitFor({ state: 'attached' });
    await page.getByLabel('Bemiddeling niet geslaagd').check();
    await page.getByRole('button', { name: 'Bemiddelingsgesprek vastleggen' }).click();

    // The client sees the next step appear, live: the written complaint is theirs to file.
    const where = client.page.getByRole('region', { name: 'Waar uw klacht nu is' });
    await where.getByText('Wacht op schriftelijke klacht').waitFor();
    await client.page.getByRole('button', { name: 'Schriftelijke klacht indienen' }).waitFor();
    expect(await sameDocument(client.page)).toBe(true);
    await checkPage(client.page, '72-case-next-step-live');

    for (const { context } of [manager, handler, client]) await context.close();
  });

  it('registers the complaint of a client who came in person: the handler enrols them, files by phone for them naming the employee, and works the case at once', async () => {
    const handler = await device(1280);
    // The registering handler (the begeleider's desk, seed 002) gets the case: no assignment waits.
    await werkbak(handler.page, 'handler@bureau-mhr.example');
    const name = `Łukasz Nowak ${Date.now()}`;
    await handler.page.getByRole('link', { name: 'Cliënt inschrijven die langskomt' }).click();
    await handler.page.getByLabel('Naam van de cliënt').fill(name);
    await handler.page.getByRole('button', { name: 'Account maken' }).click();
    await handler.page.getByRole('link', { name: `Klacht registreren voor ${name}` }).click();

    // The client is chosen already; the form asks how the complaint came in.
    const chosen = handler.page.getByLabel('Voor welke cliënt registreert u de klacht?');
    expect(await chosen.locator('option:checked').textContent()).toBe(name);
    await handler.page.getByRole('button', { name: 'Volgende' }).click();
    await handler.page.getByRole('heading', { name: 'Hoe kwam de klacht binnen?' }).waitFor();
    await handler.page.getByLabel('Telefonisch').check();
    await checkPage(handler.page, '73-staff-filing-channel');
    await handler.page.getByRole('button', { name: 'Volgende' }).click();

    await handler.page.getByRole('heading', { name: 'Waar gaat de klacht over?' }).waitFor();
    await handler.page
      .getByLabel('Onderdeel 1')
      .fill('Mijn begeleider belde drie keer niet terug.');
    await handler.page.getByRole('button', { name: 'Volgende' }).click();
    await handler.page.getByRole('heading', { name: 'Wanneer is het gebeurd?' }).waitFor();
    const lastWeek = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(
      new Date(Date.now() - 7 * 86_400_000),
    );
    await handler.page.getByLabel('Datum van wat er gebeurd is').fill(lastWeek);
    await handler.page.getByRole('button', { name: 'Volgende' }).click();
    await handler.page.getByRole('heading', { name: 'Over wie gaat de klacht?' }).waitFor();
    await handler.page.getByLabel(EMPLOYEE).check();
    for (const question of [
      'Wat wil de cliënt dat er gebeurt?',
      'Wilt u bestanden toevoegen?',
      'Controleer uw antwoorden',
    ]) {
      await handler.page.getByRole('button', { name: 'Volgende' }).click();
      await handler.page.getByRole('heading', { name: question }).waitFor();
    }
    await handler.page.getByRole('button', { name: 'Klacht registreren' }).click();
    await handler.page
      .getByRole('heading', { name: 'De klacht is geregistreerd', level: 1 })
      .waitFor();
    const reference = (await handler.page
      .locator('.confirmation .reference')
      .textContent())!.trim();
    await checkPage(handler.page, '74-staff-filing-registered');

    // The case opens in the Werkbak, for the client, by phone, about the employee named.
    await handler.page.getByRole('link', { name: 'Naar de klacht' }).click();
    await handler.page.getByRole('heading', { name: `Klacht ${reference}`, level: 1 }).waitFor();
    const header = handler.page.getByRole('region', { name: 'Gegevens van de klacht' });
    await header.getByText(name).waitFor();
    await header.getByText(EMPLOYEE).first().waitFor();
    await header.locator('dd', { hasText: HANDLER }).waitFor();
    await handler.context.close();
  });
});
