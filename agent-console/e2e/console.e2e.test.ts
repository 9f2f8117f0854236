import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, loggedInPage } from './browser.js';
import path from 'node:path';
import { mkdirSync } from 'node:fs';
import { startTestHotline, eventually, type TestHotline } from '../../src/testing/harness.js';
import { DEMO_USERS } from '../../src/modules/auth/index.js';

const SCREENSHOT = path.resolve(import.meta.dirname, '../../docs/console.png');

let t: TestHotline;
let browser: Browser;
const pageErrors: string[] = [];

beforeAll(async () => {
  t = await startTestHotline();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function loggedIn(user: (typeof DEMO_USERS)[number]): Promise<Page> {
  return loggedInPage(browser, t.baseUrl, user, pageErrors);
}

describe('the agent console in Chromium', () => {
  it('when the password is wrong, then the login form says so in Spanish', async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(t.baseUrl);
    await page.getByTestId('login-email').fill(DEMO_USERS[2].email);
    await page.getByTestId('login-password').fill('wrong-password');
    await page.getByTestId('login-submit').click();
    await expect.poll(() => page.getByTestId('login-error').textContent()).toMatch(/contraseña/i);
    await page.context().close();
  });

  it('when a call is placed, then its case appears live in every console, and leaves the waiting list on hang-up', async () => {
    const agentPage = await loggedIn(DEMO_USERS[2]);
    const supervisorPage = await loggedIn(DEMO_USERS[1]);

    // Someone already waiting, so the screenshot shows a queue, not a single row.
    const earlier = new AbortController();
    const first = t.call({ from: '+50499887766', answers: [{ digits: '0' }], signal: earlier.signal });
    const caller = new AbortController();
    const call = t.call({ from: '+13055550123', answers: [{ digits: '1' }, { digits: '2' }, { digits: '2' }, { digits: '2' }], signal: caller.signal });

    const sid = await eventually(async () => {
      const rows = await t.sql.query("SELECT call_sid FROM calls WHERE from_e164 = '+13055550123' AND status = 'queued'");
      return rows.rows[0]?.call_sid as string | undefined;
    });
    for (const page of [agentPage, supervisorPage]) {
      const row = page.locator(`[data-testid="waiting-row"][data-call-sid="${sid}"]`);
      await row.waitFor();
      const text = (await row.textContent()) ?? '';
      expect(text).toContain('•••• 0123');
      expect(text).not.toContain('3055550123');
      expect(text).toContain('Detención');
      expect(text).toContain('P2');
      expect(text).toMatch(/1\D+2\D+2\D+2/);
      expect(text).toMatch(/AV-\d{4}-\d{6}/);
    }
    const caseRow = agentPage.getByTestId('case-row').filter({ hasText: '•••• 0123' });
    await caseRow.waitFor();
    expect(await caseRow.textContent()).toContain('Detención');

    // The wait clock runs without a reload.
    const clock = agentPage.locator(`[data-testid="waiting-row"][data-call-sid="${sid}"] [data-testid="wait-time"]`);
    const before = await clock.textContent();
    await expect.poll(() => clock.textContent(), { timeout: 4000 }).not.toBe(before);

    mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
    await agentPage.screenshot({ path: SCREENSHOT });

    caller.abort();
    await call;
    for (const page of [agentPage, supervisorPage]) {
      await page.locator(`[data-testid="waiting-row"][data-call-sid="${sid}"]`).waitFor({ state: 'detached' });
    }
    const row = await t.sql.query('SELECT status FROM calls WHERE call_sid = $1', [sid]);
    expect(row.rows[0].status).toBe('abandoned');
    // The other caller is still there.
    expect(await agentPage.getByTestId('waiting-row').count()).toBe(1);
    earlier.abort();
    await first;
    await agentPage.getByTestId('waiting-row').first().waitFor({ state: 'detached' });
  });

  it('when the language is switched, then the console speaks English and keeps it', async () => {
    const page = await loggedIn(DEMO_USERS[2]);
    await page.getByTestId('lang-switch').click();
    await expect.poll(() => page.locator('body').textContent()).toMatch(/Waiting calls/i);
    await page.reload();
    await page.getByTestId('waiting-list').waitFor();
    expect(await page.locator('body').textContent()).toMatch(/Waiting calls/i);
  });

  it('when pages were used, then no script error or CSP violation was reported', () => {
    expect(pageErrors.filter((e) => !/401|Unauthorized|Failed to load resource/.test(e))).toEqual([]);
  });
});
