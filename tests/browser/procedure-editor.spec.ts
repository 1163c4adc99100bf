import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium } from '../support/browser.js';
import { checkPage, signIn } from '../support/journey.js';

let browser: Browser;
let url: string;

/**
 * De Kleine Ontmoeting's director: no other journey signs in as them or files under a changed
 * term, so the version published here changes nobody else's clock (cases already running keep
 * their own version anyway).
 */
const DIRECTOR = 'director@kleine-ontmoeting.example';

/** The amount field of the decision term, found through the fieldset named after the term. */
function decisionTermAmount(page: Page) {
  return page
    .getByRole('group', { name: 'Beslistermijn (Wkkgz)', exact: true })
    .getByLabel('Aantal')
    .first();
}

describe('the procedure editor (issue 13 item 7)', () => {
  beforeAll(async () => {
    url = inject('klachtpadUrl');
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('lets a director see the diagram, break the Wkkgz decision term, read the finding and the refusal, fix it and publish', async () => {
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

    await page.getByRole('navigation').getByRole('link', { name: 'Procedure' }).click();
    await page.getByRole('heading', { name: 'Klachtenprocedure', level: 1 }).waitFor();
    // The diagram is drawn by the lazily loaded Mermaid chunk, as SVG, beside the words.
    await page.locator('.procedure-diagram svg').first().waitFor();
    await page.getByRole('heading', { name: 'De procedure in woorden', level: 2 }).waitFor();
    expect(await page.locator('p.lead').first().textContent()).toContain('versie 1');
    await checkPage(page, '90-procedure');

    await page.getByRole('link', { name: 'Procedure bewerken' }).click();
    await page.getByRole('heading', { name: 'Procedure bewerken', level: 1 }).waitFor();
    await page.getByText('Gecontroleerd: geen problemen.').waitFor();
    expect(await decisionTermAmount(page).inputValue()).toBe('6');
    await checkPage(page, '91-procedure-bewerken');

    // Eight weeks is over what the Wkkgz allows: the engine's own validator says so at the term,
    // as the director types, and the field points at what it says.
    await decisionTermAmount(page).fill('8');
    const finding = page
      .getByRole('group', { name: 'Beslistermijn (Wkkgz)', exact: true })
      .getByText('Deze beslistermijn is langer dan het wettelijk kader toestaat.');
    await finding.waitFor();
    expect(await decisionTermAmount(page).getAttribute('aria-invalid')).toBe('true');
    await page.getByText('1 probleem en 0 waarschuwingen.').waitFor();
    await checkPage(page, '92-procedure-bevinding');

    // Publishing anyway: the server checks again and refuses with the regime's reasons, and
    // each reason leads to its field.
    await page.getByRole('button', { name: 'Publiceren als versie 2' }).click();
    await page.getByRole('heading', { name: 'Niet gepubliceerd', level: 2 }).waitFor();
    await page.getByText('Niet toegestaan volgens de Wkkgz:').waitFor();
    const reason = page.getByRole('alert').getByRole('link', { name: /beslistermijn/i });
    await reason.click();
    expect(
      await page.evaluate(() => document.activeElement?.getAttribute('aria-invalid') ?? null),
    ).toBe('true');
    await checkPage(page, '93-procedure-geweigerd');

    // Five weeks is within the law: clean again, and this time it is published.
    await decisionTermAmount(page).fill('5');
    await page.getByText('Gecontroleerd: geen problemen.').waitFor();
    await page.getByRole('button', { name: 'Publiceren als versie 2' }).click();
    await page.getByText('Versie 2 is gepubliceerd. Nieuwe klachten volgen deze versie.').waitFor();
    await page.getByRole('link', { name: 'Naar de procedure' }).click();
    await page.getByRole('heading', { name: 'Klachtenprocedure', level: 1 }).waitFor();
    await page.waitForFunction(() =>
      document.querySelector('p.lead')?.textContent?.includes('versie 2'),
    );
    expect(await page.getByText(/Beslistermijn \(Wkkgz\): 5 weken/).count()).toBeGreaterThan(0);
    await context.close();
  });
});
