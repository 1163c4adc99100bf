import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium } from '../support/browser.js';
import { checkPage, signIn } from '../support/journey.js';

let browser: Browser;
let url: string;

async function signedIn(email: string) {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    locale: 'nl-NL',
  });
  const page = await context.newPage();
  // Generous: CI machines are shared and slow, and no outcome may depend on their speed.
  page.setDefaultTimeout(120_000);
  await page.goto(url);
  await signIn(page, email);
  await page.getByRole('heading', { name: 'Mijn klachten', level: 1 }).waitFor();
  return { context, page };
}

/** The unread count beside "Meldingen" in the menu (0 when it shows none). */
async function unreadInMenu(page: Page): Promise<number> {
  const count = page.getByRole('navigation', { name: 'Hoofdmenu' }).locator('.nav-count');
  if ((await count.count()) === 0) return 0;
  return Number((await count.locator('[aria-hidden="true"]').textContent()) ?? '0');
}

describe('notifications and how a client is reached', () => {
  beforeAll(async () => {
    url = inject('klachtpadUrl');
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows a client what happened with their complaints, and marks it read', async () => {
    const { context, page } = await signedIn('client@kleine-ontmoeting.example');
    const menu = page.getByRole('navigation', { name: 'Hoofdmenu' });
    // The demo complaints were filed through the real services: their notices are there, unread.
    await menu.getByRole('link', { name: /^Meldingen/ }).click();
    await page.getByRole('heading', { name: 'Meldingen', level: 1 }).waitFor();
    await page.getByText(/meldingen? (is|zijn) nog niet gelezen/).waitFor();
    expect(await page.locator('.notification.unread').count()).toBeGreaterThan(0);
    await checkPage(page, '50-notifications');

    await menu.locator('.nav-count').waitFor();
    const unreadBefore = await unreadInMenu(page);
    const newest = page.getByRole('region', { name: 'Nieuwste meldingen' });
    const marked = await newest.locator('.notification.unread').count();
    await page.getByRole('button', { name: 'Markeer als gelezen' }).click();
    await newest.locator('.notification.unread').first().waitFor({ state: 'detached' });
    // Saved for the person: after a reload they are still read, and the menu counts fewer.
    await page.reload();
    await page.getByRole('heading', { name: 'Meldingen', level: 1 }).waitFor();
    await newest.locator('.notification').first().waitFor();
    expect(await newest.locator('.notification.unread').count()).toBe(0);
    await expect.poll(() => unreadInMenu(page), { timeout: 120_000 }).toBe(unreadBefore - marked);
    await context.close();
  });

  it('lets a client choose e-mail at a safe address, with quiet hours and a code word, and refuses a link that is not theirs', async () => {
    const { context, page } = await signedIn('client@kleine-ontmoeting.example');
    await page
      .getByRole('navigation', { name: 'Hoofdmenu' })
      .getByRole('link', { name: 'Hoe wij u bereiken' })
      .click();
    await page.getByRole('heading', { name: 'Hoe wij u bereiken', level: 1 }).waitFor();
    // A client is reached in the portal only until they say otherwise.
    await page.getByText('Nu: u krijgt geen e-mail.').waitFor();
    expect(await page.getByLabel('Nee, alleen hier in Klachtpad').isChecked()).toBe(true);
    await checkPage(page, '51-contact');

    await page.getByLabel('Ja, op een adres dat veilig is voor mij').check();
    await page.getByLabel('Geen berichten vanaf').fill('22:00');
    await page.getByRole('button', { name: 'Bewaren' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'Er is iets niet goed ingevuld' });
    await summary.waitFor();
    await summary.getByText('Vul een geldig e-mailadres in').waitFor();
    await summary.getByText('zowel een begin- als een eindtijd').waitFor();
    expect(await page.title()).toMatch(/^Fout: /);
    await checkPage(page, '52-contact-error');

    await page.getByLabel('E-mailadres').fill('veilig@voorbeeld.nl');
    await page.getByLabel('Geen berichten tot').fill('07:00');
    await page.getByLabel('Codewoord (niet verplicht)').fill('zonnebloem');
    await page.getByRole('button', { name: 'Bewaren' }).click();
    await page.getByText('We hebben een link gestuurd naar veilig@voorbeeld.nl').first().waitFor();

    // Saved with the person: another page load shows the same rules, still waiting for the link.
    await page.reload();
    await page.getByRole('heading', { name: 'Hoe wij u bereiken', level: 1 }).waitFor();
    await page.getByText('Pas als u op die link klikt').waitFor();
    expect(await page.getByLabel('Codewoord (niet verplicht)').inputValue()).toBe('zonnebloem');
    expect(await page.getByLabel('Geen berichten vanaf').inputValue()).toBe('22:00');

    // A link with a token that is not this person's confirms nothing.
    await page.goto(
      `${url}/bereikbaarheid/bevestigen?organisation=kleine-ontmoeting&token=niet-van-u`,
    );
    await page.getByRole('heading', { name: 'E-mailadres bevestigen', level: 1 }).waitFor();
    await page.getByText('Deze link werkt niet (meer).').waitFor();
    await checkPage(page, '53-contact-confirm-refused');
    await page.getByRole('link', { name: 'Naar ‘Hoe wij u bereiken’' }).click();
    await page.getByText('Pas als u op die link klikt').waitFor();
    await context.close();
  });
});
