import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../auth/index.js';
import { eventually, startTestHotline, type TestHotline } from '../../testing/harness.js';

let t: TestHotline;
let agent: string;
let supervisor: string;

beforeAll(async () => {
  t = await startTestHotline();
  agent = await t.login();
  supervisor = await t.login(DEMO_USERS[1].email, DEMO_USERS[1].password);
});
afterAll(async () => t?.close());

/** A caller presses 0 and hangs up: the case the console then works on. */
async function openCase(from: string): Promise<{ id: string; callSid: string }> {
  const call = await t.call({ from, answers: [{ digits: '0' }], hangupAfterMs: 0 });
  const { rows } = await t.sql.query('SELECT case_id FROM calls WHERE call_sid = $1', [call.callSid]);
  return { id: rows[0].case_id, callSid: call.callSid };
}

const get = async (id: string, cookie = agent) => (await t.api(`/api/cases/${id}`, { cookie })).json();
const patch = (id: string, body: unknown, opts: { cookie?: string; lang?: string } = {}) =>
  t.api(`/api/cases/${id}`, { method: 'PATCH', cookie: opts.cookie ?? agent, body: JSON.stringify(body), headers: { 'accept-language': opts.lang ?? 'es' } });

describe('editing a case', () => {
  it('when an agent fills in the requester, the person and the situation, then the case holds them, normalised', async () => {
    const { id } = await openCase('+50431000001');
    const res = await patch(id, {
      version: 0,
      relationship: 'parent',
      requester: { fullName: 'Dunia Suyapa Mejía', dni: '0801-1975-01234', phone: '+504 9999-8888', language: 'es' },
      affected: {
        fullName: 'Kevin Mejía', aliases: ['El Flaco'], sex: 'M', birthDate: '2009-03-14', passport: 'e 123 4567',
        originDepartment: 'HN-CR', originMunicipality: 'Choloma', language: 'garifuna', interpreterNeeded: true,
      },
      consent: { consulate: true, hostAuthorities: false },
      situation: { country: 'US', state: 'TX', city: 'El Paso', facilityType: 'CBP', facilityName: 'Clint station', aNumber: '123-456-789', detainedOn: '2026-11-20' },
      category: 'DETENCION', subcategory: 'immigration', narrative: 'Lo detuvieron al cruzar.', request: 'Visita consular', requestTypes: ['visit'],
    });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({
      version: 1, relationship: 'parent', category: 'DETENCION', displayName: 'Kevin Mejía',
      requester: { fullName: 'Dunia Suyapa Mejía', dni: '0801197501234', phone: '+50499998888' },
      affected: { passport: 'E1234567', birthDate: '2009-03-14', interpreterNeeded: true, aliases: ['El Flaco'] },
      consent: { consulate: true, hostAuthorities: false, recordedBy: expect.any(String), recordedByName: DEMO_USERS[2].name, recordedAt: expect.any(String) },
      situation: { aNumber: 'A123456789', country: 'US', facilityType: 'CBP' },
    });
    const detail = await get(id);
    const changed = detail.timeline.find((e: { kind: string }) => e.kind === 'fields.changed');
    expect(changed.actorName).toBe(DEMO_USERS[2].name);
    // Values travel for what is not personal; names of people stay out of the timeline.
    expect(changed.data.changes).toEqual(expect.arrayContaining([{ field: 'category', from: 'SIN_CLASIFICAR', to: 'DETENCION' }, { field: 'affected.fullName' }]));
    expect(JSON.stringify(changed)).not.toContain('Kevin');
  });

  it('when the requester is the affected person, then both are one person and edits reach both', async () => {
    const { id } = await openCase('+50431000002');
    const res = await patch(id, { version: 0, relationship: 'self', requester: { fullName: 'Iris Cáceres', phone: '+1 713 555 0101' } });
    const body = await res.json();
    expect(body.requester.id).toBe(body.affected.id);
    expect(body.affected).toMatchObject({ fullName: 'Iris Cáceres', phone: '+17135550101' });
    // Someone else is calling for her after all: the requester is no longer her.
    const other = await (await patch(id, { version: body.version, relationship: 'sibling' })).json();
    expect(other).toMatchObject({ relationship: 'sibling', requester: null, affected: { fullName: 'Iris Cáceres' } });
  });

  it('when fields are wrong, then each is named with a message in the agent language and nothing is written', async () => {
    const { id } = await openCase('+50431000003');
    const peopleBefore = (await t.sql.query('SELECT count(*)::int AS n FROM people')).rows[0].n;
    const wrong = {
      version: 0,
      requester: { dni: '0801-1975-0123', phone: '99998888' },
      affected: { birthDate: '2025-02-30', sex: 'Q' },
      situation: { detainedOn: '2099-01-01', aNumber: 'A12' },
      surprise: true,
    };
    const es = await patch(id, wrong, { lang: 'es-HN,es;q=0.9' });
    expect(es.status).toBe(422);
    const esBody = await es.json();
    expect(esBody.error.code).toBe('validation_failed');
    const byPath = Object.fromEntries(esBody.error.fields.map((f: { path: string; message: string }) => [f.path, f.message]));
    expect(byPath).toMatchObject({
      'requester.dni': 'El DNI tiene 13 dígitos, sin letras.',
      'requester.phone': 'Incluya el código de país (+504, +1, +52…).',
      'affected.birthDate': 'Fecha no válida: use AAAA-MM-DD con un día que exista.',
      'affected.sex': 'Ese valor no está entre las opciones.',
      'situation.detainedOn': 'La fecha no puede ser futura.',
      'situation.aNumber': 'El A-Number tiene 8 o 9 dígitos (A123456789).',
    });
    expect(Object.keys(byPath)).toContain('surprise');

    const en = await (await patch(id, wrong, { lang: 'en-US' })).json();
    const enByPath = Object.fromEntries(en.error.fields.map((f: { path: string; message: string }) => [f.path, f.message]));
    expect(enByPath['requester.dni']).toBe('The DNI has 13 digits, no letters.');
    expect(enByPath['affected.birthDate']).toBe('Invalid date: use YYYY-MM-DD with a day that exists.');

    expect((await get(id)).case).toMatchObject({ version: 0, requester: null, affected: null });
    expect((await t.sql.query('SELECT count(*)::int AS n FROM people')).rows[0].n).toBe(peopleBefore);
  });

  it('when a category field does not belong to the category, then it is refused', async () => {
    const { id } = await openCase('+50431000004');
    const res = await patch(id, { version: 0, category: 'DOCUMENTOS', categoryFields: { funeralHome: 'X' } });
    expect(res.status).toBe(422);
    expect((await res.json()).error.fields[0]).toMatchObject({ path: 'categoryFields.funeralHome', problem: 'not_allowed' });
    const ok = await patch(id, { version: 0, category: 'FALLECIMIENTO', categoryFields: { funeralHome: 'Funeraria La Paz', familyMeans: 'no' } });
    expect(ok.status).toBe(200);
    expect((await ok.json()).categoryFields).toEqual({ funeralHome: 'Funeraria La Paz', familyMeans: 'no' });
  });

  it('when two agents edit the same version, then the second is told to reload instead of overwriting', async () => {
    const { id } = await openCase('+50431000005');
    expect((await patch(id, { version: 0, narrative: 'primera' })).status).toBe(200);
    const second = await patch(id, { version: 0, narrative: 'segunda' }, { cookie: supervisor });
    expect(second.status).toBe(409);
    expect((await second.json()).error.code).toBe('stale_version');
    expect((await get(id)).case.narrative).toBe('primera');
  });

  it('when vulnerability flags are added, then the priority rises one level with its reason', async () => {
    const { id } = await openCase('+50431000006');
    const before = (await get(id)).case;
    const after = await (await patch(id, { version: before.version, affected: { vulnerabilities: ['pregnant'] } })).json();
    expect(after.priority).toBe(Math.max(1, before.priority - 1));
    expect(after.vulnerable).toBe(true);
  });
});

