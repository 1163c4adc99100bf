// `pnpm bench --only web` (issues 12 and 13): what the web client costs a person in the browser.
//
// Against the real server from source with its demo organisations, in Debian's Chromium:
// - the JavaScript each page needs when opened directly (gzip, as served), the initial route first;
// - time to interactive of "Mijn klachten" for a client with 50 complaints and of the Werkbak for a
//   manager with 500 cases: from navigation to the list shown and the last long task over;
// - how long a change takes to show: a client files a complaint while the manager's Werkbak is
//   open, and the count on the page changes without a reload (the live feed, ADR 0077).
// Baseline in the same run and browser: the sign-in page (the same shell, scripts and fonts,
// without session or data), so the ratios stay put when the machine is busy.
//
// Writes bench/results/web-<date>.{md,json}. Run from the server directory (it has tsx):
//   node --import tsx ../tests/bench/web.ts
import { readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browser.js';
import { api, signIn } from '../support/journey.js';
import { startServer } from '../support/klachtpad-server.js';
import { REPOSITORY_ROOT } from '../support/repository.js';
import { ensureWebBuild } from '../support/web-build.js';

const ORGANISATION = 'bureau-mhr';
const CLIENT = 'client@bureau-mhr.example';
const OTHER_CLIENT = 'client2@bureau-mhr.example';
const MANAGER = 'manager@bureau-mhr.example';
const CLIENT_CASES = 50;
const INBOX_CASES = 500;
const RUNS = Number(process.env.BENCH_WEB_RUNS ?? 5);
/** A main thread without a long task this long after the list showed counts as interactive. */
const QUIET_MS = 2_000;

const FILE = `mutation File($input: FileComplaintInput!) {
  fileComplaint(input: $input) { __typename ... on CaseChanged { case { id } } ... on ActionRefused { code } }
}`;
const COUNT = `{ cases(first: 1) { totalCount edges { node { id } } } }`;

type Query = <T>(query: string, variables?: Record<string, unknown>) => Promise<T>;

async function casesOf(as: Query): Promise<{ total: number; someId: string | undefined }> {
  const { cases } = await as<{ cases: { totalCount: number; edges: { node: { id: string } }[] } }>(
    COUNT,
  );
  return { total: cases.totalCount, someId: cases.edges[0]?.node.id };
}

async function file(as: Query, i: number): Promise<void> {
  const { fileComplaint } = await as<{ fileComplaint: { __typename: string } }>(FILE, {
    input: { complainant: 'client', parts: [{ summary: `Benchklacht ${i}: niet teruggebeld.` }] },
  });
  if (fileComplaint.__typename !== 'CaseChanged') throw new Error('A bench filing was refused.');
}

/** Files complaints, a few at a time, until `as` has `count` of them. */
async function fileUntil(as: Query, count: number): Promise<void> {
  let { total } = await casesOf(as);
  while (total < count) {
    const batch = Math.min(8, count - total);
    await Promise.all(Array.from({ length: batch }, (_, i) => file(as, total + i)));
    total += batch;
  }
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Records long tasks from the start of every document of the page. */
async function observeLongTasks(page: Page) {
  await page.addInitScript(() => {
    const tasks: { end: number }[] = [];
    (window as unknown as { __longTasks: typeof tasks }).__longTasks = tasks;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) tasks.push({ end: entry.startTime + entry.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
}

/**
 * Opens `address` in a fresh browser context (nothing cached, as on a first visit), signed in as
 * `email` when given, and returns the time to interactive in ms since navigation and the
 * JavaScript the page loaded (gzip bytes).
 */
async function openPage(
  browser: Browser,
  base: string,
  address: string,
  shown: (page: Page) => Promise<void>,
  email?: string,
): Promise<{ ttiMs: number; jsGzipBytes: number }> {
  const context = await browser.newContext({
    locale: 'nl-NL',
    viewport: { width: 390, height: 800 },
  });
  try {
    const page = await context.newPage();
    if (email) {
      await page.goto(base);
      await signIn(page, email);
      await page.getByRole('button', { name: 'Uitloggen' }).waitFor();
    }
    await observeLongTasks(page);
    const scripts = new Set<string>();
    page.on('request', (request) => {
      if (request.resourceType() === 'script') scripts.add(new URL(request.url()).pathname);
    });
    await page.goto(`${base}${address}`);
    await shown(page);
    const shownAt = await page.evaluate(() => performance.now());
    await page.waitForTimeout(QUIET_MS);
    const lastLongTask = await page.evaluate(() =>
      Math.max(
        0,
        ...(window as unknown as { __longTasks: { end: number }[] }).__longTasks.map((t) => t.end),
      ),
    );
    return { ttiMs: Math.max(shownAt, lastLongTask), jsGzipBytes: gzipSizeOf(scripts) };
  } finally {
    await context.close();
  }
}

/** The size of the given scripts of the build, compressed as the server sends them. */
function gzipSizeOf(pathnames: Set<string>): number {
  let bytes = 0;
  for (const pathname of pathnames) {
    const file = path.join(REPOSITORY_ROOT, 'web', 'dist', pathname);
    bytes += gzipSync(readFileSync(file)).length;
  }
  return bytes;
}

async function main() {
  await ensureWebBuild();
  const started = Date.now();
  const say = (message: string) =>
    console.log(
      `[bench:web ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${message}`,
    );
  const server = await startServer();
  const browser = await launchChromium();
  try {
    say(`server ready at ${server.url}; filing ${CLIENT_CASES} and ${INBOX_CASES} cases`);
    const client = await api(server.url).as(CLIENT, ORGANISATION);
    const otherClient = await api(server.url).as(OTHER_CLIENT, ORGANISATION);
    const manager = await api(server.url).as(MANAGER, ORGANISATION);
    await fileUntil(client, CLIENT_CASES);
    const managerSees = (await casesOf(manager)).total;
    await fileUntil(otherClient, (await casesOf(otherClient)).total + INBOX_CASES - managerSees);
    const clientCase = (await casesOf(client)).someId!;
    const managerCase = (await casesOf(manager)).someId!;
    say(`manager sees ${(await casesOf(manager)).total} cases; measuring ${RUNS} runs per page`);

    const pages = {
      'sign-in (baseline)': {
        address: '/',
        shown: (page: Page) =>
          page.getByRole('heading', { name: 'Inloggen bij Klachtpad' }).waitFor(),
      },
      'Mijn klachten, 50 complaints': {
        address: '/klachten',
        email: CLIENT,
        shown: (page: Page) =>
          page
            .locator('.case-item')
            .nth(CLIENT_CASES - 1)
            .waitFor(),
      },
      'one complaint': {
        address: `/klachten/${clientCase}`,
        email: CLIENT,
        shown: (page: Page) => page.locator('h1').first().waitFor(),
      },
      'file a complaint': {
        address: '/klachten/nieuw',
        email: CLIENT,
        shown: (page: Page) => page.locator('form').first().waitFor(),
      },
      'Werkbak, 500 cases (first page of 50)': {
        address: '/werkbak',
        email: MANAGER,
        shown: (page: Page) => page.locator('.inbox-table tbody tr').nth(49).waitFor(),
      },
      'staff case page': {
        address: `/werkbak/${managerCase}`,
        email: MANAGER,
        shown: (page: Page) => page.locator('h1').first().waitFor(),
      },
    } as const;
    const measured: Record<string, { ttiMs: number; jsGzipBytes: number; runs: number[] }> = {};
    for (const [name, spec] of Object.entries(pages)) {
      const runs: { ttiMs: number; jsGzipBytes: number }[] = [];
      for (let run = 0; run < RUNS; run += 1)
        runs.push(
          await openPage(
            browser,
            server.url,
            spec.address,
            spec.shown,
            'email' in spec ? spec.email : undefined,
          ),
        );
      measured[name] = {
        ttiMs: median(runs.map((r) => r.ttiMs)),
        jsGzipBytes: median(runs.map((r) => r.jsGzipBytes)),
        runs: runs.map((r) => Math.round(r.ttiMs)),
      };
      say(
        `${name}: ${measured[name].ttiMs.toFixed(0)} ms, ${(measured[name].jsGzipBytes / 1024).toFixed(1)} KiB JS gzip`,
      );
    }

    const live = await liveUpdateLatency(browser, server.url, otherClient);
    say(
      `live update on the Werkbak: median ${median(live).toFixed(0)} ms (${live.map((ms) => ms.toFixed(0)).join(', ')})`,
    );
    const report = await writeReport(measured, live);
    say(`report: ${report}`);
  } finally {
    await browser.close();
    await server.stop();
  }
}

/**
 * The manager's Werkbak is open; a client files a complaint through the API, and the page's count
 * changes without a reload. From just before the filing to the new count on the page.
 */
async function liveUpdateLatency(browser: Browser, base: string, client: Query): Promise<number[]> {
  const context = await browser.newContext({
    locale: 'nl-NL',
    viewport: { width: 1280, height: 800 },
  });
  try {
    const page = await context.newPage();
    await page.goto(base);
    await signIn(page, MANAGER);
    await page.getByRole('button', { name: 'Uitloggen' }).waitFor();
    await page.goto(`${base}/werkbak`);
    const count = page.locator('p.count').first();
    await count.waitFor();
    const latencies: number[] = [];
    for (let run = 0; run < RUNS; run += 1) {
      const before = await count.textContent();
      const startedAt = performance.now();
      await file(client, 10_000 + run);
      await page.waitForFunction(
        (text) => document.querySelector('p.count')?.textContent !== text,
        before,
        { timeout: 120_000, polling: 'raf' },
      );
      latencies.push(performance.now() - startedAt);
    }
    return latencies;
  } finally {
    await context.close();
  }
}

async function writeReport(
  measured: Record<string, { ttiMs: number; jsGzipBytes: number; runs: number[] }>,
  live: number[],
): Promise<string> {
  const baseline = measured['sign-in (baseline)']!;
  const date = new Date().toISOString();
  const summary = {
    command: 'pnpm bench --only web',
    date,
    node: process.version,
    cpus: os.cpus().length,
    loadAverage: os.loadavg().map((l) => Number(l.toFixed(1))),
    runsPerPage: RUNS,
    initial_route_js_gzip_bytes: measured['Mijn klachten, 50 complaints']!.jsGzipBytes,
    my_complaints_tti_ms: Math.round(measured['Mijn klachten, 50 complaints']!.ttiMs),
    my_complaints_tti_ratio: Number(
      (measured['Mijn klachten, 50 complaints']!.ttiMs / baseline.ttiMs).toFixed(2),
    ),
    inbox_500_tti_ms: Math.round(measured['Werkbak, 500 cases (first page of 50)']!.ttiMs),
    inbox_500_tti_ratio: Number(
      (measured['Werkbak, 500 cases (first page of 50)']!.ttiMs / baseline.ttiMs).toFixed(2),
    ),
    inbox_live_update_ms: Math.round(median(live)),
    pages: measured,
    liveUpdateRunsMs: live.map(Math.round),
  };
  const dir = path.join(REPOSITORY_ROOT, 'bench', 'results');
  await fs.mkdir(dir, { recursive: true });
  const base = path.join(dir, `web-${date.slice(0, 16).replace(/[:T]/g, '-')}`);
  await fs.writeFile(`${base}.json`, `${JSON.stringify(summary, null, 2)}\n`);
  const rows = Object.entries(measured).map(
    ([name, m]) =>
      `| ${name} | ${m.ttiMs.toFixed(0)} (${m.runs.join(', ')}) | ${(m.ttiMs / baseline.ttiMs).toFixed(2)}× | ${(m.jsGzipBytes / 1024).toFixed(1)} |`,
  );
  await fs.writeFile(
    `${base}.md`,
    [
      `# Web client in the browser, ${date}`,
      '',
      `Command: \`${summary.command}\``,
      '',
      `Real server from source with the demo organisations; Debian's Chromium, headless, a fresh context per run (nothing cached), 390 px wide; ${RUNS} runs per page, median. Node ${process.version}, ${summary.cpus} CPUs, load average ${summary.loadAverage.join(' / ')} at the end. Time to interactive: from navigation to the page's content shown and the last long task (≥ 50 ms) over, watched for ${QUIET_MS / 1000} s after. The ratio is to the sign-in page in the same run.`,
      '',
      '| page, opened directly | time to interactive ms (runs) | ratio to sign-in | JS loaded, KiB gzip |',
      '|---|---|---|---|',
      ...rows,
      '',
      `Live update: the manager's Werkbak (${INBOX_CASES} cases) shows a complaint another person files after ${summary.inbox_live_update_ms} ms (median; runs ${summary.liveUpdateRunsMs.join(', ')} ms), from before the filing request to the new count on the page.`,
      '',
    ].join('\n'),
  );
  return `${base}.md`;
}

await main();
