import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { consolePage, launchChromium, logIn } from './browser.js';
import { startTestHotline, eventually, type TestHotline } from '../../src/testing/harness.js';
import { DEMO_USERS } from '../../src/modules/auth/index.js';
import type { EscalationDto } from '../../src/contracts/index.js';
import { byUrgency, formatSpan, sortByUrgency, upsertEscalation } from '../src/escalation-order.js';
import { missingLabel } from '../src/escalation-labels.js';
import { MESSAGES } from '../src/i18n.js';
import { officePatch, officeProblems, toOfficeForm } from '../src/office-form.js';
import type { OfficeDetailDto } from '../src/escalation-api.js';

const [admin, supervisor, agent] = DEMO_USERS;
const consul = { email: 'ccpmh.houston@alhovoz.test', password: 'Consulado-2026-largo' };
type Login = { email: string; password: string };

let t: TestHotline;
let browser: Browser;
let adminCookie: string;
let agentCookie: string;
const pageErrors: string[] = [];

// A webhook receiver the test controls, for an office whose deliveries are fixed after failing.
const received: string[] = [];
let receiver: Server;
let receiverUrl: string;
/** A port nothing listens on: the office's webhook is unreachable until an admin fixes it. */
let deadUrl: string;

const listen = async (server: Server) => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
};

beforeAll(async () => {
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      received.push(body);
      res.writeHead(200).end();
    });
  });
  receiverUrl = `http://127.0.0.1:${await listen(receiver)}/alho`;
  const closed = createServer();
  deadUrl = `http://127.0.0.1:${await listen(closed)}/alho`;
  await new Promise((r) => closed.close(r));

  // One attempt per delivery: an unreachable office becomes a dead letter at once.
  t = await startTestHotline({ ESCALATION_DELIVERY_ATTEMPTS: '1', ESCALATION_RETRY_BASE_MS: '50' });
  browser = await launchChromium();
  adminCookie = await t.login(admin.email, admin.password);
  agentCookie = await t.login(agent.email, agent.password);
  const created = await api('/api/users', adminCookie, 'POST', { email: consul.email, name: 'Cónsul Houston', role: 'consulate', officeId: 'us-houston-ccpmh', password: consul.password });
  expect(created.status).toBe(201);
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
  await new Promise((r) => receiver?.close(r));
});

const leftovers: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const undo of leftovers.splice(0).reverse()) await undo().catch(() => undefined);
});

