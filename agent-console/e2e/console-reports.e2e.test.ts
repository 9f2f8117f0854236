import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { launchChromium, loggedInPage } from './browser.js';
import { startTestHotline, type TestHotline } from '../../src/testing/harness.js';
import { DEMO_USERS } from '../../src/modules/auth/index.js';

const [admin, supervisor, agent] = DEMO_USERS;
/** The seeded day, Honduras time; every call and case below is on it, at 09:00 local (15:00 UTC). */
const DAY = '2026-03-10';

let t: TestHotline;
let browser: Browser;
let supervisorCookie: string;
const pageErrors: string[] = [];

let seq = 700_000;
async function insertCase(category: string): Promise<string> {
  const id = crypto.randomUUID();
  seq += 1;
  const columns = { id, seq, number: `AV-2026-${seq}`, category, priority: 3, language: 'es', created_at: `${DAY}T15:00:00Z` };
  await t.sql.query(`INSERT INTO cases (${Object.keys(columns).join(', ')}) VALUES (${Object.keys(columns).map((_, i) => `$${i + 1}`).join(', ')})`, Object.values(columns));
  return id;
}

let callNo = 0;
/** A call on DAY with its wait in the queue and what became of it (as in src/modules/reports/reports.test.ts). */
async function insertCall(c: { enqueued?: boolean; waitS?: number; answered?: boolean; talkS?: number; status: string; outcome?: string }) {
  callNo += 1;
  const start = new Date(`${DAY}T15:00:00Z`).getTime() + callNo * 1000;
  const enq = c.enqueued === false ? null : new Date(start + 20_000);
  const answered = c.answered && enq ? new Date(enq.getTime() + (c.waitS ?? 0) * 1000) : null;
  const ended = answered ? new Date(answered.getTime() + (c.talkS ?? 0) * 1000) : new Date(start + 60_000);
  await t.sql.query(
    `INSERT INTO calls (call_sid, from_kind, status, outcome, started_at, enqueued_at, answered_at, ended_at, queue_wait_s)
     VALUES ($1, 'withheld', $2, $3, $4, $5, $6, $7, $8)`,
    [`CA${String(callNo).padStart(32, 'e')}`, c.status, c.outcome ?? null, new Date(start), enq, answered, ended, enq ? (c.waitS ?? null) : null],
  );
}

beforeAll(async () => {
  t = await startTestHotline();
  browser = await launchChromium();
  supervisorCookie = await t.login(supervisor.email, supervisor.password);
  await insertCall({ status: 'completed', waitS: 30, answered: true, talkS: 300 }); // answered within T (60 s)
  await insertCall({ status: 'completed', waitS: 90, answered: true, talkS: 120 }); // answered late
  await insertCall({ status: 'abandoned', waitS: 5 }); // a short abandon: not an abandoned call
  await insertCall({ status: 'abandoned', waitS: 40 }); // abandoned
  await insertCall({ status: 'completed', waitS: 200, outcome: 'callback' }); // asked to be called back
  await insertCall({ status: 'completed', waitS: 950, outcome: 'voicemail' }); // left a message
  await insertCall({ status: 'completed', enqueued: false }); // hung up in the menu: never offered
  await insertCase('DETENCION');
  await insertCase('DETENCION');
  await insertCase('FRAUDE');
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function loggedIn(user: (typeof DEMO_USERS)[number]): Promise<Page> {
  return loggedInPage(browser, t.baseUrl, user, pageErrors, { viewport: { width: 1280, height: 900 }, acceptDownloads: true });
}

/** Opens Informes and shows the seeded day. */
async function reportsForDay(page: Page): Promise<void> {
  await page.getByTestId('nav-reports').click();
  await page.getByTestId('reports-page').waitFor();
  await page.getByTestId('report-from').fill(DAY);
  await page.getByTestId('report-to').fill(DAY);
  await page.getByTestId('report-apply').click();
  await page.getByTestId(`calls-row-${DAY}`).waitFor();
  await page.locator('[data-testid="report-cases"][data-state="ready"]').waitFor();
}

const text = async (l: Locator) => ((await l.textContent()) ?? '').replace(/\s+/g, ' ').trim();
const percent = (n: number) => new Intl.NumberFormat('es-HN', { style: 'percent', maximumFractionDigits: 1 }).format(n).replace(/\s+/g, '');

async function download(page: Page, testId: string): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  return readFile(await file.path(), 'utf8');
}

/** Whether anything was drawn on the canvas: some pixel is not transparent. */
const drawn = (canvas: Locator) => canvas.evaluate((c: HTMLCanvasElement) => {
  if (c.width === 0 || c.height === 0) return false;
  const data = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data;
  if (!data) return false;
  for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) return true;
  return false;
});

