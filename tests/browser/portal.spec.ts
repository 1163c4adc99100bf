import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium } from '../support/browser.js';
import { api, checkPage, signIn, signOut, TINY_PNG } from '../support/journey.js';
import { registeredId } from '../support/web-build.js';

const PHONE = { width: 390, height: 844 };
const NEUTRAL = 'https://www.google.nl/';

let browser: Browser;
let url: string;

/** A fresh, signed-out tab in its own browser context (its own cookies), as another device. */
async function device(viewport = PHONE): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport, locale: 'nl-NL' });
  const page = await context.newPage();
  // Generous: CI machines are shared and slow, and no outcome may depend on their speed.
  page.setDefaultTimeout(120_000);
  // The neutral site quick exit goes to: no network here, so the test serves a stand-in.
  await context.route(`${NEUTRAL}**`, (route) =>
    route.fulfill({ contentType: 'text/html', body: '<title>Google</title><p>neutraal</p>' }),
  );
  return { context, page };
}

/** Today in Amsterdam, and a date some days before it (YYYY-MM-DD). */
function daysAgo(days: number): string {
  const date = new Date(Date.now() - days * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(date);
}

interface ClientCase {
  id: string;
  reference: string;
  version: number;
  stages: { stage: string }[];
}

async function clientCases(email: string, organisation: string): Promise<ClientCase[]> {
  const as = await api(url).as(email, organisation);
  const data = await as<{ cases: { edges: { node: ClientCase }[] } }>(
    '{ cases(first: 100) { edges { node { id reference version stages { stage } } } } }',
  );
  return data.cases.edges.map((edge) => edge.node);
}

describe('the portal for clients and confidants', () => {
  beforeAll(async () => {
    url = inject('klachtpadUrl');
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('lets a bureau-mhr client file a complaint with an attachment on a phone and find it in “Mijn klachten”', async () => {
    const { context, page } = await device();
    await page.goto(`${url}/klachten`);
    await checkPage(page, '01-sign-in');
    await signIn(page, 'client@bureau-mhr.example');
    await page.getByRole('heading', { name: 'Mijn klachten', level: 1 }).waitFor();
    expect(await page.title()).toBe('Mijn klachten – Klachtpad');
    await checkPage(page, '02-my-complaints');

    await page.getByRole('link', { name: 'Een klacht indienen' }).click();
    await page.getByRole('heading', { name: 'Waar gaat uw klacht over?' }).waitFor();
    // Sending nothing: the error summary first, the title says so.
    await page.getByRole('button', { name: 'Volgende' }).click();
    await page.getByRole('alert').filter({ hasText: 'Er is iets niet goed ingevuld' }).waitFor();
    expect(await page.title()).toMatch(/^Fout: /);
    await checkPage(page, '03-intake-error');
    await page
      .getByLabel('Onderdeel 1')
      .fill('Mijn begeleider kwam drie keer niet op de afspraak.');
    await page.getByRole('button', { name: 'Volgende' }).click();

    await page.getByRole('heading', { name: 'Wanneer is het gebeurd?' }).waitFor();
    expect(await page.getByRole('note').textContent()).toContain(
      'tot 3 maanden nadat het is gebeurd',
    );
    await page.getByLabel('Datum van wat er gebeurd is').fill(daysAgo(10));
    await checkPage(page, '04-intake-date');
    await page.getByRole('button', { name: 'Volgende' }).click();
    await page.getByRole('heading', { name: 'Over wie gaat uw klacht?' }).waitFor();
    await page.getByLabel('Over wie of wat gaat het? (niet verplicht)').fill('Mijn begeleider');
    await page.getByRole('button', { name: 'Volgende' }).click();
    await page.getByRole('heading', { name: 'Wat wilt u dat er gebeurt?' }).waitFor();
    await page.getByLabel('Wat wilt u dat er gebeurt?').fill('Een gesprek en excuses.');
    await page.getByRole('button', { name: 'Volgende' }).click();

    await page.getByRole('heading', { name: 'Wilt u bestanden meesturen?' }).waitFor();
    expect(await page.locator('main').textContent()).toContain('maximaal 10 MB');
    await page.getByLabel('Wilt u bestanden meesturen?').setInputFiles({
      name: 'foto afspraak.png',
      mimeType: 'image/png',
      buffer: TINY_PNG,
    });
    await page.getByText('foto afspraak.png').waitFor();
    await checkPage(page, '05-intake-attachments');
    await page.getByRole('button', { name: 'Volgende' }).click();

    await page.getByRole('heading', { name: 'Controleer uw antwoorden' }).waitFor();
    // Back and forward move between the questions, answers kept.
    await page.goBack();
    await page.getByRole('heading', { name: 'Wilt u bestanden meesturen?' }).waitFor();
    await page.goForward();
    await page.getByRole('heading', { name: 'Controleer uw antwoorden' }).waitFor();
    expect(await page.locator('dl.review').textContent()).toContain('foto afspraak.png');
    await checkPage(page, '06-intake-check');
    await page.getByRole('button', { name: 'Klacht indienen' }).click();

    await page.getByRole('heading', { name: 'Uw klacht is ingediend', level: 1 }).waitFor();
    const reference = (await page.locator('.confirmation .reference').textContent())!.trim();
    expect(reference).toMatch(/^BM-\d{4}-\d{4}$/);
    await checkPage(page, '07-confirmation');

    await page.getByRole('link', { name: 'Naar mijn klachten' }).click();
    const item = page.locator('.case-item', { hasText: reference });
    await item.waitFor();
    // Its first deadline, or, where the procedure starts none at filing (bureau-mhr), that none runs yet.
    expect(await item.textContent()).toMatch(/uiterlijk \d+ \w+ \d{4}|Er loopt nog geen termijn/);
    // Complaints further along show their running deadline with its derivation in words.
    expect(await page.locator('.case-item-deadline').allTextContents()).toContainEqual(
      expect.stringMatching(/uiterlijk \d+ \w+ \d{4}.*\d{2}-\d{2}-\d{4} = .+ \+ \d+ \w+/),
    );
    await item.getByRole('link').click();
    await page.getByRole('heading', { name: `Klacht ${reference}`, level: 1 }).waitFor();
    const deadlines = page.getByRole('region', { name: 'Termijnen' });
    expect(await deadlines.textContent()).toMatch(
      /\d{2}-\d{2}-\d{4} = .+ \+ |Er lopen nu geen termijnen/,
    );
    expect(await page.getByRole('region', { name: 'Berichten' }).textContent()).toContain(
      'Een gesprek en excuses.',
    );
    expect(
      await page.getByRole('region', { name: 'Brieven en documenten' }).textContent(),
    ).toContain('foto afspraak');
    await checkPage(page, '08-case');
    await context.close();
  });

  it('lets a client authorise the confidant, who files for them, and takes the case away again at once', async () => {
    const client = await device();
    await client.page.goto(`${url}/vertrouwenspersonen`);
    await signIn(client.page, 'client2@mo.example');
    await client.page.getByRole('heading', { name: 'Vertrouwenspersonen', level: 1 }).waitFor();
    await client.page.getByLabel('Vertrouwenspersoon', { exact: true }).check();
    await client.page.getByRole('button', { name: 'Toestemming geven' }).click();
    await client.page.getByRole('status').filter({ hasText: 'heeft nu uw toestemming' }).waitFor();
    await checkPage(client.page, '10-confidants');

    const confidant = await device({ width: 1280, height: 900 });
    await confidant.page.goto(url);
    await signIn(confidant.page, 'confidant@vertrouwenspersonen.example');
    await confidant.page.getByRole('button', { name: /Maatschappelijke Opvang De Haven/ }).click();
    await confidant.page.getByRole('heading', { name: 'Mijn cliënten', level: 1 }).waitFor();
    const moSection = confidant.page.getByRole('region', {
      name: 'Maatschappelijke Opvang De Haven',
    });
    await moSection.getByRole('heading', { name: /Tweede client/ }).waitFor();
    // Real grants in every organisation the confidant serves.
    for (const organisation of ['Veilig Thuis Regio Midden', 'Ondersteuningsteam Ouders en Kind']) {
      await confidant.page
        .getByRole('region', { name: organisation })
        .locator('.case-item')
        .first()
        .waitFor();
    }
    await checkPage(confidant.page, '11-confidant-clients');
    await moSection.getByRole('button', { name: /namens Tweede client/ }).click();

    await confidant.page.getByRole('heading', { name: 'Voor wie dient u de klacht in?' }).waitFor();
    await confidant.page.getByLabel(/Tweede client/).check();
    await confidant.page.getByRole('button', { name: 'Volgende' }).click();
    await confidant.page
      .getByRole('heading', { name: 'Hoe wilt u dat uw klacht wordt behandeld?' })
      .waitFor();
    await confidant.page.getByRole('radio').first().check();
    await confidant.page.getByRole('button', { name: 'Volgende' }).click();
    await confidant.page.getByRole('heading', { name: 'Wat voor soort melding is het?' }).waitFor();
    await confidant.page.getByRole('radio').first().check();
    await confidant.page.getByRole('button', { name: 'Volgende' }).click();
    await confidant.page.getByLabel('Onderdeel 1').fill('De nachtdienst negeerde mijn cliënt.');
    for (const question of [
      'Wanneer is het gebeurd?',
      'Over wie gaat uw klacht?',
      'Wat wilt u dat er gebeurt?',
      'Wilt u bestanden meesturen?',
      'Controleer uw antwoorden',
    ]) {
      await confidant.page.getByRole('button', { name: 'Volgende' }).click();
      await confidant.page.getByRole('heading', { name: question }).waitFor();
    }
    await confidant.page.getByRole('button', { name: 'Klacht indienen' }).click();
    await confidant.page.getByRole('heading', { name: 'Uw klacht is ingediend' }).waitFor();
    const reference = (await confidant.page
      .locator('.confirmation .reference')
      .textContent())!.trim();
    await confidant.page.getByRole('link', { name: 'Naar mijn klacht', exact: true }).click();
    await confidant.page.getByRole('heading', { name: `Klacht ${reference}`, level: 1 }).waitFor();
    const caseAddress = confidant.page.url();

    // The client finds the second complaint, filed on their behalf, and ends the access.
    await client.page.getByRole('link', { name: 'Mijn klachten' }).click();
    await client.page.locator('.case-item', { hasText: reference }).getByRole('link').click();
    await client.page.getByRole('link', { name: /wie heeft toegang/i }).click();
    await client.page
      .getByRole('heading', { name: 'Wie heeft toegang tot uw klacht', level: 1 })
      .waitFor();
    await checkPage(client.page, '12-case-sharing');
    await client.page
      .getByRole('button', { name: /Toegang van Vertrouwenspersoon stoppen/ })
      .click();
    await client.page.getByRole('status').filter({ hasText: 'is gestopt' }).waitFor();

    // At once: the confidant's next look finds nothing, and the overview no longer lists it.
    await confidant.page.goto(caseAddress);
    await confidant.page.getByRole('heading', { name: 'Pagina niet gevonden', level: 1 }).waitFor();
    await checkPage(confidant.page, '13-case-gone');
    await confidant.page.getByRole('link', { name: 'Mijn cliënten' }).click();
    await confidant.page.getByRole('heading', { name: 'Mijn cliënten', level: 1 }).waitFor();
    await confidant.page
      .getByRole('region', { name: 'Maatschappelijke Opvang De Haven' })
      .locator('.client')
      .first()
      .waitFor();
    expect(await confidant.page.locator('main').textContent()).not.toContain(reference);
    await client.context.close();
    await confidant.context.close();
  });

  it('lets a client sign the minutes of a talk with a note of dissent', async () => {
    const [kase] = await clientCases('client@mo.example', 'mo');
    const handler = await api(url).as('handler@mo.example', 'mo');
    const clientMe = await (
      await api(url).as('client@mo.example', 'mo')
    )<{ me: { id: string } }>('{ me { id } }');
    const handlerMe = await handler<{ me: { id: string } }>('{ me { id } }');
    const { scheduleMeeting } = await handler<{ scheduleMeeting: { id: string } }>(
      'mutation ($input: ScheduleMeetingInput!) { scheduleMeeting(input: $input) { id } }',
      {
        input: {
          caseId: kase!.id,
          kind: 'MEETING',
          startsAt: new Date(Date.now() - 3_600_000).toISOString(),
          location: 'Kantoor De Haven, kamer 2',
          participantIds: [clientMe.me.id, handlerMe.me.id],
        },
      },
    );
    await handler(
      'mutation ($input: RecordAttendanceInput!) { recordAttendance(input: $input) { __typename } }',
      {
        input: { meetingId: scheduleMeeting.id, presentIds: [clientMe.me.id, handlerMe.me.id] },
      },
    );
    await handler(
      'mutation ($input: RecordMinutesInput!) { recordMinutes(input: $input) { __typename } }',
      {
        input: {
          meetingId: scheduleMeeting.id,
          text: 'We spraken over de kamercontrole. Afgesproken: vooraf melden.',
        },
      },
    );

    const { context, page } = await device();
    await page.goto(`${url}/klachten/${kase!.id}`);
    await signIn(page, 'client@mo.example');
    const talks = page.getByRole('region', { name: 'Gesprekken' });
    await talks.waitFor();
    expect(await talks.textContent()).toContain('Kantoor De Haven, kamer 2');
    await checkPage(page, '20-minutes-to-sign');
    await talks
      .getByLabel('Waar bent u het niet mee eens? (niet verplicht)')
      .fill('Er is niet gezegd dat ik de regels kende.');
    await talks.getByRole('button', { name: 'Verslag ondertekenen' }).click();
    await talks
      .getByText(/U heeft het verslag ondertekend/)
      .first()
      .waitFor();
    await page.reload();
    await page
      .getByRole('region', { name: 'Gesprekken' })
      .getByText('Er is niet gezegd dat ik de regels kende.')
      .waitFor();
    await checkPage(page, '21-minutes-signed');
    await context.close();
  });

  it('lets a client dispute the outcome, and the complaint moves on', async () => {
    const handled = (await clientCases('client@mo.example', 'mo')).find((kase) =>
      kase.stages.some((stage) => stage.stage === 'leidinggevende-afgehandeld'),
    );
    expect(handled).toBeDefined();
    const { context, page } = await device({ width: 1280, height: 900 });
    await page.goto(`${url}/klachten/${handled!.id}`);
    await signIn(page, 'client@mo.example');
    const actions = page.getByRole('region', { name: 'Wat u nu kunt doen' });
    await actions.waitFor();
    const appeal = actions
      .locator('.action', { hasText: /directeur/i })
      .filter({ has: page.getByRole('textbox') })
      .first();
    await appeal.getByRole('button').last().click();
    await actions.getByRole('alert').waitFor();
    expect(await page.title()).toMatch(/^Fout: /);
    await checkPage(page, '30-dispute-error');
    await appeal
      .getByRole('textbox')
      .first()
      .fill('De leidinggevende heeft niet met mij gesproken voor het besluit.');
    const before = await page.locator('.lead .status-tag').textContent();
    await appeal.getByRole('button').last().click();
    await page.waitForFunction(
      (old) => document.querySelector('.lead .status-tag')?.textContent !== old,
      before,
    );
    const timeline = page.getByRole('region', { name: 'Wat er is gebeurd' });
    expect(await timeline.textContent()).toContain('Stap gezet');

    const after = await clientCases('client@mo.example', 'mo');
    expect(after.find((kase) => kase.id === handled!.id)!.version).toBeGreaterThan(
      handled!.version,
    );
    await checkPage(page, '31-dispute-moved-on');
    await context.close();
  });

  it('leaves at once with quick exit, keeping no Klachtpad page in the tab’s history', async () => {
    const { context, page } = await device();
    await page.goto(url);
    await signIn(page, 'client@veilig-thuis.example');
    await page.getByRole('heading', { name: 'Mijn klachten', level: 1 }).waitFor();
    await page.locator('.case-item a').first().click();
    await page.getByRole('heading', { level: 1, name: /^Klacht / }).waitFor();
    await page.getByRole('link', { name: 'Vertrouwenspersonen' }).click();
    await page.getByRole('heading', { name: 'Vertrouwenspersonen', level: 1 }).waitFor();

    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    await page.waitForURL(NEUTRAL);
    const cdp = await context.newCDPSession(page);
    const history = (await cdp.send('Page.getNavigationHistory')) as {
      entries: { url: string; title: string }[];
    };
    const ours = history.entries.filter((entry) => entry.url.startsWith(url));
    expect(ours.map((entry) => new URL(entry.url).pathname)).toEqual(['/']);
    expect(history.entries.some((entry) => /klacht/i.test(entry.title))).toBe(false);
    expect(history.entries.at(-1)?.url).toBe(NEUTRAL);

    // The session ended too: going back shows only the sign-in page, and nothing was stored.
    await page.goBack();
    await page.getByRole('heading', { name: 'Inloggen bij Klachtpad' }).waitFor();
    expect(await page.evaluate(() => localStorage.length + sessionStorage.length)).toBe(0);
    await context.close();
  });

  it('signs out for real: the old session cannot be used again', async () => {
    const { context, page } = await device();
    await page.goto(url);
    await signIn(page, 'client@kleine-ontmoeting.example');
    await page.getByRole('heading', { name: 'Mijn klachten', level: 1 }).waitFor();
    const [cookie] = (await context.cookies()).filter((c) => c.name === '__Host-klachtpad_session');
    await signOut(page);
    const replay = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        cookie: `__Host-klachtpad_session=${cookie!.value}`,
      },
      // A browser session may only send the web build's registered operations (ADR 0063): the
      // replay sends the client's own `Me` query by its id, as the client would.
      body: JSON.stringify({
        operationName: 'Me',
        variables: {},
        extensions: { persistedQuery: { version: 1, sha256Hash: await registeredId('Me') } },
      }),
    });
    const body = (await replay.json()) as { errors?: { extensions: { code: string } }[] };
    expect(body.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
    await context.close();
  });

  it('answers an unknown address with a page that says so', async () => {
    const { context, page } = await device();
    await page.goto(`${url}/bestaat-niet`);
    await signIn(page, 'client@ondersteuningsteam.example');
    await page.getByRole('heading', { name: 'Pagina niet gevonden', level: 1 }).waitFor();
    expect(await page.title()).toBe('Pagina niet gevonden – Klachtpad');
    await checkPage(page, '40-not-found');
    await context.close();
  });
});