async function api(path: string, cookie: string, method = 'GET', body?: unknown) {
  const res = await t.api(path, { method, cookie, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  return { status: res.status, body: await res.json().catch(() => null) };
}

async function newPage(): Promise<Page> {
  const page = await consolePage(browser, pageErrors, { viewport: { width: 1400, height: 900 } });
  leftovers.push(() => page.context().close());
  return page;
}

async function loggedIn(user: Login): Promise<Page> {
  const page = await newPage();
  await logIn(page, t.baseUrl, user);
  return page;
}

/** A consulate user has no waiting list: their console opens on the inbox. */
async function consulateLoggedIn(page?: Page): Promise<Page> {
  const p = page ?? await newPage();
  await p.goto(t.baseUrl);
  await p.getByTestId('login-email').fill(consul.email);
  await p.getByTestId('login-password').fill(consul.password);
  await p.getByTestId('login-submit').click();
  await p.getByTestId('inbox-page').waitFor();
  await p.locator('[data-testid="connection-status"][data-state="live"]').waitFor();
  return p;
}

/** A detention in Texas with consent and everything the office needs (as in the server's escalation tests). */
async function detentionCase(from: string): Promise<{ id: string; number: string }> {
  const call = await t.call({ from, answers: [{ digits: '0' }], hangupAfterMs: 0 });
  const { id, number } = (await t.sql.query('SELECT c.id, c.number FROM calls JOIN cases c ON c.id = calls.case_id WHERE call_sid = $1', [call.callSid])).rows[0];
  const res = await api(`/api/cases/${id}`, agentCookie, 'PATCH', {
    version: 0, category: 'DETENCION', priority: 2, relationship: 'parent',
    requester: { fullName: 'Glenda Osorto', phone: '+50499112233' },
    affected: { fullName: 'Brayan Osorto', birthDate: '2001-04-02', dni: '0801200101234' },
    consent: { consulate: true, hostAuthorities: false },
    situation: { country: 'US', state: 'TX', city: 'Pearsall', facilityType: 'ICE', facilityName: 'South Texas ICE Processing Center', aNumber: 'A201234567' },
    narrative: 'Detenido desde el lunes; la familia no sabe de audiencia.', request: 'Visita consular', requestTypes: ['visit'],
  });
  expect(res.status).toBe(200);
  return { id, number };
}

async function openCase(page: Page, caseId: string) {
  await page.locator(`[data-testid="case-row"][data-case-id="${caseId}"]`).click();
  const detail = page.locator(`[data-testid="case-detail"][data-case-id="${caseId}"]`);
  await detail.getByTestId('case-editor').waitFor();
  return detail;
}

const escalation = (over: Partial<EscalationDto>): EscalationDto => ({
  id: 'e1', caseId: 'c1', caseNumber: 'AV-2026-000001', officeId: 'us-houston', officeName: 'Houston', status: 'sent', priority: 2, category: 'DETENCION',
  createdAt: '2026-03-02T10:00:00Z', ackDueAt: '2026-03-03T06:00:00Z', actionDueAt: '2026-03-03T10:00:00Z', acknowledgedAt: null, firstActionAt: null,
  closedAt: null, outcome: null, outcomeNote: null, breaches: [], version: 1, ...over,
});

describe('what the console computes about escalations and offices', () => {
  it('when escalations are listed, then open ones past a deadline come first, then the nearest deadline, and closed ones last', () => {
    const list = [
      escalation({ id: 'closed', status: 'closed', acknowledgedAt: '2026-03-02T11:00:00Z', firstActionAt: '2026-03-02T12:00:00Z', createdAt: '2026-03-02T12:00:00Z' }),
      escalation({ id: 'later', ackDueAt: '2026-03-04T06:00:00Z' }),
      escalation({ id: 'soon', ackDueAt: '2026-03-02T10:15:00Z', priority: 1 }),
      escalation({ id: 'breached', breaches: ['ack'], ackDueAt: '2026-03-05T00:00:00Z' }),
      escalation({ id: 'acked', acknowledgedAt: '2026-03-02T10:30:00Z', actionDueAt: '2026-03-03T08:00:00Z' }),
    ];
    expect(sortByUrgency(list).map((e) => e.id)).toEqual(['breached', 'soon', 'acked', 'later', 'closed']);
    expect(byUrgency(list[1] as EscalationDto, list[1] as EscalationDto)).toBe(0);
  });

  it('when an event crosses a refetch, then an older copy of an escalation never replaces a newer one', () => {
    const newer = escalation({ status: 'acknowledged', version: 3 });
    expect(upsertEscalation([newer], escalation({ version: 2 }))).toEqual([newer]);
    expect(upsertEscalation([escalation({ version: 2 })], newer)).toEqual([newer]);
  });

  it('when a deadline is counted down, then it reads m:ss under an hour, hours and minutes under two days, days beyond', () => {
    expect(formatSpan(14 * 60_000 + 5_000)).toBe('14:05');
    expect(formatSpan(-(3 * 3600_000 + 7 * 60_000))).toBe('3 h 07 min');
    expect(formatSpan(3 * 86_400_000 + 4 * 3600_000)).toBe('3 d 4 h');
  });

  it('when the server names missing packet fields, then the agent reads them as the case editor labels them, in either language', () => {
    expect(missingLabel(MESSAGES.es, 'categoryFields.lastPlace')).toBe('Datos de la categoría: Último lugar conocido');
    expect(missingLabel(MESSAGES.es, 'location.facilityName|location.aNumber')).toBe('Ubicación y situación: Lugar (centro, hospital, albergue…) o Ubicación y situación: Número A (A-Number)');
    expect(missingLabel(MESSAGES.en, 'affected.fullName')).toBe(`${MESSAGES.en.cw.sections.affected}: ${MESSAGES.en.cw.fields.fullName}`);
    expect(missingLabel(MESSAGES.es, 'narrative.narrative')).toBe('Relato de los hechos');
  });

  it('when an admin edits an office, then only changed fields are sent, and each field the server refuses is found in its message', () => {
    const office: OfficeDetailDto = {
      id: 'us-dallas', name: 'Consulado en Dallas', kind: 'consulate', country: 'US', city: 'Irving, TX', jurisdiction: ['US-TX'], address: null, phone: null,
      contact: null, hours: null, timeZone: null, channels: ['inbox'], webhookUrl: null, emailTo: [], smsTo: null, department: null, updatedAt: '2026-01-01T00:00:00Z',
    };
    const form = { ...toOfficeForm(office), jurisdiction: 'us-tx, US-OK', channels: ['webhook' as const], webhookUrl: ' https://x.test/hook ', hours: '' };
    expect(officePatch(office, form)).toEqual({ jurisdiction: ['US-TX', 'US-OK'], channels: ['inbox', 'webhook'], webhookUrl: 'https://x.test/hook' });
    expect(officeProblems('Invalid input (webhookUrl: Invalid URL; emailTo.0: Invalid email address; timeZone: an IANA time zone such as America/Chicago)'))
      .toEqual({ webhookUrl: 'Invalid URL', emailTo: 'Invalid email address', timeZone: 'an IANA time zone such as America/Chicago' });
    expect(officeProblems('smsTo: required for the SMS channel')).toEqual({ smsTo: 'required for the SMS channel' });
  });
});

describe('escalations in the console', () => {
  it('when an agent reviews and sends a detention case, then the protection centre in Houston gets it in its inbox, and each step there shows live in the agent\'s open case', async () => {
    const kase = await detentionCase('+50436000001');
    const agentPage = await loggedIn(agent);
    const detail = await openCase(agentPage, kase.id);

    // (a) The review: the suggested office and why, the packet by section, what is withheld; nothing missing.
    await detail.getByTestId('escalate-open').click();
    const review = detail.getByTestId('escalation-review');
    const suggested = review.getByTestId('review-suggested-office');
    await suggested.waitFor();
    expect(await suggested.getAttribute('data-office-id')).toBe('us-houston-ccpmh');
    const reason = review.getByTestId('review-suggestion-reason');
    expect(await reason.getAttribute('data-reason')).toBe('jurisdiction');
    expect(await reason.textContent()).toMatch(/^Por jurisdicción — .*Texas/);
    expect(await review.getByTestId('review-office').inputValue()).toBe('us-houston-ccpmh');
    await review.getByTestId('review-complete').waitFor();
    for (const section of ['header', 'requester', 'affected', 'location', 'narrative', 'categoryFields', 'actionsSoFar', 'deadlines', 'withheld']) {
      await review.getByTestId(`packet-${section}`).waitFor();
    }
    expect(await review.getByTestId('packet-affected').textContent()).toContain('Brayan Osorto');
    expect(await review.getByTestId('packet-location').textContent()).toContain('South Texas ICE Processing Center');
    expect(await review.getByTestId('packet-withheld-item').allTextContents()).toEqual([expect.stringContaining('situación migratoria')]);

    // Another office is the agent's choice, and the packet says so; back to the suggested one to send.
    await review.getByTestId('review-office').selectOption('us-houston');
    await review.locator('[data-testid="packet-office-reason"][data-reason="agent"]').waitFor();
    await review.getByTestId('review-office').selectOption('us-houston-ccpmh');
    await review.locator('[data-testid="packet-office-reason"][data-reason="jurisdiction"]').waitFor();
    await review.getByTestId('review-send').click();
    await detail.getByTestId('escalation-sent').waitFor();
    const row = detail.getByTestId('escalation-row');
    await detail.locator('[data-testid="escalation-row"][data-status="sent"]').waitFor();
    const escalationId = (await row.getAttribute('data-escalation-id')) as string;
    expect(await row.getByTestId('deadline-ack').getAttribute('data-state')).toMatch(/running|soon/);
    await detail.locator('[data-testid="case-status"][data-status="escalated"]').waitFor();
    await detail.locator('[data-testid="timeline-event"][data-kind="escalation.sent"]').waitFor();

    // (b) The office, in its own browser: the escalation is in the inbox; it opens with the packet and is acknowledged.
    const office = await consulateLoggedIn();
    const inboxRow = office.locator(`[data-testid="escalation-row"][data-escalation-id="${escalationId}"]`);
    await inboxRow.waitFor();
    expect(await inboxRow.textContent()).toContain(kase.number);
    await inboxRow.click();
    const drawer = office.locator(`[data-testid="escalation-detail"][data-escalation-id="${escalationId}"]`);
    await drawer.getByTestId('packet-affected').waitFor();
    expect(await drawer.getByTestId('packet-affected').textContent()).toContain('0801200101234');
    await drawer.getByTestId('esc-ack').click();
    await drawer.locator('[data-testid="escalation-status"][data-status="acknowledged"]').waitFor();
    await office.locator(`[data-testid="escalation-row"][data-escalation-id="${escalationId}"][data-status="acknowledged"]`).waitFor();

    // (c) The agent's open case follows without a reload: the escalation's status and the timeline.
    await detail.locator(`[data-testid="escalation-row"][data-escalation-id="${escalationId}"][data-status="acknowledged"]`).waitFor();
    await detail.locator('[data-testid="timeline-event"][data-kind="escalation.acknowledged"]').waitFor();
    await detail.locator(`[data-testid="escalation-row"][data-escalation-id="${escalationId}"] [data-testid="deadline-ack"][data-state="met"]`).waitFor();

    // The office asks; the agent answers from the case; the office sees the answer; the office closes; the agent tells the caller.
    await drawer.getByTestId('esc-kind-info-requests').click();
    await drawer.getByTestId('esc-office-text').fill('¿Tiene abogado?');
    await drawer.getByTestId('esc-office-send').click();
    await detail.locator(`[data-testid="escalation-row"][data-escalation-id="${escalationId}"][data-status="info_requested"]`).click();
    const inline = detail.locator(`[data-testid="escalation-detail"][data-escalation-id="${escalationId}"]`);
    await inline.getByTestId('escalation-info-request').getByText('¿Tiene abogado?').waitFor();
    await inline.getByTestId('esc-answer-text').fill('No tiene abogado; la familia busca uno.');
    await inline.getByTestId('esc-answer-send').click();
    await drawer.locator('[data-testid="escalation-event"][data-kind="info"]').getByText('No tiene abogado; la familia busca uno.').waitFor();

    await drawer.getByTestId('esc-outcome').selectOption('visit_done');
    await drawer.getByTestId('esc-outcome-note').fill('Visitado el jueves; bien de salud.');
    await drawer.getByTestId('esc-close').click();
    await drawer.locator('[data-testid="escalation-status"][data-status="closed"]').waitFor();
    await detail.locator(`[data-testid="escalation-row"][data-escalation-id="${escalationId}"][data-status="closed"]`).waitFor();
    await inline.getByTestId('escalation-outcome').getByText('Visita realizada').waitFor();
    await detail.locator('[data-testid="timeline-event"][data-kind="escalation.closed"]').waitFor();
    await inline.getByTestId('esc-notify-caller').click();
    await inline.getByTestId('esc-action-feedback').getByText('SMS enviado a quien llama.').waitFor();
    const smsJob = await eventually(async () => (await t.hotline.rt.queues.raw('sms').getJobs(['completed', 'waiting', 'active', 'delayed']))
      .find((j) => j.data.purpose === 'escalation:closed' && j.data.caseId === kase.id));
    expect(smsJob.data).toMatchObject({ to: '+50499112233' });
    expect(pageErrors.filter((e) => !/401|Unauthorized|Failed to load resource/.test(e))).toEqual([]);
  }, 120_000);

  it('when the case lacks what the office needs, then the review names the missing fields in words, and sends only when the agent insists', async () => {
    const call = await t.call({ from: '+50436000002', answers: [{ digits: '0' }], hangupAfterMs: 0 });
    const caseId = (await t.sql.query('SELECT case_id FROM calls WHERE call_sid = $1', [call.callSid])).rows[0].case_id as string;
    await api(`/api/cases/${caseId}`, agentCookie, 'PATCH', { version: 0, category: 'DESAPARECIDO', consent: { consulate: true, hostAuthorities: false }, situation: { country: 'MX', state: 'Chiapas' } });
    const page = await loggedIn(agent);
    const detail = await openCase(page, caseId);
    await detail.getByTestId('escalate-open').click();
    const review = detail.getByTestId('escalation-review');
    await review.getByTestId('review-missing').waitFor();
    expect(await review.getByTestId('review-suggested-office').getAttribute('data-office-id')).toBe('mx-tapachula');
    expect(await review.getByTestId('review-missing-field').allTextContents()).toEqual([
      'Persona afectada: Nombre completo', 'Relato de los hechos', 'Datos de la categoría: Último lugar conocido', 'Datos de la categoría: Fecha del último contacto',
    ]);
    expect(await review.getByTestId('review-send').isDisabled()).toBe(true);
    // In English, the same fields in English.
    await page.getByTestId('lang-switch').click();
    await review.getByTestId('review-missing-field').first().getByText(`${MESSAGES.en.cw.sections.affected}: ${MESSAGES.en.cw.fields.fullName}`).waitFor();
    expect(await review.getByTestId('review-suggestion-reason').textContent()).toMatch(/^The nearest office|^By jurisdiction/);
    // A missing field's name takes the agent to it in the editor.
    await review.locator('[data-testid="review-missing-field"][data-path="categoryFields.lastPlace"]').click();
    await detail.locator('[data-testid="categoryFields-lastPlace"]:focus').waitFor();

    await review.getByTestId('review-send-incomplete').check();
    await review.getByTestId('review-send').click();
    await detail.locator('[data-testid="escalation-row"][data-status="sent"]').waitFor();
    expect((await t.sql.query('SELECT office_id FROM escalations WHERE case_id = $1', [caseId])).rows).toEqual([{ office_id: 'mx-tapachula' }]);
  }, 60_000);

  it('when a consulate user signs in, then the console offers only their inbox: no queue, search, settings or cases, and never asks the server for them', async () => {
    const page = await newPage();
    const asked: string[] = [];
    page.on('request', (r) => {
      const path = new URL(r.url()).pathname;
      if (path.startsWith('/api/')) asked.push(path);
    });
    await consulateLoggedIn(page);
    expect(await page.locator('[data-testid^="nav-"]').count()).toBe(0);
    expect(await page.getByTestId('waiting-list').count()).toBe(0);
    expect(await page.getByTestId('case-list').count()).toBe(0);
    expect(await page.getByTestId('presence-select').count()).toBe(0);
    // An address naming another view still lands on the inbox.
    for (const view of ['search', 'settings', 'escalations', 'offices', 'queue']) {
      // A full load (a new query string), as a bookmark or a typed address would be.
      await page.goto(`${t.baseUrl}/?from=${view}#${view}`);
      await page.getByTestId('inbox-page').waitFor();
      expect(await page.getByTestId('search-page').count()).toBe(0);
      expect(await page.getByTestId('settings-page').count()).toBe(0);
    }
    expect(asked.filter((p) => /^\/api\/(cases|queue|agents|settings|offices|people)/.test(p))).toEqual([]);
    // And the server would refuse them anyway.
    const cookie = await t.login(consul.email, consul.password);
    expect((await api('/api/cases', cookie)).status).toBe(403);
  }, 60_000);

  it('when a delivery to an office gives up, then supervisors see the alert and the dead letter live, and "Reintentar" sends it once the office is fixed', async () => {
    const sup = await loggedIn(supervisor);
    await sup.getByTestId('nav-escalations').click();
    await sup.getByTestId('escalations-page').waitFor();
    await sup.getByTestId('dead-letters').waitFor();

    expect((await api('/api/offices/us-dallas', adminCookie, 'PUT', { channels: ['webhook'], webhookUrl: deadUrl })).status).toBe(200);
    const kase = await detentionCase('+50436000003');
    const sent = await api(`/api/cases/${kase.id}/escalations`, agentCookie, 'POST', { officeId: 'us-dallas' });
    expect(sent.status).toBe(201);
    const esc = sent.body as EscalationDto;

    const alert = sup.locator(`[data-testid="escalation-alert"][data-kind="dead_letter"][data-escalation-id="${esc.id}"]`);
    await alert.waitFor();
    expect(await alert.textContent()).toContain(kase.number);
    await sup.locator(`[data-testid="escalation-row"][data-escalation-id="${esc.id}"]`).waitFor();
    const letter = sup.locator(`[data-testid="dead-letter"][data-escalation-id="${esc.id}"]`);
    await letter.waitFor();
    expect(await letter.textContent()).toContain('Webhook firmado');

    // "Ver" opens it, with the failed delivery.
    await alert.getByTestId('escalation-alert-show').click();
    const drawer = sup.locator(`[data-testid="escalation-detail"][data-escalation-id="${esc.id}"]`);
    await drawer.locator('[data-testid="escalation-delivery"][data-status="dead"]').waitFor();
    await drawer.getByTestId('escalation-detail-close').click();

    expect((await api('/api/offices/us-dallas', adminCookie, 'PUT', { webhookUrl: receiverUrl })).status).toBe(200);
    await letter.getByTestId('dead-letter-retry').click();
    await sup.getByTestId('dead-letter-feedback').getByText(kase.number).waitFor();
    await letter.waitFor({ state: 'detached' });
    await eventually(async () => received.some((b) => b.includes(esc.id)));
    await eventually(async () => (await api(`/api/escalations/${esc.id}`, await t.login(supervisor.email, supervisor.password))).body.deliveries[0].status === 'delivered');

    await alert.getByTestId('escalation-alert-dismiss').click();
    await alert.waitFor({ state: 'detached' });
    expect(await sup.getByTestId('escalation-alerts').count()).toBe(0);
  }, 60_000);

  it('when an admin edits an office, then the server\'s refusal is shown by field, a fixed edit is saved and audited, and the webhook secret is shown with how to verify it', async () => {
    const page = await loggedIn(admin);
    await page.getByTestId('nav-offices').click();
    await page.locator('[data-testid="office-row"][data-office-id="us-miami"]').click();
    const drawer = page.locator('[data-testid="office-detail"][data-office-id="us-miami"]');
    await drawer.getByTestId('office-editor').waitFor();

    await drawer.getByTestId('office-channel-webhook').check();
    await drawer.getByTestId('office-jurisdiction').fill('US-FL, Florida');
    await drawer.getByTestId('office-save').click();
    await drawer.getByTestId('office-jurisdiction-error').waitFor();
    expect(await drawer.getByTestId('office-save-notice').getAttribute('data-kind')).toBe('refused');

    await drawer.getByTestId('office-jurisdiction').fill('US-FL, US-PR');
    await drawer.getByTestId('office-save').click();
    await drawer.getByTestId('office-webhookUrl-error').waitFor();
    expect(await drawer.getByTestId('office-jurisdiction-error').count()).toBe(0);

    await drawer.getByTestId('office-webhookUrl').fill('https://receptor.consulado.test/alho');
    await drawer.getByTestId('office-timeZone').fill('America/New_York');
    await drawer.getByTestId('office-save').click();
    await drawer.locator('[data-testid="office-save-notice"][data-kind="saved"]').waitFor();
    const stored = (await api('/api/offices/us-miami', adminCookie)).body as OfficeDetailDto;
    expect(stored).toMatchObject({ jurisdiction: ['US-FL', 'US-PR'], channels: ['inbox', 'webhook'], webhookUrl: 'https://receptor.consulado.test/alho', timeZone: 'America/New_York' });
    await drawer.getByTestId('office-audit-entry').first().getByText('US-FL, US-PR').waitFor();

    await drawer.getByTestId('office-secret-show').click();
    const secret = (await api('/api/offices/us-miami/webhook-secret', adminCookie)).body.secret as string;
    expect(await drawer.getByTestId('office-secret').textContent()).toBe(secret);
    expect(await drawer.getByTestId('office-verify-note').textContent()).toMatch(/HMAC-SHA256.*<timestamp>\.<cuerpo>.*X-AlhoVoz-Timestamp.*X-AlhoVoz-Signature.*v1=<hex>/s);
    await drawer.getByTestId('office-audit').getByText('Consultó el secreto del webhook').first().waitFor();
  }, 60_000);

  it('when the agent picks the case\'s office from the directory, then it is saved, shown by name, and the search finds the case by that office', async () => {
    const kase = await detentionCase('+50436000004');
    const page = await loggedIn(agent);
    const detail = await openCase(page, kase.id);
    await detail.getByTestId('officeId').selectOption('us-mcallen');
    await detail.getByTestId('case-save').click();
    await detail.locator('[data-testid="case-save-notice"][data-kind="saved"]').waitFor();
    await detail.getByTestId('case-detail-office').getByText('Consulado de Honduras en McAllen', { exact: false }).waitFor();
    await detail.getByTestId('case-detail-close').click();

    await page.getByTestId('nav-search').click();
    await page.getByTestId('search-office').selectOption('us-mcallen');
    await page.getByTestId('search-submit').click();
    await page.getByTestId('search-count').waitFor();
    const found = await page.getByTestId('search-result').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-case-id')));
    expect(found).toEqual([kase.id]);
    expect(pageErrors.filter((e) => !/401|Unauthorized|Failed to load resource/.test(e))).toEqual([]);
  }, 60_000);
});
