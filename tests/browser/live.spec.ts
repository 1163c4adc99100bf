import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium } from '../support/browser.js';
import {
  api,
  checkPage,
  fileInPortal,
  markDocument,
  sameDocument,
  signIn,
} from '../support/journey.js';

let browser: Browser;
let url: string;

async function device(width: number) {
  const context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'nl-NL' });
  const page = await context.newPage();
  // Generous: CI machines are shared and slow, and no outcome may depend on their speed.
  page.setDefaultTimeout(120_000);
  return { context, page };
}

describe('pages that update live (ADR 0077)', () => {
  beforeAll(async () => {
    url = inject('klachtpadUrl');
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows staff a new complaint in the Werkbak, and the client the answer, without reloading', async () => {
    const staff = await device(1280);
    await staff.page.goto(url);
    await signIn(staff.page, 'manager@bureau-mhr.example');
    await staff.page.getByRole('heading', { name: 'Werkbak', level: 1 }).waitFor();
    await staff.page.locator('.inbox-table').waitFor();
    await markDocument(staff.page);

    const client = await device(390);
    await client.page.goto(`${url}/klachten/nieuw`);
    await signIn(client.page, 'client@bureau-mhr.example');
    const reference = await fileInPortal(
      client.page,
      'Niemand belde mij terug over mijn uitkering.',
    );

    // The manager's Werkbak, open all along, lists it without anyone reloading.
    await staff.page.locator('.inbox-table').getByText(reference).first().waitFor();
    expect(await sameDocument(staff.page)).toBe(true);
    await checkPage(staff.page, '60-werkbak-live');

    await client.page.getByRole('link', { name: 'Naar mijn klacht', exact: true }).click();
    await client.page.getByRole('heading', { name: `Klacht ${reference}`, level: 1 }).waitFor();
    await markDocument(client.page);
    const caseId = new URL(client.page.url()).pathname.split('/').at(-1)!;

    // The organisation answers (arranged over the API, as staff would in their workbench).
    const manager = await api(url).as('manager@bureau-mhr.example', 'bureau-mhr');
    await manager(
      'mutation ($input: PostMessageInput!) { postMessage(input: $input) { __typename } }',
      {
        input: {
          caseId,
          body: 'Wij bellen u morgen om tien uur.',
          visibility: 'SHARED',
        },
      },
    );
    const messages = client.page.getByRole('region', { name: 'Berichten' });
    await messages.getByText('Wij bellen u morgen om tien uur.').waitFor();
    expect(await sameDocument(client.page)).toBe(true);
    await checkPage(client.page, '61-case-live-message');

    await staff.context.close();
    await client.context.close();
  });
});
