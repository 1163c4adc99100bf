import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { REPOSITORY_ROOT } from './repository.js';

export const DEMO_PASSWORD = 'klachtpad-demo';

/** Screenshots of every checked page, kept as test artifacts (gitignored). */
export const ARTIFACTS = path.join(REPOSITORY_ROOT, 'tests', 'artifacts');

export async function signIn(page: Page, email: string) {
  await page.getByRole('heading', { name: 'Inloggen bij Klachtpad' }).waitFor();
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Wachtwoord').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Inloggen' }).click();
}

export async function signOut(page: Page) {
  await page.getByRole('button', { name: /^(Uitloggen|Sign out)$/ }).click();
  await page.getByRole('heading', { name: 'Inloggen bij Klachtpad' }).waitFor();
}

const SERIOUS = new Set(['serious', 'critical']);

async function axeProblems(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  return results.violations
    .filter((violation) => SERIOUS.has(violation.impact ?? ''))
    .map(
      (violation) =>
        `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes
          .slice(0, 3)
          .map((node) => node.target.join(' '))
          .join(', ')}`,
    );
}

async function fitsWidth(page: Page, width: number): Promise<boolean> {
  await page.setViewportSize({ width, height: 800 });
  await page.waitForTimeout(50);
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
}

/**
 * What every page of a journey must pass, in Dutch and in English: no serious or critical axe
 * violation (WCAG 2.2 AA rules) and nothing wider than a 320 px screen; screenshots of the Dutch
 * page at 390 and 1280 px. The page is left as it was found: the viewport restored, Dutch again.
 */
export async function checkPage(page: Page, name: string): Promise<void> {
  const viewport = page.viewportSize() ?? { width: 1280, height: 800 };
  await mkdir(ARTIFACTS, { recursive: true });
  for (const language of ['nl', 'en'] as const) {
    if (language === 'en') await switchLanguage(page, 'English');
    expect(await axeProblems(page), `${name} (${language})`).toEqual([]);
    expect(await fitsWidth(page, 320), `${name} (${language}) at 320 px`).toBe(true);
    if (language === 'en') continue;
    for (const width of [390, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await page.screenshot({ path: path.join(ARTIFACTS, `${name}-${width}.png`), fullPage: true });
    }
  }
  await switchLanguage(page, 'Nederlands');
  await page.setViewportSize(viewport);
}

async function switchLanguage(page: Page, to: 'English' | 'Nederlands') {
  const target = to === 'English' ? 'en' : 'nl';
  await page.locator('button.language-switch').first().click();
  await page.waitForFunction((lang) => document.documentElement.lang === lang, target);
}

/** A minimal real PNG (1×1), so the server's content check accepts it as an image. */
export const TINY_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/**
 * Files a complaint through the portal's intake, the client signed in on its first question:
 * one part, an incident a week ago, the rest left as it is. Returns the reference shown.
 */
export async function fileInPortal(page: Page, summary: string): Promise<string> {
  await page.getByRole('heading', { name: 'Waar gaat uw klacht over?' }).waitFor();
  await page.getByLabel('Onderdeel 1').fill(summary);
  await page.getByRole('button', { name: 'Volgende' }).click();
  await page.getByRole('heading', { name: 'Wanneer is het gebeurd?' }).waitFor();
  const lastWeek = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(
    new Date(Date.now() - 7 * 86_400_000),
  );
  await page.getByLabel('Datum van wat er gebeurd is').fill(lastWeek);
  for (const question of [
    'Over wie gaat uw klacht?',
    'Wat wilt u dat er gebeurt?',
    'Wilt u bestanden meesturen?',
    'Controleer uw antwoorden',
  ]) {
    await page.getByRole('button', { name: 'Volgende' }).click();
    await page.getByRole('heading', { name: question }).waitFor();
  }
  await page.getByRole('button', { name: 'Klacht indienen' }).click();
  await page.getByRole('heading', { name: 'Uw klacht is ingediend', level: 1 }).waitFor();
  return (await page.locator('.confirmation .reference').textContent())!.trim();
}

/** Marks the loaded document: a reload or a full navigation would lose the mark. */
export async function markDocument(page: Page) {
  await page.evaluate(() => ((window as unknown as { liveMark: string }).liveMark = 'same page'));
}

/** Whether the page is still the document `markDocument` marked: nothing reloaded it. */
export async function sameDocument(page: Page): Promise<boolean> {
  return page.evaluate(() => (window as unknown as { liveMark?: string }).liveMark === 'same page');
}

/** GraphQL against the same server, for arranging what staff would do in their own workbench. */
export function api(url: string) {
  async function post<T>(
    query: string,
    variables: Record<string, unknown>,
    headers: Record<string, string>,
  ) {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
    if (body.errors) throw new Error(`GraphQL: ${body.errors.map((e) => e.message).join('; ')}`);
    return body.data as T;
  }
  return {
    async as(email: string, organisation: string) {
      const signed = await post<{ signIn: { token: string } }>(
        'mutation ($email: String!, $password: String!) { signIn(email: $email, password: $password) { token } }',
        { email, password: DEMO_PASSWORD },
        {},
      );
      const headers = {
        authorization: `Bearer ${signed.signIn.token}`,
        'x-organisation': organisation,
      };
      return <T>(query: string, variables: Record<string, unknown> = {}) =>
        post<T>(query, variables, headers);
    },
  };
}
