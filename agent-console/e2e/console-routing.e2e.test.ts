import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { collectErrors, launchChromium, logIn } from './browser.js';
import { io as connect, type Socket } from 'socket.io-client';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startTestHotline, eventually, type TestHotline } from '../../src/testing/harness.js';
import { DEMO_USERS } from '../../src/modules/auth/index.js';

const [, supervisor, agent] = DEMO_USERS;
type User = (typeof DEMO_USERS)[number];

/**
 * The softphone's test seam. The console loads Twilio's SDK only through a dynamic import of
 * src/softphone/device.ts, which Vite builds into a chunk of its own; the build's manifest names
 * that chunk's file. Every page of this file gets the fake module below in its place: a `Device`
 * that registers at once and rings when the test says so, with calls that record what the console
 * did to them. Production code runs unchanged (no flag, no global it looks for).
 */
const MANIFEST = path.resolve(import.meta.dirname, '../dist/.vite/manifest.json');
function deviceChunk(): string {
  const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8')) as Record<string, { file: string; isDynamicEntry?: boolean }>;
  const entry = manifest['src/softphone/device.ts'];
  if (!entry?.isDynamicEntry) throw new Error('the console build has no separate chunk for src/softphone/device.ts');
  return entry.file;
}

const FAKE_DEVICE_MODULE = `
class Emitter {
  constructor() { this.listeners = new Map(); }
  on(event, fn) { if (!this.listeners.has(event)) this.listeners.set(event, []); this.listeners.get(event).push(fn); return this; }
  emit(event, ...args) { for (const fn of this.listeners.get(event) || []) fn(...args); }
}
const fake = (globalThis.__alhoFakeTwilio = globalThis.__alhoFakeTwilio || { devices: [], calls: [] });
class FakeCall extends Emitter {
  constructor(parameters, custom) {
    super();
    this.parameters = parameters;
    this.customParameters = new Map(Object.entries(custom || {}));
    this.state = 'pending';
    this.muted = false;
  }
  accept() { this.state = 'open'; setTimeout(() => this.emit('accept', this), 10); }
  reject() { this.state = 'rejected'; setTimeout(() => this.emit('reject'), 0); }
  disconnect() { if (this.state === 'closed') return; this.state = 'closed'; setTimeout(() => this.emit('disconnect', this), 0); }
  /** Twilio ends the browser's leg (the caller was put on hold, hung up, or the call was passed on). */
  remoteHangup() { if (this.state === 'closed') return; this.state = 'closed'; this.emit('disconnect', this); }
  mute(m = true) { this.muted = m; this.emit('mute', m, this); }
  isMuted() { return this.muted; }
}
export class Device extends Emitter {
  constructor(token, options) { super(); this.token = token; this.options = options; this.destroyed = false; fake.devices.push(this); }
  async register() { setTimeout(() => this.emit('registered'), 10); }
  updateToken(token) { this.token = token; }
  destroy() { this.destroyed = true; }
  ring(parameters, custom) { const call = new FakeCall(parameters, custom); fake.calls.push(call); this.emit('incoming', call); return call; }
}
`;

interface FakeTwilio {
  __alhoFakeTwilio: {
    devices: Array<{ destroyed: boolean; token: string; options: { codecPreferences: string[]; logLevel: string }; ring: (p: Record<string, string>, c?: Record<string, string>) => unknown }>;
    calls: Array<{ state: string; muted: boolean; remoteHangup: () => void }>;
  };
}
// These run in the page (page.evaluate): they may use nothing from this file's scope.
/** Rings the page's (live) fake Device, as Twilio does when the server dials the agent's client. */
const ring = (page: Page, parameters: Record<string, string>) =>
  page.evaluate((p) => {
    const device = (globalThis as unknown as FakeTwilio).__alhoFakeTwilio.devices.filter((d) => !d.destroyed).at(-1);
    if (!device) throw new Error('no fake Device registered');
    device.ring(p);
  }, parameters);
