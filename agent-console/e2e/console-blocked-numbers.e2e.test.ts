import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { consolePage, launchChromium, logIn } from './browser.js';
import { startTestHotline, type TestHotline } from '../../src/testing/harness.js';
import { DEMO_USERS } from '../../src/modules/auth/index.js';
import type { BlockedNumberListDto } from '../../src/contracts/index.js';

const [admin, supervisor, agent] = DEMO_USERS;

let t: TestHotline;
let browser: Browser;
let supervisorCookie: string;
const pageErrors: string[] = [];
/** Every answer of 400 or more the pages got, as "METHOD path status". */
const failedRequests: string[] = [];

beforeAll(async () => {
  t = await startTestHotline();
  browser = await launchChromium();
  supervisorCookie = await t.login(supervisor.email, supervisor.password);
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const TURNED_AWAY = 'Hemos recibido muchas llamadas desde su número y no podemos atenderla ahora.';
const WELCOME = 'Bienvenido a ALHO Voz';
const text = async (l: Locator) => ((await l.textContent()) ?? '').replace(/\s+/g, ' ').trim();
const listed = async () => ((await (await t.api('/api/blocked-numbers', { cookie: supervisorCookie })).json()) as BlockedNumberListDto).blocked;
const storedBlocks = async () => (await t.sql.query('SELECT phone_e164, reason, until, blocked_by FROM blocked_numbers ORDER BY phone_e164')).rows;
/** How Chromium in es-HN writes a time in Tegucigalpa (the console's formatter), spaces made plain. */
const tegucigalpa = (iso: string) => new Intl.DateTimeFormat('es-HN', {
  timeZone: 'America/Tegucigalpa', year: 'numeric', month: 'short', day: '2-digit', hour: '2-digit', minute: '2-digit',
}).format(new Date(iso)).replace(/\s+/g, ' ');

/** A Honduran console page logged in as `user`, its failed requests noted. */
async function loggedIn(user: (typeof DEMO_USERS)[number]): Promise<Page> {
  const page = await consolePage(browser, pageErrors);
  page.on('response', (r) => {
    if (r.status() >= 400) failedRequests.push(`${r.request().method()} ${new URL(r.url()).pathname} ${r.status()}`);
  });
  await logIn(page, t.baseUrl, user);
  return page;
}

async function openBlockedPage(user: (typeof DEMO_USERS)[number]): Promise<Page> {
  const page = await loggedIn(user);
  await page.getByTestId('nav-blocked').click();
  await page.getByTestId('blocked-page').waitFor();
  return page;
}

describe('blocked numbers in the console', () => {
  it('when a supervisor blocks a number for 24 hours, then the server keeps it, the list shows it in Tegucigalpa time, and a call from it is turned away', async () => {
    const page = await openBlockedPage(supervisor);
    expect(await text(page.getByTestId('nav-blocked'))).toBe('Bloqueos');
    // Nothing blocked yet: the empty state, and the hourly limit as stored (the default).
    await page.getByTestId('blocked-empty').waitFor();
    expect(await text(page.getByTestId('blocked-empty'))).toBe('No hay números bloqueados.');
    expect(await page.getByTestId('abuse-max-calls').inputValue()).toBe('10');

    await page.getByTestId('block-phone').fill('+504 3600-0009');
    await page.getByTestId('block-reason').fill('llamadas abusivas');
    await page.getByTestId('block-duration').selectOption('1440');
    const before = Date.now();
    await page.getByTestId('block-submit').click();
    await page.getByTestId('block-success').waitFor();
    const after = Date.now();

    // The server has it, normalised, named by the supervisor, for 24 hours.
    const rows = await storedBlocks();
    expect(rows).toHaveLength(1);
    const supervisorId = (await t.sql.query('SELECT id FROM users WHERE email = $1', [supervisor.email])).rows[0].id;
    expect(rows[0]).toMatchObject({ phone_e164: '+50436000009', reason: 'llamadas abusivas', blocked_by: supervisorId });
    const until = (rows[0].until as Date).getTime();
    expect(until).toBeGreaterThanOrEqual(before + 24 * 3600_000 - 1000);
    expect(until).toBeLessThanOrEqual(after + 24 * 3600_000 + 1000);
    expect(await t.redis.exists(`${t.config.redisPrefix}:blocked:+50436000009`)).toBe(1);

    // The list shows the number in full, the reason, who, and until when in Tegucigalpa time.
    const row = page.locator('[data-testid="blocked-row"][data-phone="+50436000009"]');
    await row.waitFor();
    expect(await page.getByTestId('blocked-empty').count()).toBe(0);
    expect(await text(row.getByTestId('blocked-phone'))).toBe('+50436000009');
    expect(await text(row.getByTestId('blocked-reason'))).toBe('llamadas abusivas');
    expect(await text(row.getByTestId('blocked-by'))).toBe(supervisor.name);
    const [shown] = await listed();
    expect(await row.locator('time').getAttribute('datetime')).toBe(shown?.until);
    expect(await text(row.getByTestId('blocked-until'))).toBe(tegucigalpa(shown!.until));
    expect(await text(page.getByTestId('block-success'))).toContain(`+50436000009 quedó bloqueado hasta el ${tegucigalpa(shown!.until)}`);
    // The form is ready for the next number.
    expect(await page.getByTestId('block-phone').inputValue()).toBe('');

    // A call from that number hears the recorded message, and nothing opens.
    const call = await t.call({ from: '+50436000009', answers: [{ digits: '0' }] });
    expect(call.heard[0]).toContain(TURNED_AWAY);
    expect((await t.sql.query('SELECT outcome, case_id FROM calls WHERE call_sid = $1', [call.callSid])).rows[0]).toEqual({ outcome: 'blocked', case_id: null });

    // The hourly limit is saved as the other settings are.
    await page.getByTestId('abuse-max-calls').fill('25');
    await page.getByTestId('save-abuse').click();
    await page.getByTestId('settings-abuse').getByTestId('settings-saved').waitFor();
    const settings = (await (await t.api('/api/settings', { cookie: supervisorCookie })).json()) as { settings: { abuse: unknown } };
    expect(settings.settings.abuse).toEqual({ maxCallsPerHour: 25 });

    await page.context().close();
  });

  it('when the number has no country code or is not a number, then the server\'s refusal shows next to the field in the console\'s language, and nothing is blocked', async () => {
    const page = await openBlockedPage(supervisor);
    await page.getByTestId('blocked-row').first().waitFor();
    const blocksBefore = await storedBlocks();

    await page.getByTestId('block-phone').fill('3600-0008');
    await page.getByTestId('block-reason').fill('x');
    await page.getByTestId('block-submit').click();
    const phoneError = page.getByTestId('block-phone-error');
    await phoneError.waitFor();
    expect(await text(phoneError)).toBe('Incluya el código de país (+504, +1, +52…).');
    expect(await page.getByTestId('block-phone').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByTestId('block-phone').getAttribute('aria-describedby')).toContain('block-phone-error');
    expect(await text(page.getByTestId('block-reason-error'))).toBe('Escriba el motivo: de 3 a 300 caracteres.');
    expect(await text(page.getByTestId('block-error'))).toMatch(/^No se bloqueó/);
    // Fixing a field takes its mark away; the other stays until the next try.
    await page.getByTestId('block-reason').fill('llamadas de broma');
    expect(await page.getByTestId('block-reason-error').count()).toBe(0);
    expect(await phoneError.count()).toBe(1);

    // Switched to English, the mark still on the field says it in English; sent again, the server words it in English.
    await page.getByTestId('lang-switch').click();
    await expect.poll(() => text(phoneError)).toBe('Include the country code (+504, +1, +52…).');
    await page.getByTestId('block-phone').fill('+504 abc');
    await page.getByTestId('block-submit').click();
    await expect.poll(() => text(page.getByTestId('block-phone-error'))).toBe('Invalid phone number.');
    expect(await text(page.getByTestId('block-error'))).toMatch(/^Not blocked/);
    expect(await page.getByTestId('block-reason-error').count()).toBe(0);
    expect(await text(page.getByTestId('nav-blocked'))).toBe('Blocked numbers');

    expect(await storedBlocks()).toEqual(blocksBefore);
    await page.getByTestId('lang-switch').click();
    await page.context().close();
  });

  it('when a supervisor unblocks a number and confirms, then it leaves the list and the server, and its calls come in again', async () => {
    const page = await openBlockedPage(supervisor);
    const row = page.locator('[data-testid="blocked-row"][data-phone="+50436000009"]');
    await row.waitFor();

    // Asked first: cancelling keeps the block.
    await row.getByTestId('unblock').click();
    expect(await text(row.locator('.confirm-text'))).toBe('¿Desbloquear +50436000009? Sus llamadas volverán a entrar.');
    await row.getByTestId('unblock-cancel').click();
    expect(await row.getByTestId('unblock-confirm').count()).toBe(0);
    expect(await storedBlocks()).toHaveLength(1);

    await row.getByTestId('unblock').click();
    await row.getByTestId('unblock-confirm').click();
    await page.getByTestId('blocked-notice').waitFor();
    expect(await text(page.getByTestId('blocked-notice'))).toBe('+50436000009 ya no está bloqueado.');
    await page.getByTestId('blocked-empty').waitFor();
    expect(await row.count()).toBe(0);

    expect(await storedBlocks()).toEqual([]);
    expect(await listed()).toEqual([]);
    expect(await t.redis.exists(`${t.config.redisPrefix}:blocked:+50436000009`)).toBe(0);
    const call = await t.call({ from: '+50436000009', answers: [{ hangup: true }] });
    expect(call.heard.some((h) => h.startsWith(WELCOME))).toBe(true);

    await page.context().close();
  });

  it('when an agent or an admin signs in, then there is no blocked-numbers page for them, not even by its address', async () => {
    for (const user of [agent, admin]) {
      const page = await loggedIn(user);
      expect(await page.getByTestId('nav-blocked').count()).toBe(0);
      await page.goto(`${t.baseUrl}/#blocked`);
      await page.reload();
      await page.getByTestId('waiting-list').waitFor();
      expect(await page.getByTestId('blocked-page').count()).toBe(0);
      await page.context().close();
    }
    // The refusal on the server stands on its own.
    expect((await t.api('/api/blocked-numbers', { cookie: await t.login(agent.email, agent.password) })).status).toBe(403);
    expect((await t.api('/api/blocked-numbers', { cookie: await t.login(admin.email, admin.password) })).status).toBe(403);
  });

  it('leaves no errors in the browser console but the failed requests it expected', () => {
    // Chromium logs every failed answer. The expected ones: the sign-in page's first look (401), the
    // softphone's token on a hotline without one (503), and the refusals the form was asked to show (422).
    const expected = /^(GET \/api\/auth\/me 401|GET \/api\/voice\/token 503|POST \/api\/blocked-numbers 422)$/;
    expect(failedRequests.filter((r) => !expected.test(r))).toEqual([]);
    expect(failedRequests.filter((r) => r.startsWith('POST /api/blocked-numbers'))).toHaveLength(2);
    expect(pageErrors.filter((e) => !/^Failed to load resource: the server responded with a status of (401|422|503)\b/.test(e))).toEqual([]);
  });
});
