import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, loggedInPage } from './browser.js';
import { startTestHotline, eventually, type TestHotline } from '../../src/testing/harness.js';
import { DEMO_USERS } from '../../src/modules/auth/index.js';
import type { CaseDto } from '../../src/contracts/index.js';
import { pathOf, rebase, toDraft, toUpdate, validateDraft, withRelationship } from '../src/case-draft.js';

const [, supervisor, agent] = DEMO_USERS;
type User = (typeof DEMO_USERS)[number];

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

/** What a test leaves behind, even when it fails half-way: pages closed, agents offline, callers gone. */
const leftovers: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const undo of leftovers.splice(0).reverse()) await undo().catch(() => undefined);
  const cookie = await t.login(supervisor.email, supervisor.password);
  for (const user of [agent, supervisor]) await t.api(`/api/agents/${await userId(user)}/offline`, { method: 'POST', cookie });
});

async function loggedIn(user: User): Promise<Page> {
  const page = await loggedInPage(browser, t.baseUrl, user, pageErrors, { viewport: { width: 1400, height: 900 } });
  leftovers.push(() => page.context().close());
  return page;
}

/** A caller who chose "speak to an agent" and waits until the test (or the cleanup) hangs up. */
function caller(from: string) {
  const hangUp = new AbortController();
  const call = t.call({ from, answers: [{ digits: '0' }], signal: hangUp.signal });
  const end = async () => {
    hangUp.abort();
    await call;
  };
  leftovers.push(end);
  return { end };
}

const userId = async (user: User) => (await t.sql.query('SELECT id FROM users WHERE email = $1', [user.email])).rows[0].id as string;
const queuedSid = (from: string, not?: string) =>
  eventually(async () => {
    const { rows } = await t.sql.query("SELECT call_sid FROM calls WHERE from_e164 = $1 AND status = 'queued'", [from]);
    return rows.map((r) => r.call_sid as string).find((sid) => sid !== not);
  });
const caseOf = async (callSid: string) =>
  (await t.sql.query('SELECT c.id, c.number FROM calls JOIN cases c ON c.id = calls.case_id WHERE calls.call_sid = $1', [callSid])).rows[0] as { id: string; number: string };
/** A case opened by a caller who hung up while waiting. */
async function caseFromAbandonedCall(from: string): Promise<{ id: string; number: string }> {
  const call = caller(from);
  const sid = await queuedSid(from);
  await call.end();
  await eventually(async () => (await t.sql.query("SELECT 1 FROM calls WHERE call_sid = $1 AND status = 'abandoned'", [sid])).rowCount);
  return caseOf(sid);
}
async function setPresence(page: Page, state: 'available' | 'offline'): Promise<void> {
  await page.getByTestId('presence-select').selectOption(state);
  await page.locator(`[data-testid="presence-state"][data-state="${state}"]`).waitFor();
}
async function openCase(page: Page, caseId: string) {
  await page.locator(`[data-testid="case-row"][data-case-id="${caseId}"]`).click();
  const detail = page.locator(`[data-testid="case-detail"][data-case-id="${caseId}"]`);
  await detail.getByTestId('case-editor').waitFor();
  return detail;
}

