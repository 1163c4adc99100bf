import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium } from '../support/browser.js';
import { checkPage, signIn } from '../support/journey.js';

let browser: Browser;
let url: string;

describe('the complaints register (issue 13, item 5)', () => {
  beforeAll(async () => {
    url = inject('klachtpadUrl');
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('lets the director read the year, download it as CSV and print it; a handler has no register', async () => {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: 'nl-NL',
      acceptDownloads: true,
    });
    const page = await context.newPage();
    // Generous: the machine is shared, and no outcome may depend on its speed.
    page.setDefaultTimeout(120_000);
    await page.goto(url);
    await signIn(page, 'director@bureau-mhr.example');
    await page.getByRole('heading', { name: 'Werkbak', level: 1 }).waitFor();
    await page.getByRole('navigation').getByRole('link', { name: 'Klachtenregister' }).click();
    const year = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Europe/Amsterdam',
      year: 'numeric',
    }).format(new Date());
    await page.getByRole('heading', { name: `Klachtenregister ${year}`, level: 1 }).waitFor();
    await page.getByRole('table', { name: 'Klachten naar soort' }).waitFor();
    await checkPage(page, '70-klachtenregister');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download als CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`klachtenregister-${year}.csv`);
    const chunks: Buffer[] = [];
    for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
    const csv = Buffer.concat(chunks).toString('utf8');
    expect(csv.startsWith('\uFEFF"Jaar";"Tabel";"Groep";"Aantal"\r\n')).toBe(true);
    // A demo organisation's year is small: its hidden counts go out as words, never as numbers.
    expect(csv).toMatch(/;"(minder dan 5|afgeschermd|\d+)"\r\n/);

    // Printing hides the menu and the controls: only the register goes on paper.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('nav.main-nav').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Afdrukken' }).isVisible()).toBe(false);
    expect(await page.getByRole('table', { name: 'Totaal' }).isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });
    await context.close();

    const handler = await browser.newContext({ viewport: { width: 390, height: 900 } });
    const handlerPage = await handler.newPage();
    handlerPage.setDefaultTimeout(120_000);
    await handlerPage.goto(url);
    await signIn(handlerPage, 'handler@bureau-mhr.example');
    await handlerPage.getByRole('heading', { name: 'Werkbak', level: 1 }).waitFor();
    expect(await handlerPage.getByRole('link', { name: 'Klachtenregister' }).count()).toBe(0);
    await handlerPage.goto(`${url}/register`);
    await handlerPage.getByRole('heading', { name: 'Pagina niet gevonden', level: 1 }).waitFor();
    await handler.close();
  });
});
