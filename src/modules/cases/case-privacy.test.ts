import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseSummaryDto } from '../../contracts/rest.js';
import { DEMO_USERS } from '../auth/index.js';
import { createCaseStatistics, STAT_DIMENSIONS } from '../reports/index.js';
import { generateCases } from '../../testing/case-generator.js';
import { eventually, startTestHotline, type TestHotline } from '../../testing/harness.js';

let t: TestHotline;
let agent: string;
let supervisor: string;
let admin: string;

beforeAll(async () => {
  t = await startTestHotline();
  agent = await t.login();
  supervisor = await t.login(DEMO_USERS[1].email, DEMO_USERS[1].password);
  admin = await t.login(DEMO_USERS[0].email, DEMO_USERS[0].password);
});
afterAll(async () => t?.close());

const PERSON = { fullName: 'Yesenia Banegas Murillo', dni: '0703198811223', phone: '+50498761234' };

async function workedCase(from: string): Promise<{ id: string; callSid: string; number: string }> {
  const call = await t.call({ from, answers: [{ digits: '0' }], hangupAfterMs: 0 });
  const id = (await t.sql.query('SELECT case_id FROM calls WHERE call_sid = $1', [call.callSid])).rows[0].case_id as string;
  const res = await t.api(`/api/cases/${id}`, {
    method: 'PATCH',
    cookie: agent,
    body: JSON.stringify({
      version: 0, relationship: 'self', affected: { ...PERSON, sex: 'F', birthDate: '1988-07-03', originDepartment: 'HN-OL' },
      narrative: 'Detenida en Houston.', situation: { country: 'US', aNumber: 'A987654321', facilityType: 'ICE' },
    }),
  });
  expect(res.status).toBe(200);
  await t.api(`/api/cases/${id}/notes`, { method: 'POST', cookie: agent, body: JSON.stringify({ text: 'Su hermana llama de +50498761234' }) });
  return { id, callSid: call.callSid, number: (await res.json()).number };
}

async function socketFor(cookie: string): Promise<{ updates: CaseSummaryDto[] }> {
  const { seen } = await t.socket(cookie);
  return { get updates() { return seen.filter((s) => s.event === 'case.updated').map((s) => s.data as CaseSummaryDto); } };
}

