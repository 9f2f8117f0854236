import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, loggedInPage } from './browser.js';
import { startTestHotline, type TestHotline } from '../../src/testing/harness.js';
import { DEMO_USERS } from '../../src/modules/auth/index.js';
import { DEFAULT_DEADLINES, type DeadlineSettings } from '../../src/modules/escalations/deadlines.js';

const [, supervisor] = DEMO_USERS;

let t: TestHotline;
let browser: Browser;
let supervisorCookie: string;
const pageErrors: string[] = [];

beforeAll(async () => {
  t = await startTestHotline();
  browser = await launchChromium();
  supervisorCookie = await t.login(supervisor.email, supervisor.password);
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function loggedIn(user: (typeof DEMO_USERS)[number]): Promise<Page> {
  return loggedInPage(browser, t.baseUrl, user, pageErrors);
}

const storedDeadlines = async () =>
  ((await (await t.api('/api/settings', { cookie: supervisorCookie })).json()) as { settings: { escalationDeadlines: DeadlineSettings } }).settings.escalationDeadlines;

describe('escalation deadlines in the console', () => {
  it('when a supervisor sets P1\'s acknowledgement to 30 minutes and saves, then the server keeps it and audits it; when 0 minutes is entered, then the form and the server refuse it visibly', async () => {
    const page = await loggedIn(supervisor);
    await page.getByTestId('nav-settings').click();
    const section = page.getByTestId('settings-deadlines');
    await section.waitFor();

    // The stored defaults fill the form, and the hint says what they are.
    expect(await page.getByTestId('deadline-1-ack-kind').inputValue()).toBe('minutes');
    expect(await page.getByTestId('deadline-1-ack-amount').inputValue()).toBe('15');
    expect(await page.getByTestId('deadline-2-ack-kind').inputValue()).toBe('endOfDay');
    expect(await page.getByTestId('deadline-3-ack-amount').inputValue()).toBe('3');
    expect(await page.getByTestId('deadline-4-action-kind').inputValue()).toBe('none');
    expect(await page.getByTestId('deadline-remind-at').inputValue()).toBe('66');
    expect(await page.getByTestId('deadlines-defaults').textContent()).toMatch(/P1, acuse de recibo en 15 minutos/);

    await page.getByTestId('deadline-1-ack-amount').fill('30');
    await page.getByTestId('save-deadlines').click();
    await section.getByTestId('settings-saved').waitFor();
    const changed = { ...DEFAULT_DEADLINES, byPriority: { ...DEFAULT_DEADLINES.byPriority, '1': { ...DEFAULT_DEADLINES.byPriority['1'], ack: { minutes: 30 } } } };
    expect(await storedDeadlines()).toEqual(changed);
    const audit = (await (await t.api('/api/settings/audit', { cookie: supervisorCookie })).json()) as { audit: Array<{ key: string; newValue: unknown }> };
    expect(audit.audit.find((a) => a.key === 'escalationDeadlines')?.newValue).toEqual(changed);

    // 0 minutes: marked in the form at once, and the server's refusal shown on saving; 30 stays stored.
    await page.getByTestId('deadline-1-ack-amount').fill('0');
    await expect.poll(() => section.getByTestId('settings-saved').count()).toBe(0);
    const fieldError = page.getByTestId('deadline-1-ack-error');
    await fieldError.waitFor();
    expect(await fieldError.textContent()).toMatch(/de 1 a 43200 minutos/);
    expect(await page.getByTestId('deadline-1-ack-amount').getAttribute('aria-invalid')).toBe('true');
    await page.getByTestId('save-deadlines').click();
    const refusal = section.getByTestId('settings-error');
    await refusal.waitFor();
    expect(await refusal.isVisible()).toBe(true);
    const message = (await refusal.textContent()) ?? '';
    expect(message).toMatch(/No se guardó/);
    expect(message).toContain('escalationDeadlines.byPriority.1.ack');
    expect(await storedDeadlines()).toEqual(changed);

    await page.context().close();
    expect(pageErrors.filter((e) => !/401|422|Unprocessable|Unauthorized|Failed to load resource/.test(e))).toEqual([]);
  });
});
