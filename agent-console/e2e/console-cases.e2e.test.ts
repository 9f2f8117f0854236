import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, loggedInPage } from './browser.js';
import { startTestHotline, eventually, ALWAYS_OPEN, type TestHotline } from '../../src/testing/harness.js';
import { DEMO_USERS } from '../../src/modules/auth/index.js';
import type { WaitingCallDto } from '../../src/contracts/index.js';
import { applyQueueChange } from '../src/live-state.js';

const [, supervisor, agent] = DEMO_USERS;

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

const queuedSid = (from: string) =>
  eventually(async () => (await t.sql.query("SELECT call_sid FROM calls WHERE from_e164 = $1 AND status = 'queued'", [from])).rows[0]?.call_sid as string | undefined);
const caseOf = async (callSid: string) => (await t.sql.query('SELECT case_id FROM calls WHERE call_sid = $1', [callSid])).rows[0].case_id as string;
const settingsAs = async (user: (typeof DEMO_USERS)[number]) =>
  ((await (await t.api('/api/settings', { cookie: await t.login(user.email, user.password) })).json()) as {
    settings: { onCall: { number: string | null }; hours: unknown; flow: { nodes: Record<string, { prompt: { es: string } }> } };
  }).settings;
const texts = async (page: Page, testId: string) => page.getByTestId(testId).allTextContents();
/** The "saved" confirmation of one settings section. */
async function savedIn(page: Page, section: string): Promise<string> {
  const saved = page.getByTestId(section).getByTestId('settings-saved');
  await saved.waitFor({ timeout: 5000 });
  return (await saved.textContent()) ?? '';
}

const waiting = (callSid: string, kind: WaitingCallDto['kind'] = 'call', enqueuedAt = '2026-01-01T10:00:00Z'): WaitingCallDto => ({
  callSid, caseId: `case-${callSid}`, caseNumber: 'AV-2026-000001', callerMasked: '•••• 0001', language: 'es', menuPath: ['0'],
  category: 'SIN_CLASIFICAR', priority: 3, enqueuedAt, position: 1, kind,
});

describe('the waiting count the console keeps live', () => {
  it('when a caller already listed joins again as a callback, then it is replaced, not counted twice', () => {
    const start = { calls: [waiting('CA1'), waiting('CA2', 'call', '2026-01-01T10:01:00Z')], total: 2 };
    const next = applyQueueChange(start, { kind: 'joined', call: waiting('CA1', 'callback') });
    expect(next.total).toBe(2);
    expect(next.calls.map((c) => [c.callSid, c.kind])).toEqual([['CA1', 'callback'], ['CA2', 'call']]);
  });

  it('when callers beyond the capped list join and leave, then the count follows, and never drops below the list', () => {
    let s = { calls: [waiting('CA1')], total: 600 };
    s = applyQueueChange(s, { kind: 'joined', call: waiting('CA9', 'call', '2026-01-01T11:00:00Z') });
    expect(s.total).toBe(601);
    s = applyQueueChange(s, { kind: 'left', callSid: 'CAunlisted', reason: 'abandoned' });
    expect(s.total).toBe(600);
    expect(s.calls).toHaveLength(2);
    s = { calls: [waiting('CA1')], total: 1 };
    s = applyQueueChange(s, { kind: 'left', callSid: 'CAunknown', reason: 'abandoned' });
    expect(s.total).toBe(1);
    s = applyQueueChange(s, { kind: 'left', callSid: 'CA1', reason: 'answered' });
    expect(s).toEqual({ calls: [], total: 0 });
  });
});