const lastCall = (page: Page) => page.evaluate(() => {
  const call = (globalThis as unknown as FakeTwilio).__alhoFakeTwilio.calls.at(-1);
  return call ? { state: call.state, muted: call.muted } : null;
});
/** Twilio ends the last browser call from its side. */
const remoteHangup = (page: Page) => page.evaluate(() => (globalThis as unknown as FakeTwilio).__alhoFakeTwilio.calls.at(-1)?.remoteHangup());
const liveDevice = (page: Page) => page.evaluate(() => {
  const d = (globalThis as unknown as FakeTwilio).__alhoFakeTwilio.devices.filter((x) => !x.destroyed).at(-1);
  return d ? { token: d.token, options: d.options } : null;
});

let t: TestHotline;
let browser: Browser;
let chunk: string;
const pageErrors: string[] = [];

beforeAll(async () => {
  t = await startTestHotline({
    OFFER_TIMEOUT_S: '8',
    WRAP_UP_S: '2',
    // A softphone configured on the server, so GET /api/voice/token signs tokens (for the fake Device).
    TWILIO_API_KEY_SID: `SK${'1'.repeat(32)}`,
    TWILIO_API_KEY_SECRET: 'console-routing-test-secret',
    TWILIO_TWIML_APP_SID: `AP${'2'.repeat(32)}`,
  });
  chunk = deviceChunk();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

/**
 * Whatever a test leaves behind, even when it fails half-way: its pages closed, the agent offline
 * (or the next test's agent would be offered its callers) and its callers hung up.
 */
const leftovers: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  const cookie = await t.login(supervisor.email, supervisor.password);
  for (const user of [agent, supervisor]) await t.api(`/api/agents/${await agentId(user)}/offline`, { method: 'POST', cookie });
  for (const undo of leftovers.splice(0).reverse()) await undo().catch(() => undefined);
});

/** A console that is only a socket (no browser), for the other side of a transfer. */
async function socketOf(user: User): Promise<Socket> {
  const cookie = await t.login(user.email, user.password);
  const socket = connect(t.baseUrl, { transports: ['websocket'], reconnection: false, extraHeaders: { cookie } });
  leftovers.push(async () => socket.close());
  await new Promise<void>((resolve, reject) => {
    socket.on('connect', resolve);
    socket.on('connect_error', reject);
  });
  return socket;
}
/** A caller waiting in the queue until the test (or the cleanup) hangs up. */
function caller(from: string, digits: string[]) {
  const hangUp = new AbortController();
  const call = t.call({ from, answers: digits.map((d) => ({ digits: d })), signal: hangUp.signal });
  const end = async () => {
    hangUp.abort();
    await call;
  };
  leftovers.push(end);
  return { end };
}

async function loggedIn(user: User, setup?: (page: Page) => Promise<void>): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'es-HN', timezoneId: 'America/Tegucigalpa' });
  await context.route(`${t.baseUrl}/${chunk}`, (route) =>
    route.fulfill({ status: 200, contentType: 'text/javascript; charset=utf-8', body: FAKE_DEVICE_MODULE }));
  leftovers.push(() => context.close());
  const page = await context.newPage();
  collectErrors(page, pageErrors);
  await setup?.(page);
  await logIn(page, t.baseUrl, user);
  return page;
}

const presenceIs = (page: Page, state: string, timeout = 5000) =>
  page.locator(`[data-testid="presence-state"][data-state="${state}"]`).waitFor({ timeout });
async function setPresence(page: Page, state: 'available' | 'offline'): Promise<void> {
  await page.getByTestId('presence-select').selectOption(state);
  await presenceIs(page, state);
}
const queuedSid = (from: string) =>
  eventually(async () => (await t.sql.query("SELECT call_sid FROM calls WHERE from_e164 = $1 AND status = 'queued'", [from])).rows[0]?.call_sid as string | undefined);
const caseOf = async (callSid: string) =>
  (await t.sql.query('SELECT c.id, c.number FROM calls JOIN cases c ON c.id = calls.case_id WHERE calls.call_sid = $1', [callSid])).rows[0] as { id: string; number: string };
const agentId = async (user: User) => (await t.sql.query('SELECT id FROM users WHERE email = $1', [user.email])).rows[0].id as string;

