import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../auth/index.js';
import { dayIn } from '../../shared/clock.js';
import { generateCases } from '../../testing/case-generator.js';
import { startTestHotline, type TestHotline } from '../../testing/harness.js';
import { nameJoints } from './case-search.repository.js';

let t: TestHotline;
let agent: string;
let needle: { id: string; number: string; officeId: string };

beforeAll(async () => {
  t = await startTestHotline();
  agent = await t.login();
  // Haystack: thousands of generated cases with the same names, numbers and categories as real ones.
  await generateCases(t.sql, 3000);
  const call = await t.call({ from: '+50433000001', answers: [{ digits: '0' }], hangupAfterMs: 0 });
  const id = (await t.sql.query('SELECT case_id FROM calls WHERE call_sid = $1', [call.callSid])).rows[0].case_id as string;
  const officeId = (await t.sql.query('SELECT id FROM offices ORDER BY id LIMIT 1')).rows[0].id as string;
  const res = await t.api(`/api/cases/${id}`, {
    method: 'PATCH',
    cookie: agent,
    body: JSON.stringify({
      version: 0, status: 'in_progress', category: 'DOCUMENTOS', officeId, relationship: 'sibling',
      affected: { fullName: 'Wendy Zúñiga Ordóñez', dni: '0801-1999-12345', passport: 'G445566' },
      requester: { fullName: 'Marvin Zúñiga', phone: '+1 (713) 555-0123' },
    }),
  });
  expect(res.status).toBe(200);
  needle = { id, number: (await res.json()).number, officeId };
}, 120_000);
afterAll(async () => t?.close());

const search = async (query: string, cookie = agent) => {
  const res = await t.api(`/api/cases?${query}`, { cookie });
  return { status: res.status, body: await res.json() };
};
const ids = (body: { cases: { id: string }[] }) => body.cases.map((c) => c.id);

