import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium } from '../support/browser.js';
import { api, checkPage, signIn } from '../support/journey.js';

let browser: Browser;
let url: string;

const MEMBER = 'member@klachtencommissie.example';
const DE_HAVEN = 'Maatschappelijke Opvang De Haven';

interface CaseList {
  cases: { edges: { node: { id: string; reference: string } }[] };
}

describe('the commission workspace (issue 13 item 3)', () => {
  beforeAll(async () => {
    url = inject('klachtpadUrl');
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows a commission member the referred cases of each served organisation with their bundle, and nothing else', async () => {
    // What De Haven's staff see, and what the commission is allowed: the referred cases only.
    const asDirector = await api(url).as('director@mo.example', 'mo');
    const all = await asDirector<CaseList>(
      'query { cases(first: 100) { edges { node { id reference } } } }',
    );
    const asMember = await api(url).as(MEMBER, 'mo');
    const referred = await asMember<CaseList>(
      'query { cases(first: 100) { edges { node { id reference } } } }',
    );
    const referredReferences = referred.cases.edges.map((edge) => edge.node.reference);
    expect(referredReferences.length).toBeGreaterThan(0);
    expect(referredReferences.length).toBeLessThan(all.cases.edges.length);
    const other = all.cases.edges
      .map((edge) => edge.node)
      .find((node) => !referredReferences.includes(node.reference))!;

    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: 'nl-NL',
    });
    const page = await context.newPage();
    // Generous: the machine is shared, and no outcome may depend on its speed.
    page.setDefaultTimeout(120_000);
    await page.goto(url);
    await signIn(page, MEMBER);
    await page.getByRole('heading', { name: 'Kies een organisatie' }).waitFor();
    await page.getByRole('button', { name: new RegExp(DE_HAVEN) }).click();
    await page.getByRole('heading', { name: 'Commissie', level: 1 }).waitFor();

    const haven = page.getByRole('region', { name: DE_HAVEN });
    const links = haven.getByRole('link', { name: /^Klacht / });
    await links.first().waitFor();
    const shown = (await links.allTextContents()).map((text) => text.replace(/^Klacht /, ''));
    expect(shown.sort()).toEqual([...referredReferences].sort());
    expect(await page.getByText(other.reference, { exact: false }).count()).toBe(0);
    await checkPage(page, '95-commissie');

    const first = shown[0]!;
    await haven.getByRole('link', { name: `Klacht ${first}`, exact: true }).click();
    await page.getByRole('heading', { name: `Klacht ${first}`, level: 1 }).waitFor();
    await page
      .getByRole('note')
      .getByText(/^Verwezen naar /)
      .waitFor();
    // The bundle the commission works from: advice per part, its requests, hearings, documents.
    for (const heading of ['Advies of uitspraak per klachtonderdeel', 'Verzoeken om informatie']) {
      await page.getByRole('heading', { name: heading }).waitFor();
    }
    await checkPage(page, '96-commissie-klacht');

    // Another case of the organisation, typed into the address bar: not there for the commission.
    await page.goto(`${url}/commissie/${other.id}`);
    await page
      .getByText('Deze klacht is niet gevonden, of is niet (meer) naar uw commissie verwezen.')
      .waitFor();
    await context.close();
  });
});
