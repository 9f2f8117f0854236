import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, loggedInPage } from './browser.js';
import { startTestHotline, type TestHotline } from '../../src/testing/harness.js';
import { DEMO_USERS } from '../../src/modules/auth/index.js';

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

interface Band { amber: number; red: number }
interface Stored {
  reports: { serviceLevelSeconds: number; suppressBelow: number };
  wallboard: { serviceLevel: Band; abandonmentRate: Band; longestWaitS: Band };
}
const stored = async () => ((await (await t.api('/api/settings', { cookie: supervisorCookie })).json()) as { settings: Stored }).settings;

describe('report and wallboard settings in the console', () => {
  it('when a supervisor sets T to 30 s and the red service level to 50 % and saves, then the server keeps 30 and 0.5; when red is set above amber, then the form and the server refuse it visibly', async () => {
    const page = await loggedIn(supervisor);
    await page.getByTestId('nav-settings').click();
    const reports = page.getByTestId('settings-reports');
    const wallboard = page.getByTestId('settings-wallboard');
    await reports.waitFor();
    await wallboard.waitFor();

    // The stored defaults fill the forms, the shares shown as percentages.
    expect(await page.getByTestId('reports-service-level-seconds').inputValue()).toBe('60');
    expect(await page.getByTestId('reports-suppress-below').inputValue()).toBe('5');
    expect(await page.getByTestId('wallboard-serviceLevel-amber').inputValue()).toBe('80');
    expect(await page.getByTestId('wallboard-serviceLevel-red').inputValue()).toBe('60');
    expect(await page.getByTestId('wallboard-abandonmentRate-amber').inputValue()).toBe('5');
    expect(await page.getByTestId('wallboard-longestWaitS-red').inputValue()).toBe('360');
    expect(await reports.textContent()).toMatch(/datos abiertos del observatorio no publica los conteos menores/);

    await page.getByTestId('reports-service-level-seconds').fill('30');
    await page.getByTestId('save-reports').click();
    await reports.getByTestId('settings-saved').waitFor();

    await page.getByTestId('wallboard-serviceLevel-red').fill('50');
    await page.getByTestId('save-wallboard').click();
    await wallboard.getByTestId('settings-saved').waitFor();

    const after = await stored();
    expect(after.reports).toEqual({ serviceLevelSeconds: 30, suppressBelow: 5 });
    expect(after.wallboard.serviceLevel.red).toBe(0.5);
    expect(after.wallboard).toEqual({ serviceLevel: { amber: 0.8, red: 0.5 }, abandonmentRate: { amber: 0.05, red: 0.1 }, longestWaitS: { amber: 120, red: 360 } });
    const audit = (await (await t.api('/api/settings/audit', { cookie: supervisorCookie })).json()) as { audit: Array<{ key: string; newValue: unknown }> };
    expect(audit.audit.find((a) => a.key === 'reports')?.newValue).toEqual(after.reports);
    expect(audit.audit.find((a) => a.key === 'wallboard')?.newValue).toEqual(after.wallboard);

    // Red at 90 % with amber at 80 %: marked in the form at once, and the server's refusal shown on saving; 0.5 stays stored.
    await page.getByTestId('wallboard-serviceLevel-red').fill('90');
    await expect.poll(() => wallboard.getByTestId('settings-saved').count()).toBe(0);
    const fieldError = page.getByTestId('wallboard-serviceLevel-red-error');
    await fieldError.waitFor();
    expect(await fieldError.textContent()).toMatch(/no puede ser mayor que el ámbar/);
    expect(await page.getByTestId('wallboard-serviceLevel-red').getAttribute('aria-invalid')).toBe('true');
    await page.getByTestId('save-wallboard').click();
    const refusal = wallboard.getByTestId('settings-error');
    await refusal.waitFor();
    expect(await refusal.isVisible()).toBe(true);
    const message = (await refusal.textContent()) ?? '';
    expect(message).toMatch(/No se guardó/);
    expect(message).toContain('wallboard.serviceLevel');
    expect((await stored()).wallboard.serviceLevel).toEqual({ amber: 0.8, red: 0.5 });

    await page.context().close();
    expect(pageErrors.filter((e) => !/401|422|Unprocessable|Unauthorized|Failed to load resource/.test(e))).toEqual([]);
  });
});