describe('searching cases', () => {
  it.each([
    ['case number', () => `q=${needle.number}`],
    ['case number digits', () => `q=${Number(needle.number.split('-')[2])}`],
    ['number key', () => `number=${needle.number.toLowerCase()}`],
    ['phone as typed with its country code', () => 'phone=%2B504%203300-0001'],
    ['phone ending without a country code', () => 'phone=3300-0001'],
    ['phone of the requester, US format', () => `q=${encodeURIComponent('(713) 555-0123')}`],
    ['name without accents, partial', () => 'q=zuniga%20ord'],
    ['name in capitals with accents', () => `name=${encodeURIComponent('ZÚÑIGA')}`],
    ['DNI with dashes', () => 'q=0801-1999-12345'],
    ['passport', () => 'document=g445566'],
    ['category and status', () => 'category=DOCUMENTOS&status=in_progress,waiting_caller&limit=100'],
    ['office', () => `office=${needle.officeId}&status=in_progress&limit=100`],
    ['date range in the hotline days', () => { const today = dayIn(new Date(), 'America/Tegucigalpa'); return `from=${today}&to=${today}&category=DOCUMENTOS`; }],
  ])('when searching by %s, then the case is found', async (_key, query) => {
    const { status, body } = await search(query());
    expect(status).toBe(200);
    expect(ids(body)).toContain(needle.id);
    expect(body.cases.find((c: { id: string }) => c.id === needle.id).displayName).toBe('Wendy Zúñiga Ordóñez');
  });

  it('when cases are generated in bulk, then their search names are what the triggers would have written', async () => {
    expect((await t.sql.query('SELECT count(*)::int AS n FROM cases WHERE search_names IS DISTINCT FROM case_search_names(id)')).rows[0].n).toBe(0);
    expect((await t.sql.query(`SELECT search_names FROM cases WHERE id = $1`, [needle.id])).rows[0].search_names).toBe('marvin zuniga | wendy zuniga ordonez');
  });

  it('when a name of several words is searched, then the cases found are exactly those whose names contain it', async () => {
    const names = (await t.sql.query(`SELECT search_name FROM people WHERE search_name LIKE '% % %' ORDER BY search_name LIMIT 3`)).rows.map((r) => r.search_name as string);
    const queries = ['wendy zuniga ordonez', 'ndy zuniga ord', 'y zuniga o', 'dy zuniga ordonez', 'zuniga ordonez', 'marvin zuniga', 'vin zun', 'zuniga wendy', 'zuniga marvin'];
    for (const n of names) {
      const w = n.split(' ');
      queries.push(n, w.slice(0, 2).join(' '), w.slice(1).join(' '), `${(w[0] as string).slice(1)} ${w.slice(1).join(' ')}`, `${w.slice(0, -1).join(' ')} ${(w.at(-1) as string).slice(0, 2)}`);
    }
    for (const q of queries) {
      const { status, body } = await search(`name=${encodeURIComponent(q)}&limit=100`);
      expect(status).toBe(200);
      const expected = (await t.sql.query(
        `SELECT id FROM cases WHERE search_names LIKE $1 AND non_data IS NULL AND merged_into IS NULL ORDER BY created_at DESC, id DESC LIMIT 100`, [`%${q}%`],
      )).rows.map((r) => r.id);
      expect(ids(body), q).toEqual(expected);
    }
    expect((await search('name=zuniga%20wendy')).body.cases).toEqual([]);
  });

  it('when a search names the middle of a text, then its joints are among those the index holds for the text', async () => {
    const texts = ['marvin zuniga | wendy zuniga ordonez', 'ana de la paz | jo x mejia', 'maria jose lopez hernandez', 'o y a | b c de f', 'wilmer ab abcd abcdef | abcdefg'];
    for (const text of texts) {
      const held = new Set((await t.sql.query('SELECT name_joints($1) AS j', [text])).rows[0].j as string[]);
      // Every piece of the text a search could be, from any character to any later one, without the separator.
      for (let i = 0; i < text.length; i++) {
        for (let j = i + 1; j <= text.length; j++) {
          const q = text.slice(i, j);
          if (q.includes('|') || q !== q.trim()) continue;
          for (const joint of nameJoints(q)) expect(held.has(joint), `${q} in ${text}: ${joint}`).toBe(true);
        }
      }
    }
    expect(nameJoints('oscar reyes rodriguez')).toEqual(['oscar reyes', 'reyes rodri']);
    expect(nameJoints('car reyes rod')).toEqual(['car reyes', 'reyes rod']);
    expect(nameJoints('ana maradiaga')).toEqual(['ana marad']);
    expect(nameJoints('ar de ro')).toEqual([]);
    expect(nameJoints('mar de rod')).toEqual(['mar de', 'de rod']);
    expect(nameJoints('lopez')).toEqual([]);
  });

  it('when filtering, then every result matches every filter, newest first', async () => {
    const { body } = await search('category=DOCUMENTOS&status=closed&limit=100');
    expect(body.cases.length).toBeGreaterThan(10);
    for (const c of body.cases) expect(c).toMatchObject({ category: 'DOCUMENTOS', status: 'closed' });
    const times = body.cases.map((c: { createdAt: string }) => c.createdAt);
    expect([...times].sort().reverse()).toEqual(times);
    const { body: byName } = await search('name=lopez&limit=100');
    const expected = (await t.sql.query(`SELECT count(DISTINCT cp.case_id)::int AS n FROM case_people cp JOIN people p ON p.id = cp.person_id WHERE p.search_name LIKE '%lopez%'`)).rows[0].n;
    expect(byName.cases.length).toBe(Math.min(100, expected));
  });

  it('when results span pages, then following the cursor gives each case once, in order, and all of them', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const { body }: { body: { cases: { id: string }[]; nextCursor: string | null } } = await search(`category=FRAUDE&limit=40${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...ids(body));
      cursor = body.nextCursor;
    } while (cursor);
    const expected = (await t.sql.query(`SELECT id FROM cases WHERE category = 'FRAUDE' AND non_data IS NULL AND merged_into IS NULL ORDER BY created_at DESC, id DESC`)).rows.map((r) => r.id);
    expect(expected.length).toBeGreaterThan(40);
    expect(seen).toEqual(expected);
  });

  it('when the console asks for offices to filter by, then every seeded office is listed by country', async () => {
    const { offices } = await (await t.api('/api/offices', { cookie: agent })).json();
    const count = (await t.sql.query('SELECT count(*)::int AS n FROM offices')).rows[0].n;
    expect(offices).toHaveLength(count);
    expect(offices.find((o: { id: string }) => o.id === needle.officeId)).toMatchObject({ name: expect.any(String), country: expect.stringMatching(/^[A-Z]{2}$/) });
    expect((await t.api('/api/offices')).status).toBe(401);
  });

  it('when nothing matches, then the answer is an empty list', async () => {
    expect((await search('q=Xochiquetzal')).body).toEqual({ cases: [], nextCursor: null });
    expect((await search('phone=%2B50499999999')).body.cases).toEqual([]);
  });

  it.each([
    ['a two-letter name', 'name=lo'],
    ['a short phone', 'phone=1234'],
    ['an impossible date', 'from=2026-02-30'],
    ['an upside-down range', 'from=2026-05-02&to=2026-05-01'],
    ['an unknown status', 'status=lost'],
    ['a forged cursor', 'category=FRAUDE&cursor=bm90LWEtY3Vyc29y'],
    ['an unknown key', 'colour=red'],
  ])('when the search has %s, then it is refused with a clear message', async (_what, query) => {
    const { status, body } = await search(query);
    expect(status).toBe(422);
    expect(body.error).toMatchObject({ code: 'validation_failed', message: expect.any(String) });
  });

  it('when a search is refused, then the field is named and the reason is in the agent language', async () => {
    const es = await t.api('/api/cases?name=lo', { cookie: agent, headers: { 'accept-language': 'es' } });
    expect((await es.json()).error.fields).toEqual([{ path: 'name', problem: 'not_allowed', message: 'escriba al menos 3 letras' }]);
    const en = await t.api('/api/cases?phone=1234', { cookie: agent, headers: { 'accept-language': 'en-US' } });
    expect((await en.json()).error.message).toBe('phone: give at least 7 digits, or the number with its country code');
  });

  it('when an admin searches by personal data, then it is refused, while category searches work without names', async () => {
    const admin = await t.login(DEMO_USERS[0].email, DEMO_USERS[0].password);
    expect((await search('q=zuniga', admin)).status).toBe(403);
    expect((await search('phone=33000001', admin)).status).toBe(403);
    const { status, body } = await search('category=DOCUMENTOS&status=in_progress&limit=100', admin);
    expect(status).toBe(200);
    const found = body.cases.find((c: { id: string }) => c.id === needle.id);
    expect(found.displayName).toBeNull();
  });
});