describe('personal data by role', () => {
  it('when an admin opens a case, then the personal parts are hidden, and they cannot change it, listen to it or export it', async () => {
    const c = await workedCase('+50434000001');
    const asAdmin = await (await t.api(`/api/cases/${c.id}`, { cookie: admin })).json();
    expect(asAdmin.case).toMatchObject({ redacted: true, requester: null, affected: null, narrative: null, displayName: null, categoryFields: {} });
    expect(asAdmin.case.situation).toEqual({ country: 'US', facilityType: 'ICE' });
    expect(asAdmin.recordings).toEqual([]);
    expect(asAdmin.timeline.find((e: { kind: string }) => e.kind === 'note.added').data).toEqual({ redacted: true });
    expect(JSON.stringify(asAdmin)).not.toMatch(/Yesenia|0703198811223|98761234|A987654321|Houston/);

    const asAgent = await (await t.api(`/api/cases/${c.id}`, { cookie: agent })).json();
    expect(asAgent.case).toMatchObject({ redacted: false, displayName: PERSON.fullName, affected: { dni: PERSON.dni } });

    expect((await t.api(`/api/cases/${c.id}`, { method: 'PATCH', cookie: admin, body: JSON.stringify({ version: 1, narrative: 'x' }) })).status).toBe(403);
    expect((await t.api(`/api/cases/${c.id}/export`, { cookie: admin })).status).toBe(403);
    expect((await t.api(`/api/cases/${c.id}/export`, { cookie: agent })).status).toBe(403);
    expect((await t.api(`/api/recordings/RE${'0'.repeat(32)}/audio`, { cookie: admin })).status).toBe(403);
    expect((await t.api('/api/people?name=banegas', { cookie: admin })).status).toBe(403);
  });

  it('when a consulate user or nobody asks for cases, then they are refused', async () => {
    const office = (await t.sql.query('SELECT id FROM offices ORDER BY id LIMIT 1')).rows[0].id;
    const created = await t.api('/api/users', {
      method: 'POST', cookie: admin,
      body: JSON.stringify({ email: 'consulado@alhovoz.test', name: 'Consulado', role: 'consulate', officeId: office, password: 'Consulado-2026-largo' }),
    });
    expect(created.status).toBe(201);
    const consulate = await t.login('consulado@alhovoz.test', 'Consulado-2026-largo');
    expect((await t.api('/api/cases', { cookie: consulate })).status).toBe(403);
    expect((await t.api('/api/cases')).status).toBe(401);
  });

  it('when a case changes, then agents receive the name on their socket and admins the same case without it', async () => {
    const c = await workedCase('+50434000002');
    const asAgent = await socketFor(agent);
    const asAdmin = await socketFor(admin);
    const version = (await (await t.api(`/api/cases/${c.id}`, { cookie: agent })).json()).case.version;
    await t.api(`/api/cases/${c.id}`, { method: 'PATCH', cookie: agent, body: JSON.stringify({ version, status: 'in_progress' }) });
    const forAgent = await eventually(async () => asAgent.updates.find((u) => u.id === c.id && u.status === 'in_progress'));
    const forAdmin = await eventually(async () => asAdmin.updates.find((u) => u.id === c.id && u.status === 'in_progress'));
    expect(forAgent.displayName).toBe(PERSON.fullName);
    expect(forAdmin.displayName).toBeNull();
    expect(JSON.stringify(asAdmin.updates)).not.toContain('Yesenia');
  });

  it('when people look at and change a case, then supervisors read who did what and when, and the log has no personal data', async () => {
    const c = await workedCase('+50434000003');
    await t.api(`/api/cases/${c.id}`, { cookie: agent });
    const exported = await t.api(`/api/cases/${c.id}/export`, { cookie: supervisor });
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-disposition')).toContain(`${c.number}.json`);
    expect((await exported.json()).case.affected.fullName).toBe(PERSON.fullName);

    expect((await t.api(`/api/cases/${c.id}/audit`, { cookie: agent })).status).toBe(403);
    const { entries } = await (await t.api(`/api/cases/${c.id}/audit`, { cookie: supervisor })).json();
    const actions = entries.map((e: { action: string; actorName: string }) => `${e.actorName}:${e.action}`);
    expect(actions).toEqual(expect.arrayContaining([`${DEMO_USERS[2].name}:update`, `${DEMO_USERS[2].name}:note`, `${DEMO_USERS[2].name}:view`, `${DEMO_USERS[1].name}:export`, `${DEMO_USERS[1].name}:view`]));
    const update = entries.find((e: { action: string }) => e.action === 'update');
    expect(update.fields).toEqual(expect.arrayContaining(['affected.fullName', 'affected.dni', 'narrative', 'situation.aNumber']));

    const logs = t.logs.join('\n');
    for (const secret of ['Yesenia', 'Banegas', PERSON.dni, '98761234', 'A987654321', 'Detenida']) expect(logs).not.toContain(secret);
  });
});

