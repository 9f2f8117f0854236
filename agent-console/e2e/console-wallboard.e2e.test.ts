import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import type { WallboardDto } from '../../src/contracts/index.js';
import { launchChromium, loggedInPage } from './browser.js';
import { startTestHotline, type TestHotline } from '../../src/testing/harness.js';
import { DEMO_USERS } from '../../src/modules/auth/index.js';

const [, supervisor, agent] = DEMO_USERS;

let t: TestHotline;
let browser: Browser;
let supervisorCookie: string;
const pageErrors: string[] = [];

let n = 0;
/** A call that began a minute ago, with its wait and what became of it (as in src/modules/reports/wallboard.test.ts). */
async function insertCall(c: { waitS: number; answered?: boolean; talkS?: number; status: string; outcome?: string; language?: string; queued?: boolean }) {
  n += 1;
  const start = Date.now() - 60_000;
  const enq = new Date(start + 5_000);
  const answered = c.answered ? new Date(enq.getTime() + c.waitS * 1000) : null;
  const ended = c.queued ? null : answered ? new Date(answered.getTime() + (c.talkS ?? 0) * 1000) : new Date(enq.getTime() + c.waitS * 1000);
  await t.sql.query(
    `INSERT INTO calls (call_sid, from_kind, status, outcome, language, started_at, enqueued_at, answered_at, ended_at, queue_wait_s) VALUES ($1, 'withheld', $2, $3, $4, $5, $6, $7, $8, $9)`,
    [`CA${'w'.repeat(28)}${String(n).padStart(4, '0')}`, c.status, c.outcome ?? null, c.language ?? 'es', new Date(start), enq, answered, ended, c.queued ? null : c.waitS],
  );
}