describe('the status workflow', () => {
  it('when an agent moves a case through its statuses, then allowed steps pass, others are refused, and reopening a closed case is for supervisors', async () => {
    const { id } = await openCase('+50431000010');
    const step = async (status: string, cookie = agent) => {
      const version = (await get(id)).case.version;
      return patch(id, { version, status }, { cookie });
    };
    expect((await step('in_progress')).status).toBe(200);
    expect((await step('waiting_caller')).status).toBe(200);
    expect((await step('escalated')).status).toBe(409);
    expect((await step('resolved')).status).toBe(200);
    expect((await step('new')).status).toBe(409);
    expect((await step('closed')).status).toBe(200);
    const refused = await step('in_progress');
    expect(refused.status).toBe(403);
    expect((await refused.json()).error.message).toMatch(/supervisor/);
    expect((await step('in_progress', supervisor)).status).toBe(200);
    const admin = await t.login(DEMO_USERS[0].email, DEMO_USERS[0].password);
    expect((await step('resolved', admin)).status).toBe(403);

    const detail = await get(id);
    const moves = detail.timeline.filter((e: { kind: string }) => e.kind === 'status.changed').map((e: { data: { from: string; to: string } }) => `${e.data.from}>${e.data.to}`);
    expect(moves).toEqual(['new>in_progress', 'in_progress>waiting_caller', 'waiting_caller>resolved', 'resolved>closed', 'closed>in_progress']);
    expect(detail.case.closedAt).toBeNull();
  });

  it('when a contact is silent, then it is recorded as non-data and leaves the open cases', async () => {
    const { id } = await openCase('+50431000011');
    const res = await t.api(`/api/cases/${id}/non-data`, { method: 'POST', cookie: agent, body: JSON.stringify({ reason: 'silent' }) });
    expect(res.status).toBe(200);
    const open = (await (await t.api('/api/cases', { cookie: agent })).json()).cases.map((c: { id: string }) => c.id);
    expect(open).not.toContain(id);
    expect((await get(id)).case).toMatchObject({ nonData: 'silent', status: 'closed' });
    expect((await patch(id, { version: 1, narrative: 'x' })).status).toBe(409);
    const bad = await t.api(`/api/cases/${id}/non-data`, { method: 'POST', cookie: agent, body: JSON.stringify({ reason: 'boring' }) });
    expect(bad.status).toBe(422);
  });

  it('when an agent adds a note, then it is in the timeline with who wrote it', async () => {
    const { id } = await openCase('+50431000012');
    expect((await t.api(`/api/cases/${id}/notes`, { method: 'POST', cookie: agent, body: JSON.stringify({ text: 'Llamará mañana.' }) })).status).toBe(201);
    expect((await t.api(`/api/cases/${id}/notes`, { method: 'POST', cookie: agent, body: JSON.stringify({ text: '   ' }) })).status).toBe(422);
    const note = (await get(id)).timeline.find((e: { kind: string }) => e.kind === 'note.added');
    expect(note).toMatchObject({ actorName: DEMO_USERS[2].name, data: { text: 'Llamará mañana.' } });
  });
});