describe('cases, callbacks and settings in the console', () => {
  it('when an agent opens a case with a voicemail, then the recording, the transcription note and the timeline show, and the panel follows the case live', async () => {
    const page = await loggedIn(agent);
    // Nothing pressed at the first announcement, 2 (voice message) at the second: time to open the case first.
    const call = t.call({ from: '+50471110001', answers: [{ digits: '3' }, { digits: '3' }, { digits: '0' }], waitKeys: [null, '2'], waitPollMs: 2500 });
    const callSid = await queuedSid('+50471110001');
    const caseId = await caseOf(callSid);

    const row = page.locator(`[data-testid="case-row"][data-case-id="${caseId}"]`);
    await row.click();
    const detail = page.getByTestId('case-detail');
    await detail.waitFor();
    // The timeline also has one entry per call (with its duration and recordings) and the texts sent to the
    // caller, which arrive whenever their job runs; these are the events this test follows.
    const events = detail.locator('[data-testid="timeline-event"]:not([data-kind="call"]):not([data-kind="sms.sent"])');
    await expect.poll(() => events.count(), { timeout: 5000 }).toBe(2);
    expect(await detail.getByTestId('recording').count()).toBe(0);
    expect(await detail.getByTestId('transcription-note').textContent())
      .toBe('La transcripción automática no está disponible en español: escuche el mensaje.');

    // The caller leaves a voice message; a background job attaches it and the open panel refetches.
    const result = await call;
    expect(result.recordingSids).toHaveLength(1);
    const recording = detail.getByTestId('recording');
    await recording.waitFor({ timeout: 10_000 });
    const audio = recording.locator('audio');
    expect(await audio.getAttribute('src')).toBe(`/api/recordings/${result.recordingSids[0]}/audio`);
    expect(await audio.getAttribute('preload')).toBe('none');
    expect(await audio.getAttribute('controls')).not.toBeNull();
    expect(await recording.textContent()).toContain('0:08');
    expect(await recording.textContent()).toMatch(/Mensaje de voz/);

    await expect.poll(() => events.count(), { timeout: 5000 }).toBe(3);
    const timeline = await events.evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')));
    expect(timeline).toEqual(['case.opened', 'call.queued', 'voicemail.received']);
    const lines = await events.allTextContents();
    expect(lines[0]).toContain('Caso abierto');
    expect(lines[1]).toContain('Llamada en cola');
    expect(lines[2]).toContain('Mensaje de voz recibido');
    // Shown in Tegucigalpa time (UTC-6, no daylight saving), with seconds.
    const at = (await t.sql.query("SELECT at FROM case_events WHERE case_id = $1 AND kind = 'case.opened'", [caseId])).rows[0].at as Date;
    const local = new Date(at.getTime() - 6 * 3600_000);
    const hhmmss = `${String(local.getUTCHours() % 12 || 12).padStart(2, '0')}:${String(local.getUTCMinutes()).padStart(2, '0')}:${String(local.getUTCSeconds()).padStart(2, '0')}`;
    expect(lines[0]).toContain(hhmmss);

    // The header and the list both carry the flag, translated.
    expect(await detail.getByTestId('case-flag').allTextContents()).toContain('Mensaje de voz');
    expect(await row.getByTestId('case-flag').allTextContents()).toContain('Mensaje de voz');
    expect(await detail.getByTestId('case-detail-number').textContent()).toMatch(/^AV-\d{4}-\d{6}$/);

    // Escape closes, and focus goes back to the row; Enter on the focused row opens it again.
    await page.keyboard.press('Escape');
    await detail.waitFor({ state: 'detached' });
    expect(await row.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    await detail.waitFor();
    await detail.getByTestId('recording').waitFor();
    await page.getByTestId('case-detail-close').click();
    await detail.waitFor({ state: 'detached' });

    // In English, the note and the event names switch too.
    await page.getByTestId('lang-switch').click();
    await row.click();
    await detail.getByTestId('recording').waitFor();
    expect(await detail.getByTestId('transcription-note').textContent())
      .toBe('Automatic transcription is not available for Spanish: listen to the message.');
    expect((await events.allTextContents())[2]).toContain('Voicemail received');
    await page.context().close();
  });

  it('when a waiting caller asks for a call back, then the waiting list shows it as a callback and counts it once', async () => {
    const page = await loggedIn(agent);
    const result = await t.call({ from: '+50471110002', answers: [{ digits: '0' }], waitKeys: ['1'] });
    const row = page.locator(`[data-testid="waiting-row"][data-call-sid="${result.callSid}"]`);
    await row.waitFor();
    await expect.poll(() => row.getAttribute('data-kind'), { timeout: 5000 }).toBe('callback');
    const badge = row.getByTestId('waiting-kind');
    expect(await badge.textContent()).toBe('Devolver llamada');
    expect(await row.textContent()).toContain('•••• 0002');

    // It joined as a caller, then turned into a callback: one entry, and the count says so.
    const queue = (await (await t.api('/api/queue', { cookie: await t.login() })).json()) as { total: number; waiting: Array<{ callSid: string; kind: string }> };
    expect(queue.waiting.find((w) => w.callSid === result.callSid)?.kind).toBe('callback');
    const count = page.getByTestId('waiting-count');
    await expect.poll(() => count.getAttribute('data-total')).toBe(String(queue.total));
    expect(await page.getByTestId('waiting-row').count()).toBe(queue.waiting.length);
    expect(await count.textContent()).toContain(queue.total === 1 ? '1 llamada' : `${queue.total} llamadas`);

    // A reload (fresh snapshot) agrees with the live count.
    await page.reload();
    await row.waitFor();
    expect(await count.getAttribute('data-total')).toBe(String(queue.total));
    await page.getByTestId('lang-switch').click();
    await expect.poll(() => badge.textContent()).toBe('Call back');

    await t.hotline.rt.waiting.remove(result.callSid);
    await page.context().close();
  });

  it('when a supervisor changes the on-call number and a prompt, then both are saved, and a malformed number shows the server\'s error; an agent has no settings', async () => {
    const page = await loggedIn(supervisor);
    await page.getByTestId('nav-settings').click();
    const onCall = page.getByTestId('settings-oncall');
    await onCall.waitFor();

    await page.getByTestId('oncall-number').fill('+50499998888');
    await page.getByTestId('save-oncall').click();
    expect(await savedIn(page, 'settings-oncall')).toMatch(/Guardado/);
    expect((await settingsAs(supervisor)).onCall).toEqual({ number: '+50499998888' });

    const prompt = 'Prueba de consola: para emergencias, marque 1. Para hablar con un agente, marque 0.';
    const prompts = page.getByTestId('settings-prompts');
    await page.getByTestId('prompt-main-es').fill(prompt);
    await page.getByTestId('save-prompts').click();
    expect(await savedIn(page, 'settings-prompts')).toMatch(/Guardado/);
    expect((await settingsAs(supervisor)).flow.nodes.main?.prompt.es).toBe(prompt);
    // The next caller hears it.
    const heard = (await t.call({ from: '+50471110003', answers: [{ hangup: true }] })).heard.join(' ');
    expect(heard).toContain('Prueba de consola: para emergencias, marque 1.');

    // Hours stored as 24:00 (end of day) go through the time inputs and come back unchanged.
    await page.getByTestId('save-hours').click();
    expect(await savedIn(page, 'settings-hours')).toMatch(/Guardado/);
    expect((await settingsAs(supervisor)).hours).toEqual(ALWAYS_OPEN);

    // A malformed number: the server refuses it and says why; the saved number stays.
    await page.getByTestId('oncall-number').fill('12345');
    await expect.poll(() => onCall.getByTestId('settings-saved').count()).toBe(0);
    await page.getByTestId('save-oncall').click();
    const error = onCall.getByTestId('settings-error');
    await error.waitFor();
    const message = (await error.textContent()) ?? '';
    expect(message).toContain('onCall.number');
    expect(message).toMatch(/E\.164/);
    expect((await settingsAs(supervisor)).onCall).toEqual({ number: '+50499998888' });
    // Errors stay with their own section.
    expect(await prompts.getByTestId('settings-error').count()).toBe(0);

    // Back to the queue through the navigation.
    await page.getByTestId('nav-queue').click();
    await page.getByTestId('waiting-list').waitFor();
    await page.context().close();

    const agentPage = await loggedIn(agent);
    expect(await agentPage.getByTestId('nav-settings').count()).toBe(0);
    await agentPage.goto(`${t.baseUrl}/#settings`);
    await agentPage.reload();
    await agentPage.getByTestId('waiting-list').waitFor();
    expect(await agentPage.getByTestId('settings-page').count()).toBe(0);
    const refused = await t.api('/api/settings', { cookie: await t.login() });
    expect(refused.status).toBe(403);
    await agentPage.context().close();
  });

  it('when pages were used, then no script error or CSP violation was reported', () => {
    expect(pageErrors.filter((e) => !/401|Unauthorized|Failed to load resource/.test(e))).toEqual([]);
  });
});