describe('presence, offers and the call in the console', () => {
  it('when an available agent is offered a caller and accepts, then "my call" shows the case with a running timer, the supervisor sees the caller leave the queue, and the state goes on_call, wrap_up, available', async () => {
    const page = await loggedIn(agent);
    const supervisorPage = await loggedIn(supervisor);
    // After sign-in the server says (by heartbeat) that the agent is offline.
    await presenceIs(page, 'offline');
    await setPresence(page, 'available');

    const call = caller('+50471120001', ['2', '5']);
    const callSid = await queuedSid('+50471120001');
    const theCase = await caseOf(callSid);

    const offer = page.getByTestId('offer');
    await offer.waitFor({ timeout: 10_000 });
    expect(await offer.getAttribute('role')).toBe('alertdialog');
    expect(await offer.getAttribute('data-call-sid')).toBe(callSid);
    expect(await offer.getByTestId('offer-case-number').textContent()).toBe(theCase.number);
    const text = (await offer.textContent()) ?? '';
    expect(text).toContain('Fraude');
    expect(text).toContain('P3');
    expect(text).toContain('Español');
    expect(text).toContain('•••• 0001');
    expect(text).not.toContain('71120001');
    expect(text).toMatch(/2\s*›\s*5/);
    // The countdown runs down from the offer's timeout, and Accept has the focus.
    const countdown = offer.getByTestId('offer-countdown');
    const first = Number(await countdown.getAttribute('data-seconds-left'));
    expect(first).toBeGreaterThan(0);
    expect(first).toBeLessThanOrEqual(8);
    await expect.poll(async () => Number(await countdown.getAttribute('data-seconds-left')), { timeout: 3000 }).toBeLessThan(first);
    expect(await countdown.textContent()).toMatch(/^00:0\d$/);
    expect(await page.getByTestId('offer-accept').evaluate((el) => el === document.activeElement)).toBe(true);
    // The supervisor still sees the caller waiting.
    const waitingRow = supervisorPage.locator(`[data-testid="waiting-row"][data-call-sid="${callSid}"]`);
    await waitingRow.waitFor();

    await page.getByTestId('offer-accept').click();
    const myCall = page.getByTestId('my-call');
    await myCall.waitFor();
    await offer.waitFor({ state: 'detached' });
    expect(await myCall.getAttribute('data-call-sid')).toBe(callSid);
    expect(await myCall.getByTestId('my-call-case-number').textContent()).toBe(theCase.number);
    // The case detail, as the case panel shows it.
    await myCall.getByTestId('timeline-event').first().waitFor();
    expect(await myCall.textContent()).toContain('Fraude');
    const timer = page.getByTestId('call-timer');
    expect(await timer.getAttribute('data-state')).toBe('running');
    const started = await timer.textContent();
    await expect.poll(() => timer.textContent(), { timeout: 3000 }).not.toBe(started);

    await waitingRow.waitFor({ state: 'detached' });
    await presenceIs(page, 'on_call');
    expect(await page.getByTestId('presence-state').textContent()).toContain('En llamada');

    // Twilio reports the agent's leg completed: wrap-up, then available again by the server's timer.
    await t.twilio(`/twilio/voice/connect-result?agent=${await agentId(agent)}&l=es`, { CallSid: callSid, DialCallStatus: 'completed' });
    await presenceIs(page, 'wrap_up');
    await expect.poll(() => timer.getAttribute('data-state')).toBe('ended');
    const stopped = await timer.textContent();
    await presenceIs(page, 'available', 6000);
    expect(await timer.textContent()).toBe(stopped);
    await page.getByTestId('my-call-close').click();
    await myCall.waitFor({ state: 'detached' });

    await setPresence(page, 'offline');
    await call.end();
    await page.context().close();
    await supervisorPage.context().close();
  }, 60_000);

  it('when the agent declines, then the offer card goes; an offer left unanswered expires with a notice; a break asks for its reason', async () => {
    const page = await loggedIn(agent);
    await setPresence(page, 'available');
    const call = caller('+50471120002', ['0']);
    const callSid = await queuedSid('+50471120002');

    const offer = page.getByTestId('offer');
    await offer.waitFor({ timeout: 10_000 });
    const firstId = await offer.getAttribute('data-offer-id');
    await page.getByTestId('offer-decline').click();
    await page.locator(`[data-testid="offer"][data-offer-id="${firstId}"]`).waitFor({ state: 'detached' });

    // The only agent who speaks Spanish is offered the same caller again; this time nobody answers.
    const again = page.locator(`[data-testid="offer"][data-call-sid="${callSid}"]`);
    await again.waitFor({ timeout: 10_000 });
    expect(await again.getAttribute('data-offer-id')).not.toBe(firstId);
    const notice = page.getByTestId('offer-expired-notice');
    await notice.waitFor({ timeout: 12_000 });
    expect(await notice.getAttribute('data-reason')).toBe('timeout');
    expect(await notice.textContent()).toMatch(/venció/);

    // A break: the reason is asked for before anything is sent, and shown once the server has it.
    await page.getByTestId('presence-select').selectOption('break');
    const reason = page.getByTestId('presence-break-reason');
    await reason.waitFor();
    expect(await reason.evaluate((el) => el === document.activeElement)).toBe(true);
    await reason.selectOption('lunch');
    await presenceIs(page, 'break');
    expect(await page.getByTestId('presence-reason').textContent()).toContain('Almuerzo');
    await reason.waitFor({ state: 'detached' });
    // Whatever was offered again meanwhile is gone with the break.
    await offer.waitFor({ state: 'detached', timeout: 10_000 });

    await setPresence(page, 'offline');
    await call.end();
    await page.context().close();
  }, 60_000);

  it('when an agent changes state, then the supervisor\'s agents panel follows live, and forcing them offline reaches the agent\'s console', async () => {
    const page = await loggedIn(agent);
    const supervisorPage = await loggedIn(supervisor);
    const id = await agentId(agent);
    const panel = supervisorPage.getByTestId('agents-panel');
    await panel.waitFor();
    const row = panel.locator(`[data-testid="agent-row"][data-agent-id="${id}"]`);

    await setPresence(page, 'available');
    await expect.poll(() => row.getAttribute('data-state')).toBe('available');
    expect(await row.textContent()).toContain('Agente Demo');
    expect(await row.textContent()).toContain('Español');
    expect(await row.getByTestId('agent-state').textContent()).toContain('Disponible');
    // Time in the state ticks without a reload.
    const clock = row.getByTestId('agent-time');
    const before = await clock.textContent();
    await expect.poll(() => clock.textContent(), { timeout: 4000 }).not.toBe(before);

    await page.getByTestId('presence-select').selectOption('break');
    await page.getByTestId('presence-break-reason').selectOption('training');
    await expect.poll(() => row.getAttribute('data-state')).toBe('break');
    expect(await row.getByTestId('agent-reason').textContent()).toBe('Capacitación');

    // Force offline asks first; cancelling changes nothing.
    await row.getByTestId('force-offline').click();
    await row.getByTestId('force-offline-cancel').click();
    expect(await row.getByTestId('force-offline-confirm').count()).toBe(0);
    await row.getByTestId('force-offline').click();
    await row.getByTestId('force-offline-confirm').click();
    await expect.poll(() => row.getAttribute('data-state')).toBe('offline');
    expect(await row.getByTestId('agent-reason').textContent()).toBe('Desconectado por supervisión');
    expect(await row.getByTestId('force-offline').isDisabled()).toBe(true);

    await presenceIs(page, 'offline');
    expect(await page.getByTestId('presence-reason').getAttribute('data-reason')).toBe('forced_by_supervisor');
    expect(await page.getByTestId('presence-state').textContent()).toContain('Desconectado por supervisión');

    // In English, the panel speaks English.
    await supervisorPage.getByTestId('lang-switch').click();
    await expect.poll(() => row.getByTestId('agent-reason').textContent()).toBe('Set offline by a supervisor');
    expect(await panel.locator('h2').textContent()).toBe('Agents');
    await page.context().close();
    await supervisorPage.context().close();
  }, 60_000);

  it('when the softphone is configured, then it registers, picks up the accepted caller\'s call by itself (again after a hold), mutes and hangs up; "my call" lists the caller\'s earlier cases; a call it does not expect waits for Answer', async () => {
    const page = await loggedIn(agent);
    const status = page.getByTestId('softphone-status');
    await expect.poll(() => status.getAttribute('data-state')).toBe('ready');
    const device = await liveDevice(page);
    expect(device?.options).toEqual({ logLevel: 'error', codecPreferences: ['opus', 'pcmu'] });
    expect(device?.token.split('.')).toHaveLength(3);

    // The same number called before (and hung up while waiting): that case shows as an earlier one.
    const before = caller('+50471120004', ['0']);
    const earlierSid = await queuedSid('+50471120004');
    await before.end();
    const earlierCase = await caseOf(earlierSid);
    await eventually(async () => (await t.sql.query("SELECT 1 FROM calls WHERE call_sid = $1 AND status = 'abandoned'", [earlierSid])).rowCount);

    await setPresence(page, 'available');
    const call = caller('+50471120004', ['0']);
    const callSid = await eventually(async () => {
      const sid = await queuedSid('+50471120004');
      return sid !== earlierSid && sid;
    });
    await page.getByTestId('offer').waitFor({ timeout: 10_000 });
    await page.getByTestId('offer-accept').click();
    const myCall = page.getByTestId('my-call');
    await myCall.waitFor();
    const earlier = myCall.getByTestId('earlier-case');
    await earlier.first().waitFor();
    expect(await earlier.evaluateAll((els) => els.map((e) => e.getAttribute('data-case-id')))).toContain(earlierCase.id);
    expect(await myCall.getByTestId('earlier-cases').textContent()).toContain(earlierCase.number);

    // The server dials the agent's browser: answered without a click.
    await ring(page, { CallSid: 'CAagentleg0000000000000000000001', From: '+50471120004' });
    await expect.poll(() => status.getAttribute('data-state')).toBe('in-call');
    expect(await lastCall(page)).toEqual({ state: 'open', muted: false });
    expect(await page.getByTestId('softphone-answer').count()).toBe(0);

    const mute = page.getByTestId('softphone-mute');
    await mute.click();
    await expect.poll(() => mute.getAttribute('aria-pressed')).toBe('true');
    expect((await lastCall(page))?.muted).toBe(true);
    await mute.click();
    await expect.poll(() => mute.getAttribute('aria-pressed')).toBe('false');

    // Hold: the server puts the caller on music and the browser's leg ends; resuming rings again, answered by itself.
    const hold = page.getByTestId('call-hold');
    await hold.click();
    await expect.poll(() => hold.getAttribute('aria-pressed')).toBe('true');
    await page.getByTestId('my-call-on-hold').waitFor();
    await remoteHangup(page);
    await expect.poll(() => status.getAttribute('data-state')).toBe('ready');
    await presenceIs(page, 'on_call');
    await hold.click();
    await expect.poll(() => hold.getAttribute('aria-pressed')).toBe('false');
    await ring(page, { CallSid: 'CAagentleg0000000000000000000002', From: '+50471120004' });
    await expect.poll(() => status.getAttribute('data-state')).toBe('in-call');

    // The agent hangs up in the browser: Twilio reports the leg completed, and wrap-up starts.
    await page.getByTestId('softphone-hangup').click();
    await expect.poll(() => status.getAttribute('data-state')).toBe('ready');
    expect((await lastCall(page))?.state).toBe('closed');
    await t.twilio(`/twilio/voice/connect-result?agent=${await agentId(agent)}&l=es`, { CallSid: callSid, DialCallStatus: 'completed' });
    await presenceIs(page, 'wrap_up');
    expect(await page.getByTestId('call-end').count()).toBe(0);
    // Notes done before the wrap-up timer: available again at once.
    await page.getByTestId('wrap-up-done').click();
    await presenceIs(page, 'available');
    await setPresence(page, 'offline');
    await call.end();

    // A call nobody accepted an offer for rings until the agent answers.
    await ring(page, { CallSid: 'CAagentleg0000000000000000000003', From: '+50471120005' });
    await expect.poll(() => status.getAttribute('data-state')).toBe('ringing');
    expect((await lastCall(page))?.state).toBe('pending');
    await page.getByTestId('softphone-answer').click();
    await expect.poll(() => status.getAttribute('data-state')).toBe('in-call');
    await page.getByTestId('softphone-hangup').click();
    await expect.poll(() => status.getAttribute('data-state')).toBe('ready');
    await page.context().close();
  }, 60_000);

  it('when a colleague transfers a call to a supervisor, then the supervisor\'s console shows it with its case, picks it up, and ends it for both sides', async () => {
    const page = await loggedIn(supervisor);
    const status = page.getByTestId('softphone-status');
    await expect.poll(() => status.getAttribute('data-state')).toBe('ready');
    // The agent who transfers works from a plain socket, as another console would.
    const colleague = await socketOf(agent);
    expect(await colleague.timeout(3000).emitWithAck('presence.set', { state: 'available' })).toMatchObject({ ok: true });
    const offers: Array<{ offerId: string; callSid: string; caseId: string }> = [];
    colleague.on('offer.created', (o: { offerId: string; callSid: string; caseId: string }) => offers.push(o));
    const call = caller('+50471120006', ['2', '5']);
    const offer = await eventually(async () => offers[0], 10_000);
    expect(await colleague.timeout(15_000).emitWithAck('offer.accept', { offerId: offer.offerId })).toMatchObject({ ok: true });
    const theCase = await caseOf(offer.callSid);

    await setPresence(page, 'available');
    const supervisorId = await agentId(supervisor);
    expect(await colleague.timeout(5000).emitWithAck('call.transfer', { callSid: offer.callSid, toAgentId: supervisorId })).toMatchObject({ ok: true });

    const myCall = page.getByTestId('my-call');
    await myCall.waitFor();
    expect(await myCall.getAttribute('data-call-sid')).toBe(offer.callSid);
    await myCall.getByTestId('my-call-transferred').waitFor();
    await expect.poll(() => myCall.getByTestId('my-call-case').textContent()).toBe(theCase.number);
    expect(await myCall.textContent()).toContain('Fraude');
    await presenceIs(page, 'on_call');
    // Twilio dials the supervisor's browser: answered without a click.
    await ring(page, { CallSid: 'CAagentleg0000000000000000000004', From: '+50471120006' });
    await expect.poll(() => status.getAttribute('data-state')).toBe('in-call');

    // Ending the call through the server: goodbye to the caller, wrap-up for the supervisor.
    await page.getByTestId('call-end').click();
    await presenceIs(page, 'wrap_up');
    await remoteHangup(page);
    await expect.poll(() => status.getAttribute('data-state')).toBe('ready');
    expect(await page.getByTestId('call-timer').getAttribute('data-state')).toBe('ended');
    await setPresence(page, 'offline');
    await call.end();
  }, 60_000);

  it('when an agent on a call transfers it through the picker, then a colleague who is no longer free is refused there, and once one is the supervisor\'s console shows "my call" with the same case while the agent\'s says where it went and starts the wrap-up', async () => {
    const page = await loggedIn(agent);
    const supervisorPage = await loggedIn(supervisor);
    const supervisorId = await agentId(supervisor);
    // Supervisors take calls too, here in the caller's language.
    await t.sql.query("UPDATE users SET languages = '{es}' WHERE email = $1", [supervisor.email]);
    await setPresence(page, 'available');
    const call = caller('+50471120007', ['2', '5']);
    const callSid = await queuedSid('+50471120007');
    const theCase = await caseOf(callSid);
    await page.getByTestId('offer').waitFor({ timeout: 10_000 });
    await page.getByTestId('offer-accept').click();
    const myCall = page.getByTestId('my-call');
    await myCall.waitFor();
    await presenceIs(page, 'on_call');

    // Nobody else is free yet: the picker says so, and there is nothing to confirm.
    const transfer = page.getByTestId('call-transfer');
    expect(await transfer.getAttribute('aria-expanded')).toBe('false');
    await transfer.click();
    const picker = page.getByTestId('transfer-picker');
    await picker.waitFor();
    expect(await transfer.getAttribute('aria-expanded')).toBe('true');
    expect(await transfer.getAttribute('aria-controls')).toBe(await picker.getAttribute('id'));
    const empty = picker.getByTestId('transfer-empty');
    await empty.waitFor();
    expect(await empty.textContent()).toBe('No hay colegas disponibles');
    const confirm = picker.getByTestId('transfer-confirm');
    expect(await confirm.isDisabled()).toBe(true);

    // The supervisor comes free: a refresh lists her, with her languages.
    await setPresence(supervisorPage, 'available');
    await picker.getByTestId('transfer-refresh').click();
    const target = picker.locator(`[data-testid="transfer-target"][data-agent-id="${supervisorId}"]`);
    await target.waitFor();
    expect(await picker.getByTestId('transfer-target').count()).toBe(1);
    expect(await target.textContent()).toContain('Supervisora Demo');
    expect(await target.textContent()).toContain('Español');
    await target.click();
    expect(await target.locator('input[type="radio"]').isChecked()).toBe(true);
    expect(await confirm.textContent()).toBe('Transferir a Supervisora Demo');

    // She leaves before the agent confirms: the server refuses, the picker says why and shows who is free now.
    await setPresence(supervisorPage, 'offline');
    await confirm.click();
    const refused = picker.getByTestId('transfer-error');
    await refused.waitFor();
    expect(await refused.getAttribute('data-code')).toBe('conflict');
    expect(await refused.textContent()).toContain('ya no puede tomar la llamada');
    await empty.waitFor();
    await presenceIs(page, 'on_call');
    expect(await myCall.getByTestId('call-timer').getAttribute('data-state')).toBe('running');

    // Back again: chosen and confirmed, the call goes to her.
    await setPresence(supervisorPage, 'available');
    await picker.getByTestId('transfer-refresh').click();
    await target.click();
    await confirm.click();
    // The agent's wrap-up (two seconds in this file) starts at once.
    await presenceIs(page, 'wrap_up');
    await page.getByTestId('wrap-up-done').waitFor();
    await picker.waitFor({ state: 'detached' });
    const done = page.getByTestId('transfer-done');
    await done.waitFor();
    expect(await done.textContent()).toBe('Transferida a Supervisora Demo');
    expect(await done.getAttribute('data-agent-id')).toBe(supervisorId);
    await expect.poll(() => done.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await myCall.getByTestId('call-timer').getAttribute('data-state')).toBe('ended');
    expect(await page.getByTestId('call-transfer').count()).toBe(0);
    expect(await page.getByTestId('call-end').count()).toBe(0);

    // The supervisor's console: "my call", with the same call and case, marked as transferred.
    const theirCall = supervisorPage.getByTestId('my-call');
    await theirCall.waitFor();
    expect(await theirCall.getAttribute('data-call-sid')).toBe(callSid);
    expect(await theirCall.getAttribute('data-case-id')).toBe(theCase.id);
    await theirCall.getByTestId('my-call-transferred').waitFor();
    await expect.poll(() => theirCall.getByTestId('my-call-case').textContent()).toBe(theCase.number);
    await presenceIs(supervisorPage, 'on_call');
    expect((await t.sql.query('SELECT agent_id FROM calls WHERE call_sid = $1', [callSid])).rows[0].agent_id).toBe(supervisorId);

    // In English, the note speaks English.
    await page.getByTestId('lang-switch').click();
    await expect.poll(() => done.textContent()).toBe('Transferred to Supervisora Demo');

    await supervisorPage.getByTestId('call-end').click();
    await presenceIs(supervisorPage, 'wrap_up');
    await call.end();
    await page.context().close();
    await supervisorPage.context().close();
  }, 60_000);

  it('when the server has no softphone configured, then the console says calls ring on the agent\'s phone', async () => {
    const page = await loggedIn(agent, async (p) => {
      await p.route(`${t.baseUrl}/api/voice/token`, (route) =>
        route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ error: { code: 'unavailable', message: 'not configured' } }) }));
    });
    const status = page.getByTestId('softphone-status');
    await expect.poll(() => status.getAttribute('data-state')).toBe('unavailable');
    expect(await page.getByTestId('softphone').textContent()).toContain('las llamadas suenan en su teléfono');
    await page.context().close();
  });

  it('when an admin signs in, then there are no presence or softphone controls, but the agents panel is there', async () => {
    const page = await loggedIn(DEMO_USERS[0]);
    await page.getByTestId('agents-panel').waitFor();
    expect(await page.getByTestId('presence-select').count()).toBe(0);
    expect(await page.getByTestId('softphone-status').count()).toBe(0);
    await page.context().close();
  });

  it('when pages were used, then no script error or CSP violation was reported', () => {
    expect(pageErrors.filter((e) => !/401|Unauthorized|Failed to load resource/.test(e))).toEqual([]);
  });
});
