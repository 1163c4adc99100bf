import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, type RunningBrowser } from '../support/browser.js';

const DEMO_PASSWORD = 'klachtpad-demo';
const MO = 'Maatschappelijke Opvang De Haven';
const VEILIG_THUIS = 'Veilig Thuis Regio Midden';
const ONDERSTEUNINGSTEAM = 'Ondersteuningsteam Ouders en Kind';
let browser: RunningBrowser | undefined;
let page: Page;

async function signIn(email: string, password: string) {
  await page.getByRole('heading', { name: 'Inloggen bij Klachtpad' }).waitFor();
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Wachtwoord').fill(password);
  await page.getByRole('button', { name: 'Inloggen' }).click();
}

/** The header line naming the organisation the user is working in now. */
async function activeOrganisation() {
  const line = page.getByRole('banner').locator('p', { hasText: 'Organisatie:' });
  await line.waitFor();
  return (await line.textContent())?.replace('Organisatie:', '').trim();
}

/** The header line naming the user and their role in the active organisation. */
async function signedInAs() {
  const line = page.getByRole('banner').locator('p', { hasText: 'Ingelogd als:' });
  await line.waitFor();
  return line.textContent();
}

describe('signing in and choosing an organisation in the browser', () => {
  beforeAll(async () => {
    browser = await launchBrowser();
    page = await browser.context.newPage();
    // Generous: CI machines are shared and slow, and no outcome may depend on their speed.
    page.setDefaultTimeout(120_000);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('lets a director in to their organisation and out again', async () => {
    await page.goto(inject('klachtpadUrl'));
    await signIn('director@mo.example', DEMO_PASSWORD);

    // Staff land on their work tray.
    await page.getByRole('heading', { name: 'Werkbak', level: 1 }).waitFor();
    expect(await activeOrganisation()).toBe(MO);
    expect(await signedInAs()).toMatch(/Directeur .* rol: Directie$/);
    expect(await page.locator('main').textContent()).toContain('wat te laat is of bijna verloopt');
    // The session is an HttpOnly cookie; nothing readable by scripts holds a token.
    const cookies = await browser?.context.cookies();
    // __Host-: only Secure, only this host, every path; Lax, so a link in a mail opens signed in.
    expect(cookies?.find((cookie) => cookie.name === '__Host-klachtpad_session')).toMatchObject({
      httpOnly: true,
      secure: true,
      path: '/',
      sameSite: 'Lax',
    });
    const stored = await page.evaluate(() =>
      JSON.stringify({ ...localStorage, ...sessionStorage }),
    );
    expect(stored).toBe('{"klachtpad.organisation":"mo"}');

    await page.getByRole('button', { name: 'Uitloggen' }).click();
    await page.getByRole('status').filter({ hasText: 'U bent uitgelogd' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Inloggen bij Klachtpad' }).waitFor();
  });

  it('explains a failed sign-in without saying which part was wrong', async () => {
    await signIn('director@mo.example', 'not-the-password');

    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('Inloggen is niet gelukt');
    expect(await page.getByLabel('Wachtwoord').inputValue()).toBe('');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe(
      'password',
    );
  });

  it('lets a confidant of several organisations choose one and switch to another', async () => {
    await page.getByLabel('Wachtwoord').waitFor();
    await signIn('confidant@vertrouwenspersonen.example', DEMO_PASSWORD);

    await page.getByRole('heading', { name: 'Kies een organisatie' }).waitFor();
    const choices = page.locator('.choices button');
    expect(await choices.count()).toBe(3);
    await page.getByRole('button', { name: new RegExp(VEILIG_THUIS) }).click();

    await page.getByRole('heading', { name: 'Mijn cliënten', level: 1 }).waitFor();
    expect(await activeOrganisation()).toBe(VEILIG_THUIS);
    expect(await signedInAs()).toMatch(/rol: Vertrouwenspersoon$/);

    const organisationHeaders: (string | undefined)[] = [];
    // The shell's own question (`me`); "Mijn cliënten" asks each organisation it serves apart.
    page.on('request', (request) => {
      if (
        request.url().endsWith('/graphql') &&
        request.postData()?.includes('"operationName":"Me"')
      ) {
        organisationHeaders.push(request.headers()['x-organisation']);
      }
    });
    await page.getByLabel('Wisselen naar').selectOption({ label: ONDERSTEUNINGSTEAM });
    await page.getByRole('button', { name: 'Wissel', exact: true }).click();
    await page
      .getByRole('banner')
      .locator('p', { hasText: `Organisatie: ${ONDERSTEUNINGSTEAM}` })
      .waitFor();
    await page.getByRole('heading', { name: 'Mijn cliënten', level: 1 }).waitFor();
    expect(organisationHeaders).toContain('ondersteuningsteam');
    expect(organisationHeaders).not.toContain('veilig-thuis');

    // A reload keeps the tab in the organisation it chose.
    await page.reload();
    await page.getByRole('heading', { name: 'Mijn cliënten', level: 1 }).waitFor();
    expect(await activeOrganisation()).toBe(ONDERSTEUNINGSTEAM);
  });
});
