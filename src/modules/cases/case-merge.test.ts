import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHotline, type TestHotline } from '../../testing/harness.js';

let t: TestHotline;
let agent: string;

beforeAll(async () => {
  t = await startTestHotline();
  agent = await t.login();
});
afterAll(async () => t?.close());

async function openCase(from: string): Promise<{ id: string; callSid: string }> {
  const call = await t.call({ from, answers: [{ digits: '0' }], hangupAfterMs: 0 });
  const { rows } = await t.sql.query('SELECT case_id FROM calls WHERE call_sid = $1', [call.callSid]);
  return { id: rows[0].case_id, callSid: call.callSid };
}
const get = async (id: string) => (await t.api(`/api/cases/${id}`, { cookie: agent })).json();
const post = (path: string, body: unknown) => t.api(path, { method: 'POST', cookie: agent, body: JSON.stringify(body) });
const patch = async (id: string, body: Record<string, unknown>) => {
  const version = (await get(id)).case.version;
  return t.api(`/api/cases/${id}`, { method: 'PATCH', cookie: agent, body: JSON.stringify({ version, ...body }) });
};
const eventCount = async (id: string) => (await t.sql.query('SELECT count(*)::int AS n FROM case_events WHERE case_id = $1', [id])).rows[0].n as number;

describe('merging duplicate cases', () => {
  it('when an agent merges a duplicate into the first case, then every call, note and event of both is on one timeline', async () => {
    const first = await openCase('+50432000001');
    const dup = await openCase('+50432000001');
    await post(`/api/cases/${first.id}/notes`, { text: 'nota del primero' });
    await post(`/api/cases/${dup.id}/notes`, { text: 'nota del duplicado' });
    await patch(dup.id, { affected: { fullName: 'Nelson Paz' } });
    const before = (await eventCount(first.id)) + (await eventCount(dup.id));
    const beforeKinds = [...(await get(first.id)).timeline, ...(await get(dup.id)).timeline].map((e: { kind: string; at: string }) => `${e.kind}@${e.at}`);

    const res = await post(`/api/cases/${dup.id}/merge`, { intoCaseId: first.id });
    expect(res.status).toBe(200);
    const merged = await get(first.id);
    const kinds = merged.timeline.map((e: { kind: string; at: string }) => `${e.kind}@${e.at}`);
    // Every entry of both, with its original time, plus the merge itself.
    expect(kinds).toEqual(expect.arrayContaining(beforeKinds));
    expect(merged.timeline.filter((e: { kind: string }) => e.kind === 'call').map((e: { data: { callSid: string } }) => e.data.callSid).sort()).toEqual([first.callSid, dup.callSid].sort());
    expect(merged.timeline.filter((e: { kind: string }) => e.kind === 'note.added').map((e: { data: { text: string } }) => e.data.text).sort()).toEqual(['nota del duplicado', 'nota del primero']);
    expect(merged.timeline.at(-1)).toMatchObject({ kind: 'case.merged' });
    // The person only the duplicate had comes along.
    expect(merged.case.affected.fullName).toBe('Nelson Paz');
    expect(await eventCount(first.id)).toBe(before + 1);

    const gone = await get(dup.id);
    expect(gone.case).toMatchObject({ mergedInto: first.id, status: 'closed' });
    expect(gone.timeline.map((e: { kind: string }) => e.kind)).toEqual(['case.merged_into']);
    const open = (await (await t.api('/api/cases', { cookie: agent })).json()).cases.map((c: { id: string }) => c.id);
    expect(open).not.toContain(dup.id);
    expect((await post(`/api/cases/${dup.id}/merge`, { intoCaseId: first.id })).status).toBe(409);
    expect((await post(`/api/cases/${first.id}/merge`, { intoCaseId: first.id })).status).toBe(422);
  });

  it('when a repeat caller call is linked to their existing case, then the new untouched case joins it whole', async () => {
    const existing = await openCase('+50432000002');
    const repeat = await openCase('+50432000002');
    const earlier = await (await t.api(`/api/cases/${repeat.id}/earlier`, { cookie: agent })).json();
    expect(earlier.cases.map((c: { id: string }) => c.id)).toEqual([existing.id]);

    const res = await post(`/api/calls/${repeat.callSid}/link`, { caseId: existing.id });
    expect(res.status).toBe(200);
    const calls = (await t.sql.query('SELECT call_sid FROM calls WHERE case_id = $1 ORDER BY started_at', [existing.id])).rows.map((r) => r.call_sid);
    expect(calls).toEqual([existing.callSid, repeat.callSid]);
    expect((await get(repeat.id)).case.mergedInto).toBe(existing.id);
  });

  it('when the call came into a case that was already worked, then only the call and its events move', async () => {
    const existing = await openCase('+50432000003');
    const other = await openCase('+50432000003');
    await patch(other.id, { narrative: 'otro asunto' });
    const res = await post(`/api/calls/${other.callSid}/link`, { caseId: existing.id });
    expect(res.status).toBe(200);
    const stays = await get(other.id);
    expect(stays.case.mergedInto).toBeNull();
    expect(stays.timeline.map((e: { kind: string }) => e.kind)).toEqual(expect.arrayContaining(['case.opened', 'fields.changed', 'call.moved']));
    expect(stays.timeline.some((e: { kind: string }) => e.kind === 'call')).toBe(false);
    const target = await get(existing.id);
    expect(target.timeline.filter((e: { kind: string }) => e.kind === 'call')).toHaveLength(2);
    expect((await post('/api/calls/CA00000000000000000000000000000000/link', { caseId: existing.id })).status).toBe(404);
  });
});

describe('merging people', () => {
  it('when the same person was recorded twice, then one remains in every case, keeping both names and documents', async () => {
    const a = await openCase('+50432000010');
    const b = await openCase('+50432000011');
    const pa = (await (await patch(a.id, { affected: { fullName: 'José Ángel Cruz', dni: '0501199001234' } })).json()).affected;
    const pb = (await (await patch(b.id, { affected: { fullName: 'Jose A. Cruz', passport: 'F987654', birthDate: '1990-01-05' } })).json()).affected;

    const found = await (await t.api('/api/people?name=cruz', { cookie: agent })).json();
    expect(found.people.map((p: { id: string }) => p.id)).toEqual(expect.arrayContaining([pa.id, pb.id]));

    const res = await post(`/api/people/${pb.id}/merge`, { intoPersonId: pa.id });
    expect(res.status).toBe(200);
    const person = (await res.json()).person;
    expect(person).toMatchObject({ fullName: 'José Ángel Cruz', dni: '0501199001234', passport: 'F987654', birthDate: '1990-01-05', aliases: ['Jose A. Cruz'] });
    expect((await get(b.id)).case.affected.id).toBe(pa.id);
    expect((await get(b.id)).timeline.some((e: { kind: string }) => e.kind === 'person.merged')).toBe(true);
    expect((await post(`/api/people/${pb.id}/merge`, { intoPersonId: pa.id })).status).toBe(409);
    // Searching by the merged-away name still finds the case, through the alias.
    const byAlias = await (await t.api('/api/cases?name=jose%20a.%20cruz', { cookie: agent })).json();
    expect(byAlias.cases.map((c: { id: string }) => c.id)).toEqual(expect.arrayContaining([a.id, b.id]));
  });
});