describe('the case draft the editor keeps', () => {
  const base = {
    id: '00000000-0000-4000-8000-000000000001', number: 'AV-2026-000001', status: 'new', category: 'DETENCION', priority: 2, language: 'es',
    callerMasked: '•••• 0001', menuPath: [], location: null, officeId: null, flags: [], vulnerable: false, createdAt: '2026-01-01T10:00:00Z',
    updatedAt: '2026-01-01T10:00:00Z', lastCallStatus: null, displayName: null, nonData: null, mergedInto: null, subcategory: null,
    priorityReason: null, officeReason: null, requester: null, relationship: null, affected: null,
    consent: { consulate: false, hostAuthorities: false, recordedAt: null, recordedBy: null, recordedByName: null }, situation: { country: 'US' }, categoryFields: {},
    narrative: null, request: null, requestTypes: [], version: 3, closedAt: null, anonymisedAt: null, redacted: false,
  } as CaseDto;

  it('when an agent changes a few fields, then only those are sent, with the version they started from', () => {
    const draft = { ...toDraft(base), 'affected.dni': '0801-1990-12345', 'situation.city': 'Houston', 'categoryFields.route': 'Tapachula', priority: '1' };
    expect(toUpdate(base, draft)).toEqual({ version: 3, affected: { dni: '0801-1990-12345' }, situation: { city: 'Houston' }, priority: 1 });
  });

  it('when a field is emptied, then it is sent as null; fields of another category are not sent', () => {
    const draft = { ...toDraft(base), 'situation.country': '', 'categoryFields.route': 'Tapachula', category: 'DESAPARECIDO' };
    expect(toUpdate(base, draft)).toEqual({ version: 3, situation: { country: null }, category: 'DESAPARECIDO', categoryFields: { route: 'Tapachula' } });
  });

  it('when the DNI has 12 digits or a birth date is in the future, then the shared rules name the problem', () => {
    const draft = { ...toDraft(base), 'affected.dni': '080119901234', 'affected.birthDate': '2030-01-01', 'requester.phone': '99998888' };
    expect(validateDraft(draft, '2026-01-01')).toEqual({ 'affected.dni': 'dni_digits', 'affected.birthDate': 'date_future', 'requester.phone': 'phone_country_code' });
  });

  it('when someone else saved first, then the newer version is taken with the agent\'s own changes on top', () => {
    const mine = { ...toDraft(base), 'affected.fullName': 'Ana' };
    const theirs = toDraft({ ...base, version: 4, situation: { country: 'MX' } });
    expect(rebase(toDraft(base), mine, theirs)).toEqual({ ...theirs, 'affected.fullName': 'Ana' });
  });

  it('when the caller becomes the affected person, then the requester mirrors them, and a server problem finds its field', () => {
    const draft = withRelationship({ ...toDraft(base), 'affected.fullName': 'Ana' }, 'self');
    expect(draft['requester.fullName']).toBe('Ana');
    expect(pathOf('affected.aliases.2', draft)).toBe('affected.aliases');
    expect(pathOf('nonsense', draft)).toBeNull();
  });
});