describe('texts to the caller', () => {
  const smsJob = (jobId: string) =>
    eventually(async () => {
      const job = await t.hotline.rt.queues.raw('sms').getJob(jobId);
      return job?.finishedOn ? job : undefined;
    }, 10_000);

  it('when a case opens, then the caller gets its number by SMS in their language, sent through the Messages API', async () => {
    const { id } = await openCase('+50431000020');
    const number = (await get(id)).case.number;
    const job = await smsJob(`case-opened-${id}`);
    expect(job.data).toMatchObject({ to: '+50431000020', caseId: id, purpose: 'case-opened' });
    expect(job.data.body).toContain(number);
    // Prism answered with a message sid only because the request matched Twilio's own description.
    expect(job.returnvalue).toMatchObject({ sid: expect.stringMatching(/^SM/) });
    const timeline = await eventually(async () => {
      const d = await get(id);
      return d.timeline.some((e: { kind: string }) => e.kind === 'sms.sent') ? d.timeline : undefined;
    });
    expect(timeline.find((e: { kind: string }) => e.kind === 'sms.sent').data).toMatchObject({ purpose: 'case-opened' });
  });

  it('when the agent changes the status and chooses to notify, then the caller gets the status template filled in', async () => {
    const { id } = await openCase('+50431000021');
    const version = (await get(id)).case.version;
    expect((await patch(id, { version, status: 'in_progress', notifyCaller: true, requester: { phone: '+17135550199' } })).status).toBe(200);
    const job = await smsJob(`case-status-${id}-v${version + 1}`);
    expect(job.data.to).toBe('+17135550199');
    expect(job.data.body).toMatch(/ahora está: en atención\.$/);
    expect(job.returnvalue).toMatchObject({ sid: expect.stringMatching(/^SM/) });
  });

  it('when supervisors edit the templates, then a template without the case number is refused and a good one is used', async () => {
    const put = (value: unknown) => t.api('/api/settings/sms', { method: 'PUT', cookie: supervisor, body: JSON.stringify({ value }) });
    const settings = (await (await t.api('/api/settings', { cookie: supervisor })).json()).settings.sms;
    const broken = structuredClone(settings);
    broken.templates.caseOpened.es = 'Sin número';
    expect((await put(broken)).status).toBe(422);
    const better = structuredClone(settings);
    better.templates.caseOpened.es = 'ALHO Voz. Caso {caseNumber}.';
    expect((await put(better)).status).toBe(200);
    const { id } = await openCase('+50431000022');
    const number = (await get(id)).case.number;
    expect((await smsJob(`case-opened-${id}`)).data.body).toBe(`ALHO Voz. Caso ${number}.`);
  });
});