describe('the reports page', () => {
  it('when a supervisor opens Informes for a known day, then the calls table shows the API\'s figures with their formulas, the charts are drawn, and each CSV downloads with its header row', async () => {
    const api = (await (await t.api(`/api/reports/calls?from=${DAY}&to=${DAY}`, { cookie: supervisorCookie })).json()) as {
      serviceLevelSeconds: number; rows: { period: string; offered: number; answered: number; serviceLevel: number; abandonmentRate: number }[];
    };
    const [day] = api.rows;
    expect(day).toMatchObject({ period: DAY, offered: 6, answered: 2, serviceLevel: 0.25, abandonmentRate: 0.167 });
    if (!day) throw new Error('no row for the day');

    const page = await loggedIn(supervisor);
    await reportsForDay(page);

    // The table says what the API says: counts as they are, the two rates as percentages.
    const row = page.getByTestId(`calls-row-${day.period}`);
    expect(await text(row.getByTestId('calls-offered'))).toBe(String(day.offered));
    expect(await text(row.getByTestId('calls-answered'))).toBe(String(day.answered));
    expect((await text(row.getByTestId('calls-service-level'))).replace(/\s+/g, '')).toBe(percent(day.serviceLevel));
    expect((await text(row.getByTestId('calls-service-level'))).replace(/\s+/g, '')).toBe('25%');
    expect((await text(row.getByTestId('calls-abandonment-rate'))).replace(/\s+/g, '')).toBe(percent(day.abandonmentRate));
    expect((await text(row.getByTestId('calls-abandonment-rate'))).replace(/\s+/g, '')).toBe('16.7%');
    expect(await text(row.getByTestId('calls-asa'))).toBe('1:00');

    // The formulas beside the figures, in Spanish, with T from the settings.
    expect(await text(page.getByTestId('calls-formula-serviceLevel'))).toContain(`Atendidas en ${api.serviceLevelSeconds} s o menos`);
    expect(await text(page.getByTestId('calls-formula-abandonmentRate'))).toMatch(/Abandonos después de 10 s/);

    // Cases by category: the same counts as the seeded cases.
    expect(await text(page.getByTestId('cases-row-DETENCION').getByTestId('cases-count'))).toBe('2');
    expect(await text(page.getByTestId('cases-row-FRAUDE').getByTestId('cases-count'))).toBe('1');

    // The charts: canvases that Chart.js drew on, each named for screen readers.
    const callsCanvas = page.getByTestId('calls-chart').locator('canvas');
    await expect.poll(() => drawn(callsCanvas)).toBe(true);
    expect(await callsCanvas.getAttribute('aria-label')).toMatch(/ofrecidas, atendidas y abandonadas/);
    await expect.poll(() => drawn(page.getByTestId('cases-chart').locator('canvas'))).toBe(true);

    // Downloads: the same filters as CSV, header row first.
    const callsCsv = await download(page, 'calls-csv');
    expect(callsCsv.startsWith('period,offered,answered,answeredWithin,abandoned,shortAbandoned,callbacks,voicemails,serviceLevel,abandonmentRate,asaS,talkS\r\n')).toBe(true);
    expect(callsCsv).toContain(`${DAY},6,2,1,1,1,1,1,0.25,0.167,60,210`);
    expect((await download(page, 'cases-csv')).startsWith('key,count\r\n')).toBe(true);
    expect((await download(page, 'open-data-csv')).startsWith('month,dimension,key,count\r\n')).toBe(true);

    await page.context().close();
    // No script error and no CSP refusal (a canvas chart needs neither inline styles nor eval).
    expect(pageErrors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
  });

  it('when a supervisor clicks a category\'s bar, or its row\'s "Ver casos", then the case search opens filtered by that category and day', async () => {
    const page = await loggedIn(supervisor);
    await reportsForDay(page);

    // Two categories, drawn as horizontal bars in key order: DETENCION's band is the upper half of the chart.
    const canvas = page.getByTestId('cases-chart').locator('canvas');
    await expect.poll(() => drawn(canvas)).toBe(true);
    const box = await canvas.boundingBox();
    if (!box) throw new Error('the chart has no box');
    await canvas.click({ position: { x: box.width / 2, y: box.height * 0.25 } });

    await page.getByTestId('search-page').waitFor();
    expect(await page.getByTestId('search-category').inputValue()).toBe('DETENCION');
    expect(await page.getByTestId('search-from').inputValue()).toBe(DAY);
    expect(await page.getByTestId('search-to').inputValue()).toBe(DAY);
    await page.getByTestId('search-results').waitFor();
    await expect.poll(() => page.getByTestId('search-results').locator('tbody tr').count()).toBe(2);
    expect(await text(page.getByTestId('search-count'))).toBe('2 casos');
    for (const cell of await page.getByTestId('search-results').locator('tbody tr td:nth-child(5)').all()) expect(await text(cell)).toBe('Detención');

    // Back to the report: the day is kept; this time the row's button, for FRAUDE.
    await page.goBack();
    await page.getByTestId('reports-page').waitFor();
    expect(await page.getByTestId('report-from').inputValue()).toBe(DAY);
    await page.getByTestId('cases-row-FRAUDE').getByTestId('cases-drill').click();
    await page.getByTestId('search-page').waitFor();
    expect(await page.getByTestId('search-category').inputValue()).toBe('FRAUDE');
    await expect.poll(() => page.getByTestId('search-results').locator('tbody tr').count()).toBe(1);
    expect(await text(page.getByTestId('search-results').locator('tbody tr td:nth-child(5)'))).toBe('Fraude');

    await page.context().close();
    expect(pageErrors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
  });

  it('when an admin opens Informes, then the same figures show with no way through to the cases; when an agent signs in, then there is no Informes at all', async () => {
    const page = await loggedIn(admin);
    await reportsForDay(page);
    expect(await text(page.getByTestId(`calls-row-${DAY}`).getByTestId('calls-offered'))).toBe('6');
    expect(await text(page.getByTestId('cases-row-DETENCION').getByTestId('cases-count'))).toBe('2');
    expect(await page.getByTestId('cases-drill').count()).toBe(0);
    expect(await page.getByTestId('calls-drill').count()).toBe(0);
    await page.context().close();

    const agentPage = await loggedIn(agent);
    expect(await agentPage.getByTestId('nav-search').count()).toBe(1);
    expect(await agentPage.getByTestId('nav-reports').count()).toBe(0);
    await agentPage.context().close();
    expect(pageErrors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
  });
});