beforeAll(async () => {
  t = await startTestHotline();
  browser = await launchChromium();
  supervisorCookie = await t.login(supervisor.email, supervisor.password);
  await insertCall({ status: 'completed', waitS: 20, answered: true, talkS: 100 }); // answered within T (60 s)
  await insertCall({ status: 'completed', waitS: 80, answered: true, talkS: 200, language: 'en' }); // answered late
  await insertCall({ status: 'abandoned', waitS: 30 }); // abandoned
  await insertCall({ status: 'abandoned', waitS: 4 }); // a short abandon
  await insertCall({ status: 'completed', waitS: 50, outcome: 'callback' }); // asked to be called back
  await insertCall({ status: 'queued', waitS: 0, queued: true, language: 'en' }); // still waiting
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function loggedIn(user: (typeof DEMO_USERS)[number]): Promise<Page> {
  return loggedInPage(browser, t.baseUrl, user, pageErrors, { viewport: { width: 1440, height: 1000 } });
}

async function openWallboard(page: Page): Promise<void> {
  await page.getByTestId('nav-wallboard').click();
  await page.locator('[data-testid="wallboard-page"][data-state="ready"]').waitFor();
}

const wallboardApi = async (): Promise<WallboardDto> => {
  const res = await t.api('/api/wallboard', { cookie: supervisorCookie });
  expect(res.status).toBe(200);
  return (await res.json()) as WallboardDto;
};
const text = async (l: Locator) => ((await l.textContent()) ?? '').replace(/\s+/g, ' ').trim();
const compact = async (l: Locator) => (await text(l)).replace(/\s+/g, '');
const percent = (x: number | null) => (x === null ? '—' : new Intl.NumberFormat('es-HN', { style: 'percent', maximumFractionDigits: 1 }).format(x).replace(/\s+/g, ''));
const tileValue = (page: Page, id: string) => page.getByTestId(`wb-tile-${id}`).getByTestId('wb-value');
const realErrors = () => pageErrors.filter((e) => !/Failed to load resource/.test(e));

describe('the live wallboard', () => {
  it('when a supervisor opens Tablero after calls of the last minute, then each queue\'s figures are those of GET /api/wallboard, with the formulas, and the service-level tile says it is red', async () => {
    const page = await loggedIn(supervisor);
    await openWallboard(page);
    const api = await wallboardApi();
    expect(api.overall.today).toMatchObject({ offered: 6, answered: 2, serviceLevel: 0.25, abandonmentRate: 0.167 });
    expect(api.levels.serviceLevel).toBe('red');

    // The table: every queue and the total, today and over the last hour, as the API has them.
    const queues = [...api.queues, { ...api.overall, language: 'all' }];
    expect(queues.map((q) => q.language)).toEqual(['es', 'en', 'all']);
    for (const q of queues) {
      for (const period of ['today', 'lastHour'] as const) {
        const row = page.getByTestId(`wb-row-${q.language}-${period}`);
        const figures = q[period];
        expect(await text(row.getByTestId('wb-offered'))).toBe(String(figures.offered));
        expect(await text(row.getByTestId('wb-answered'))).toBe(String(figures.answered));
        expect(await text(row.getByTestId('wb-abandoned'))).toBe(String(figures.abandoned));
        expect(await compact(row.getByTestId('wb-service-level').getByTestId('wb-cell-value'))).toBe(percent(figures.serviceLevel));
        expect(await compact(row.getByTestId('wb-abandonment-rate').getByTestId('wb-cell-value'))).toBe(percent(figures.abandonmentRate));
      }
    }
    expect(await compact(page.getByTestId('wb-row-all-today').getByTestId('wb-service-level').getByTestId('wb-cell-value'))).toBe('25%');
    // Today's total carries the levels, in words as well as in colour.
    expect(await page.getByTestId('wb-row-all-today').getByTestId('wb-service-level').getAttribute('data-level')).toBe('red');
    expect(await text(page.getByTestId('wb-row-all-today').getByTestId('wb-service-level').getByTestId('wb-level-marker'))).toMatch(/Crítico$/);

    // The tiles: waiting now, and service level today marked red in words.
    expect(await text(tileValue(page, 'waiting'))).toBe(String(api.overall.waiting));
    expect(api.overall.waiting).toBe(1);
    expect(await text(page.getByTestId('wb-tile-waiting'))).toContain('Inglés 1');
    expect(await compact(tileValue(page, 'serviceLevel'))).toBe(percent(api.overall.today.serviceLevel));
    const slTile = page.getByTestId('wb-tile-serviceLevel');
    expect(await slTile.getAttribute('data-level')).toBe('red');
    expect(await text(slTile.getByTestId('wb-level-marker'))).toMatch(/Crítico$/);
    expect(await text(tileValue(page, 'callbacksPending'))).toBe(String(api.callbacksPending));
    for (const state of ['offline', 'available', 'on_call', 'wrap_up', 'break'] as const) {
      expect(await text(page.getByTestId(`wb-agents-${state}`))).toMatch(/^\d+$/);
    }

    // The formulas beside the figures, in Spanish, with T from the settings; then in English.
    expect(await text(page.getByTestId('wb-formula-serviceLevel'))).toContain(`Atendidas en ${api.serviceLevelSeconds} s o menos`);
    expect(await text(page.getByTestId('wb-formula-occupancy'))).toMatch(/^Tiempo en llamada y en cierre/);
    expect(await text(page.getByTestId('wb-updated-at'))).toMatch(/^Actualizado a las /);
    await page.getByTestId('lang-switch').click();
    await page.getByTestId('wb-formula-serviceLevel').getByText(`Answered within ${api.serviceLevelSeconds} s`).waitFor();
    expect(await text(slTile.getByTestId('wb-level-marker'))).toMatch(/Critical$/);
    expect(await text(page.getByTestId('nav-wallboard'))).toBe('Wallboard');
    await page.getByTestId('lang-switch').click();
    await page.getByTestId('wb-formula-serviceLevel').getByText('Atendidas en').waitFor();

    await page.context().close();
    // No script error and no CSP refusal.
    expect(realErrors()).toEqual([]);
  });

  it('when another call joins the queue, then the waiting tile goes up live, without a reload', async () => {
    const page = await loggedIn(supervisor);
    await openWallboard(page);
    const before = (await wallboardApi()).overall.waiting;
    await page.locator('[data-testid="wb-tile-waiting"] [data-testid="wb-value"]').filter({ hasText: new RegExp(`^${before}$`) }).waitFor();
    // A mark on this document: a reload would drop it.
    await page.evaluate(() => Object.assign(window, { wallboardMark: true }));

    await insertCall({ status: 'queued', waitS: 0, queued: true });
    // The tick pushes the new figures on the console's socket within a second or two.
    await page.locator('[data-testid="wb-tile-waiting"] [data-testid="wb-value"]').filter({ hasText: new RegExp(`^${before + 1}$`) }).waitFor();
    expect((await wallboardApi()).overall.waiting).toBe(before + 1);
    expect(await text(page.getByTestId('wb-tile-waiting'))).toContain('Español 1');
    expect(await page.evaluate(() => (window as unknown as { wallboardMark?: boolean }).wallboardMark)).toBe(true);
    expect(await page.getByTestId('wb-updated').getAttribute('data-stale')).toBe('false');

    await page.context().close();
    expect(realErrors()).toEqual([]);
  });

  it('when an agent signs in, then there is no Tablero tab, and its address opens the queue instead', async () => {
    const page = await loggedIn(agent);
    expect(await page.getByTestId('nav-queue').count()).toBe(1);
    expect(await page.getByTestId('nav-wallboard').count()).toBe(0);
    await page.goto(`${t.baseUrl}/#wallboard`);
    await page.reload();
    await page.getByTestId('waiting-list').waitFor();
    expect(await page.getByTestId('wallboard-page').count()).toBe(0);
    expect((await t.api('/api/wallboard', { cookie: await t.login(agent.email, agent.password) })).status).toBe(403);

    await page.context().close();
    expect(realErrors()).toEqual([]);
  });
});