describe('working cases in the console', () => {
  it('when a caller whose number already has a case calls again, then the offer card shows that earlier case before the agent accepts', async () => {
    const earlier = await caseFromAbandonedCall('+50471130001');
    const page = await loggedIn(agent);
    await setPresence(page, 'available');

    const call = caller('+50471130001');
    const callSid = await queuedSid('+50471130001');
    const offer = page.getByTestId('offer');
    await offer.waitFor({ timeout: 15_000 });
    expect(await offer.getAttribute('data-call-sid')).toBe(callSid);
    const listed = offer.locator(`[data-testid="offer-earlier-case"][data-case-id="${earlier.id}"]`);
    await listed.waitFor();
    expect(await listed.textContent()).toContain(earlier.number);
    expect(await listed.textContent()).toContain('Sin clasificar');
    // Still an offer: nothing was accepted to see it.
    expect(await page.getByTestId('offer-accept').isEnabled()).toBe(true);
    expect(await page.getByTestId('my-call').count()).toBe(0);
    expect(await offer.getByTestId('offer-case-number').textContent()).not.toBe(earlier.number);

    // Going offline takes the offer back at once (a caller hanging up leaves it until it times out).
    await setPresence(page, 'offline');
    await offer.waitFor({ state: 'detached' });
    await call.end();
  }, 60_000);

  it('when an agent on the call links it to the caller\'s earlier case, then "my call" shows that case and the new one joins it', async () => {
    const earlier = await caseFromAbandonedCall('+50471130004');
    const page = await loggedIn(agent);
    await setPresence(page, 'available');
    const call = caller('+50471130004');
    const callSid = await queuedSid('+50471130004');
    const opened = await caseOf(callSid);
    await page.getByTestId('offer').waitFor({ timeout: 15_000 });
    await page.getByTestId('offer-accept').click();
    const myCall = page.getByTestId('my-call');
    await myCall.waitFor({ timeout: 20_000 });
    expect(await myCall.getAttribute('data-case-id')).toBe(opened.id);

    await myCall.locator(`[data-testid="earlier-case"][data-case-id="${earlier.id}"]`).getByTestId('link-call').click();
    await expect.poll(() => myCall.getAttribute('data-case-id')).toBe(earlier.id);
    await expect.poll(() => myCall.getByTestId('my-call-case').textContent()).toBe(earlier.number);
    await myCall.locator('[data-testid="timeline-event"][data-kind="call.linked"]').waitFor();
    expect((await t.sql.query('SELECT case_id FROM calls WHERE call_sid = $1', [callSid])).rows[0].case_id).toBe(earlier.id);
    // Opened by this call and never worked: a duplicate, merged into the earlier case.
    expect((await t.sql.query('SELECT merged_into FROM cases WHERE id = $1', [opened.id])).rows[0].merged_into).toBe(earlier.id);
    await call.end();
  }, 60_000);

  it('when an agent types a 12-digit DNI, then the editor says so in the console\'s language; fixed and saved, the change reaches the supervisor\'s open case without a reload', async () => {
    const theCase = await caseFromAbandonedCall('+50471130002');
    const page = await loggedIn(agent);
    const supervisorPage = await loggedIn(supervisor);
    const detail = await openCase(page, theCase.id);
    const watching = await openCase(supervisorPage, theCase.id);
    // Gone if the supervisor's page were reloaded.
    await supervisorPage.evaluate(() => Object.assign(window, { stillTheSamePage: true }));

    const dni = detail.getByTestId('affected-dni');
    const dniError = detail.getByTestId('affected-dni-error');
    await dni.fill('080119901234');
    await expect.poll(() => dniError.textContent()).toContain('El DNI tiene 13 dígitos');
    expect(await dni.getAttribute('aria-invalid')).toBe('true');
    // Saving is refused on the spot, and nothing reaches the server.
    await detail.getByTestId('case-save').click();
    await expect.poll(() => detail.getByTestId('case-save-notice').getAttribute('data-kind')).toBe('fix-first');

    await page.getByTestId('lang-switch').click();
    await expect.poll(() => dniError.textContent()).toContain('The DNI has 13 digits');
    await page.getByTestId('lang-switch').click();
    await expect.poll(() => dniError.textContent()).toContain('El DNI tiene 13 dígitos');

    await dni.fill('0801-1990-12345');
    await expect.poll(() => dniError.textContent()).toBe('');
    expect(await dni.getAttribute('aria-invalid')).toBeNull();
    await detail.getByTestId('affected-fullName').fill('José Ramírez Núñez');
    await detail.getByTestId('situation-country').selectOption('US');
    expect(await detail.getByTestId('case-unsaved').getAttribute('data-count')).toBe('3');
    await detail.getByTestId('case-save').click();
    await expect.poll(() => detail.getByTestId('case-save-notice').getAttribute('data-kind')).toBe('saved');
    // Stored as digits only, and the form shows it as stored.
    expect(await dni.inputValue()).toBe('0801199012345');
    expect(await detail.getByTestId('case-unsaved').getAttribute('data-count')).toBe('0');
    const stored = (await t.sql.query("SELECT p.dni, p.full_name FROM case_people cp JOIN people p ON p.id = cp.person_id WHERE cp.case_id = $1 AND cp.role = 'affected'", [theCase.id])).rows[0];
    expect(stored).toEqual({ dni: '0801199012345', full_name: 'José Ramírez Núñez' });

    // The supervisor's panel follows through the socket.
    await expect.poll(() => watching.getByTestId('affected-dni').inputValue(), { timeout: 10_000 }).toBe('0801199012345');
    expect(await watching.getByTestId('affected-fullName').inputValue()).toBe('José Ramírez Núñez');
    await watching.locator('[data-testid="timeline-event"][data-kind="fields.changed"]').waitFor();
    expect(await watching.locator('[data-testid="timeline-event"][data-kind="fields.changed"]').textContent()).toContain('Agente Demo');
    expect(await supervisorPage.evaluate(() => (window as unknown as { stillTheSamePage?: boolean }).stillTheSamePage)).toBe(true);

    // The supervisor starts an edit while the agent saves another: her form says the case changed and keeps her text.
    await watching.getByTestId('situation-city').fill('Houston');
    await detail.getByTestId('situation-state').fill('TX');
    await detail.getByTestId('case-save').click();
    await expect.poll(() => detail.getByTestId('case-save-notice').getAttribute('data-kind')).toBe('saved');
    await watching.getByTestId('case-stale').waitFor();
    expect(await watching.getByTestId('situation-city').inputValue()).toBe('Houston');
    // Saved anyway, the old version is refused; the form takes the new one with her change on top, and saves.
    await watching.getByTestId('case-save').click();
    await expect.poll(() => watching.getByTestId('case-save-notice').getAttribute('data-kind')).toBe('conflict');
    expect(await watching.getByTestId('situation-state').inputValue()).toBe('TX');
    expect(await watching.getByTestId('situation-city').inputValue()).toBe('Houston');
    expect(await watching.getByTestId('case-stale').count()).toBe(0);
    await watching.getByTestId('case-save').click();
    await expect.poll(() => watching.getByTestId('case-save-notice').getAttribute('data-kind')).toBe('saved');
    expect((await t.sql.query('SELECT situation FROM cases WHERE id = $1', [theCase.id])).rows[0].situation).toEqual({ country: 'US', state: 'TX', city: 'Houston' });
  }, 60_000);

  it('when an agent searches a name typed without accents and only in part, then the case is found and opens from the results', async () => {
    const theCase = await caseFromAbandonedCall('+50471130003');
    const cookie = await t.login(agent.email, agent.password);
    const current = (await (await t.api(`/api/cases/${theCase.id}`, { cookie })).json()) as { case: CaseDto };
    const saved = await t.api(`/api/cases/${theCase.id}`, {
      method: 'PATCH', cookie, body: JSON.stringify({ version: current.case.version, affected: { fullName: 'Dunia Cáceres Ordóñez' } }),
    });
    expect(saved.status).toBe(200);

    const page = await loggedIn(agent);
    await page.getByTestId('nav-search').click();
    await page.getByTestId('search-page').waitFor();
    await page.getByTestId('search-q').fill('caceres ordo');
    await page.getByTestId('search-submit').click();
    const row = page.locator(`[data-testid="search-result"][data-case-id="${theCase.id}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain(theCase.number);
    expect(await row.getByTestId('search-result-name').textContent()).toBe('Dunia Cáceres Ordóñez');
    expect(await page.getByTestId('search-result').count()).toBe(1);

    await row.click();
    const detail = page.locator(`[data-testid="case-detail"][data-case-id="${theCase.id}"]`);
    await expect.poll(() => detail.getByTestId('case-detail-number').textContent()).toBe(theCase.number);
    await expect.poll(() => detail.getByTestId('affected-fullName').inputValue()).toBe('Dunia Cáceres Ordóñez');

    // A name nobody has: the page says so.
    await page.getByTestId('search-q').fill('zzzz nadie');
    await page.getByTestId('search-submit').click();
    await page.getByTestId('search-empty').waitFor();
  }, 60_000);

  it('when an admin opens a case, then its personal data are hidden with a notice, there is no form, and the audit log shows who worked it', async () => {
    const theCase = await caseFromAbandonedCall('+50471130005');
    const cookie = await t.login(agent.email, agent.password);
    const current = (await (await t.api(`/api/cases/${theCase.id}`, { cookie })).json()) as { case: CaseDto };
    await t.api(`/api/cases/${theCase.id}`, { method: 'PATCH', cookie, body: JSON.stringify({ version: current.case.version, affected: { fullName: 'Iris Mejía' } }) });

    const page = await loggedIn(DEMO_USERS[0]);
    await page.locator(`[data-testid="case-row"][data-case-id="${theCase.id}"]`).click();
    const detail = page.locator(`[data-testid="case-detail"][data-case-id="${theCase.id}"]`);
    await detail.getByTestId('case-redacted').waitFor();
    expect(await detail.getByTestId('case-redacted').textContent()).toContain('Datos personales ocultos para su rol');
    expect(await detail.getByTestId('case-editor').count()).toBe(0);
    expect(await detail.getByTestId('status-actions').count()).toBe(0);
    expect(await detail.textContent()).not.toContain('Iris');

    await detail.getByTestId('case-tab-audit').click();
    const update = detail.locator('[data-testid="audit-entry"][data-action="update"]');
    await update.waitFor();
    expect(await update.textContent()).toContain('Agente Demo');
    // Exports are for supervisors.
    expect(await detail.getByTestId('case-export').count()).toBe(0);
  });

  it('when pages were used, then no script error or CSP violation was reported', () => {
    expect(pageErrors.filter((e) => !/401|Unauthorized|Failed to load resource/.test(e))).toEqual([]);
  });
});