describe('retention', () => {
  it('when cases are past the retention period, then their people are erased while the statistics stay the same', async () => {
    await generateCases(t.sql, 600);
    const recent = await workedCase('+50434000010');
    const old = await workedCase('+50434000011');
    await t.sql.query(`UPDATE cases SET status = 'closed', closed_at = now() - interval '3 years', created_at = now() - interval '3 years' WHERE id = $1`, [old.id]);
    const recordingSid = `RE${'7'.repeat(32)}`;
    await t.sql.query(
      `INSERT INTO recordings (sid, call_sid, case_id, kind, url, duration_s, status) VALUES ($1, $2, $3, 'voicemail', $4, 10, 'completed')`,
      [recordingSid, old.callSid, old.id, `https://api.twilio.com/2010-04-01/Accounts/AC${'0'.repeat(32)}/Recordings/${recordingSid}`],
    );
    // The old case's person is also the requester of a recent case: they must survive the old case's erasure.
    const oldPerson = (await t.sql.query(`SELECT person_id FROM case_people WHERE case_id = $1 AND role = 'affected'`, [old.id])).rows[0].person_id;
    await t.sql.query(`INSERT INTO case_people (case_id, role, person_id) VALUES ($1, 'requester', $2) ON CONFLICT (case_id, role) DO UPDATE SET person_id = $2`, [recent.id, oldPerson]);

    const stats = createCaseStatistics(t.hotline.rt.db, 'America/Tegucigalpa');
    const all = async () => Object.fromEntries(await Promise.all(STAT_DIMENSIONS.map(async (d) => [d, await stats.countBy(d)] as const)));
    const before = await all();
    const due = (await t.sql.query(`SELECT count(*)::int AS n FROM cases WHERE closed_at < now() - interval '730 days'`)).rows[0].n;
    expect(due).toBeGreaterThan(50);

    const swept = await t.hotline.rt.retention.sweep();
    expect(swept.cases).toBe(due);
    // Deleted at Twilio through the Recordings API (Prism checks the request against Twilio's description).
    expect(swept.recordings).toBe(1);
    expect(await all()).toEqual(before);
    expect(before.ageBand?.some((r: { key: string | null }) => r.key !== null)).toBe(true);

    const erased = (await t.sql.query(`SELECT caller_phone, narrative, situation, anonymised_at FROM cases WHERE id = $1`, [old.id])).rows[0];
    expect(erased).toMatchObject({ caller_phone: null, narrative: null, situation: { country: 'US', facilityType: 'ICE' }, anonymised_at: expect.any(Date) });
    expect((await t.sql.query('SELECT count(*)::int AS n FROM recordings WHERE case_id = $1', [old.id])).rows[0].n).toBe(0);
    expect((await t.sql.query('SELECT from_e164 FROM calls WHERE case_id = $1', [old.id])).rows[0].from_e164).toBeNull();
    const notes = (await t.sql.query(`SELECT data FROM case_events WHERE case_id = $1 AND kind = 'note.added'`, [old.id])).rows;
    expect(notes.map((n) => n.data)).toEqual([{ anonymised: true }]);
    // Shared with a recent case: kept.
    expect((await t.sql.query('SELECT full_name FROM people WHERE id = $1', [oldPerson])).rows[0].full_name).toBe(PERSON.fullName);

    // Nobody is left linked to an erased case, and its names are out of search.
    expect((await t.sql.query('SELECT count(*)::int AS n FROM case_people cp JOIN cases c ON c.id = cp.case_id WHERE c.anonymised_at IS NOT NULL')).rows[0].n).toBe(0);
    expect((await t.sql.query(`SELECT count(*)::int AS n FROM cases WHERE anonymised_at IS NOT NULL AND search_names <> ''`)).rows[0].n).toBe(0);
    const erasedPeople = (await t.sql.query('SELECT full_name, dni, search_name, sex FROM people WHERE anonymised_at IS NOT NULL')).rows;
    expect(erasedPeople.length).toBeGreaterThan(50);
    for (const p of erasedPeople) expect(p).toMatchObject({ full_name: null, dni: null, search_name: '' });
    expect((await (await t.api(`/api/cases?q=${old.number}`, { cookie: agent })).json()).cases[0].displayName).toBeNull();
    expect(await t.sql.query(`SELECT 1 FROM case_audit WHERE case_id = $1 AND action = 'anonymise'`, [old.id])).toMatchObject({ rowCount: 1 });
    expect((await t.api(`/api/cases/${old.id}`, { method: 'PATCH', cookie: agent, body: JSON.stringify({ version: 5, narrative: 'x' }) })).status).toBe(409);

    // A second sweep finds nothing more to do.
    expect(await t.hotline.rt.retention.sweep()).toEqual({ cases: 0, people: 0, recordings: 0 });
  });
});
