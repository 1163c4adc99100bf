import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium } from '../support/browser.js';
import { api, checkPage, signIn } from '../support/journey.js';

let browser: Browser;
let url: string;

const FILE = `mutation ($input: FileComplaintInput!) {
  fileComplaint(input: $input) { __typename ... on CaseChanged { case { id version } } }
}`;
const PERFORM = `mutation ($input: PerformActionInput!) { performAction(input: $input) { __typename } }`;

/** The number a figure of "In één oogopslag" shows. */
async function figure(page: Page, name: string): Promise<number> {
  const text = await page
    .getByRole('region', { name: 'In één oogopslag' })
    .locator('div', { has: page.getByText(name, { exact: true }) })
    .locator('dd')
    .textContent();
  return Number(text);
}

describe('the live management dashboard (issue 13, item 4)', () => {
  beforeAll(async () => {
    url = inject('klachtpadUrl');
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows the director a complaint closing, without reloading', async () => {
    // Arranged over the API: a client files a complaint, so there is one to close.
    const client = await api(url).as('client@bureau-mhr.example', 'bureau-mhr');
    const lastWeek = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(
      new Date(Date.now() - 7 * 86_400_000),
    );
    const filed = await client<{
      fileComplaint: { __typename: string; case?: { id: string; version: number } };
    }>(FILE, {
      input: {
        complainant: 'client',
        eventDate: lastWeek,
        parts: [{ summary: 'De afspraak werd drie keer verzet.' }],
      },
    });
    expect(filed.fileComplaint.__typename).toBe('CaseChanged');
    const kase = filed.fileComplaint.case!;

    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: 'nl-NL',
    });
    const page = await context.newPage();
    // Generous: the machine is shared, and no outcome may depend on its speed.
    page.setDefaultTimeout(120_000);
    await page.goto(url);
    await signIn(page, 'director@bureau-mhr.example');
    await page.getByRole('heading', { name: 'Werkbak', level: 1 }).waitFor();
    await page.getByRole('navigation').getByRole('link', { name: 'Dashboard' }).click();
    await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
    await page.getByRole('table', { name: 'Open klachten per fase van de procedure' }).waitFor();
    await page.getByRole('table', { name: /^Doorlooptijd van de/ }).waitFor();
    await page
      .getByRole('table', {
        name: 'Ontvangen klachten per maand en soort, de afgelopen 12 maanden',
      })
      .waitFor();
    await checkPage(page, '80-dashboard');
    const open = await figure(page, 'Open');
    const closed = await figure(page, 'Afgehandeld');
    expect(open).toBeGreaterThan(0);
    await page.evaluate(() => ((window as unknown as { liveMark: string }).liveMark = 'same'));

    // The client withdraws the complaint (a step that closes the case), through the API.
    const withdrawn = await client<{ performAction: { __typename: string } }>(PERFORM, {
      input: {
        caseId: kase.id,
        action: 'withdraw',
        expectedVersion: kase.version,
        payload: { reason: 'Het is inmiddels opgelost.' },
      },
    });
    expect(withdrawn.performAction.__typename).toBe('CaseChanged');

    // The director's page, open all along, counts it as closed.
    const figures = page.getByRole('region', { name: 'In één oogopslag' });
    await figures
      .locator('div', { has: page.getByText('Afgehandeld', { exact: true }) })
      .locator('dd', { hasText: String(closed + 1) })
      .waitFor();
    expect(await figure(page, 'Open')).toBe(open - 1);
    expect(await page.evaluate(() => (window as unknown as { liveMark?: string }).liveMark)).toBe(
      'same',
    );
    await checkPage(page, '81-dashboard-live');

    // A handler has no dashboard: the menu leaves it out and the address is not there.
    const handler = await browser.newContext({ viewport: { width: 390, height: 900 } });
    const handlerPage = await handler.newPage();
    handlerPage.setDefaultTimeout(120_000);
    await handlerPage.goto(`${url}/dashboard`);
    await signIn(handlerPage, 'handler@bureau-mhr.example');
    await handlerPage.getByRole('heading', { name: 'Pagina niet gevonden', level: 1 }).waitFor();
    expect(
      await handlerPage.getByRole('navigation').getByRole('link', { name: 'Dashboard' }).count(),
    ).toBe(0);
    await handler.close();
    await context.close();
  });
});
