import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EscalationDto } from '../../contracts/escalation.js';
import { DEMO_USERS } from '../auth/index.js';
import { eventually, startTestHotline, type TestHotline } from '../../testing/harness.js';

let t: TestHotline;
let agent: string;
let supervisor: string;
let admin: string;
let offsetMs = 0;
const clock = { now: () => new Date(Date.now() + offsetMs) };

// A real SMTP server on localhost, and a webhook receiver the test controls.
const mails: string[] = [];
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  onData(stream, _session, done) {
    let data = '';
    stream.on('data', (c: Buffer) => (data += c.toString()));
    stream.on('end', () => (mails.push(data), done()));
  },
});
let receiverStatus = 200;
const received: { headers: IncomingMessage['headers']; body: string }[] = [];
let receiver: Server;
let receiverUrl: string;

beforeAll(async () => {
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.writeHead(receiverStatus).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/alho`;
  t = await startTestHotline(
    { SMTP_URL: `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`, ESCALATION_RETRY_BASE_MS: '50', ESCALATION_DELIVERY_ATTEMPTS: '3' },
    { clock },
  );
  agent = await t.login();
  supervisor = await t.login(DEMO_USERS[1].email, DEMO_USERS[1].password);
  admin = await t.login(DEMO_USERS[0].email, DEMO_USERS[0].password);
});
afterAll(async () => {
  await t?.close();
  await new Promise((r) => receiver?.close(r));
  await new Promise<void>((r) => smtp.close(() => r()));
});

const json = (method: string, body?: unknown) => ({ method, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
const api = async (path: string, cookie: string, init: RequestInit = {}) => {
  const res = await t.api(path, { ...init, cookie });
  return { status: res.status, body: await res.json().catch(() => null) };
};

async function consulateUser(officeId: string, email: string): Promise<string> {
  const created = await api('/api/users', admin, json('POST', { email, name: `Cónsul ${officeId}`, role: 'consulate', officeId, password: 'Consulado-2026-largo' }));
  expect(created.status).toBe(201);
  return t.login(email, 'Consulado-2026-largo');
}

const socketFor = async (cookie: string) => (await t.socket(cookie)).seen;

/** A detention in Texas with everything the office needs, and consent unless told otherwise. */
async function detentionCase(from: string, opts: { consent?: boolean; priority?: 1 | 2 | 3 } = {}): Promise<string> {
  const call = await t.call({ from, answers: [{ digits: '0' }], hangupAfterMs: 0 });
  const id = (await t.sql.query('SELECT case_id FROM calls WHERE call_sid = $1', [call.callSid])).rows[0].case_id as string;
  const res = await api(`/api/cases/${id}`, agent, json('PATCH', {
    version: 0, category: 'DETENCION', priority: opts.priority ?? 2, relationship: 'parent',
    requester: { fullName: 'Glenda Osorto', phone: '+50499112233' },
    affected: { fullName: 'Brayan Osorto', birthDate: '2001-04-02', dni: '0801200101234' },
    consent: { consulate: opts.consent ?? true, hostAuthorities: false },
    situation: { country: 'US', state: 'TX', city: 'Pearsall', facilityType: 'ICE', facilityName: 'South Texas ICE Processing Center', aNumber: 'A201234567' },
    narrative: 'Detenido desde el lunes; la familia no sabe de audiencia.', request: 'Visita consular', requestTypes: ['visit'],
  }));
  expect(res.status).toBe(200);
  return id;
}

const setOffice = (id: string, patch: Record<string, unknown>) => api(`/api/offices/${id}`, admin, json('PUT', patch));

describe('preparing an escalation', () => {
  it('when the agent reviews a complete detention case in Texas, then the protection centre is suggested with why, and nothing is missing', async () => {
    const id = await detentionCase('+50435000001');
    const { status, body } = await api(`/api/cases/${id}/escalation-preview`, agent);
    expect(status).toBe(200);
    expect(body.suggestion).toMatchObject({ officeId: 'us-houston-ccpmh', reason: 'jurisdiction', explanation: expect.stringContaining('Texas') });
    expect(body.missing).toEqual([]);
    expect(body.packet.header).toMatchObject({ category: 'DETENCION', officeReason: 'jurisdiction', agentName: DEMO_USERS[2].name });
    expect(body.packet.affected).toMatchObject({ fullName: 'Brayan Osorto', dni: '0801200101234' });
    expect(body.packet.location).toMatchObject({ facilityName: 'South Texas ICE Processing Center', aNumber: 'A201234567' });
    expect(body.packet.withheld).toContain('immigration status may not be shared with host authorities');
  });

  it('when the case lacks what its category needs, then the missing fields are named and sending waits for them or for the agent to insist', async () => {
    const call = await t.call({ from: '+50435000002', answers: [{ digits: '0' }], hangupAfterMs: 0 });
    const id = (await t.sql.query('SELECT case_id FROM calls WHERE call_sid = $1', [call.callSid])).rows[0].case_id;
    await api(`/api/cases/${id}`, agent, json('PATCH', { version: 0, category: 'DESAPARECIDO', consent: { consulate: true, hostAuthorities: false }, situation: { country: 'MX', state: 'Chiapas' } }));
    const preview = await api(`/api/cases/${id}/escalation-preview`, agent);
    expect(preview.body.suggestion.officeId).toBe('mx-tapachula');
    expect(preview.body.missing).toEqual(['affected.fullName', 'narrative.narrative', 'categoryFields.lastPlace', 'categoryFields.lastContactOn']);
    const refused = await api(`/api/cases/${id}/escalations`, agent, json('POST', { officeId: 'mx-tapachula' }));
    expect(refused.status).toBe(422);
    expect(refused.body.error.fields.map((f: { path: string }) => f.path)).toContain('categoryFields.lastPlace');
    expect(await t.sql.query('SELECT 1 FROM escalations WHERE case_id = $1', [id])).toMatchObject({ rowCount: 0 });
    const sent = await api(`/api/cases/${id}/escalations`, agent, json('POST', { officeId: 'mx-tapachula', sendIncomplete: true }));
    expect(sent.status).toBe(201);
    expect((await api(`/api/cases/${id}/escalations`, agent, json('POST', { officeId: 'mx-tapachula', sendIncomplete: true }))).status).toBe(409);
  });

  it('when there is no consent to share with the consulate, then no personal data goes: only what kind of case and where', async () => {
    const id = await detentionCase('+50435000003', { consent: false });
    const { body } = await api(`/api/cases/${id}/escalation-preview?officeId=us-houston`, agent);
    expect(body.packet).toMatchObject({ requester: null, affected: null, narrative: { narrative: null, request: null }, categoryFields: {}, actionsSoFar: [] });
    expect(body.packet.location).toMatchObject({ country: 'US', state: 'TX', facilityType: 'ICE', facilityName: null, aNumber: null });
    expect(body.packet.header.officeReason).toBe('agent');
    expect(JSON.stringify(body.packet)).not.toMatch(/Osorto|0801200101234|A201234567|99112233/);
  });
});

describe('the loop with the consulate', () => {
  it('when the agent escalates, then only that office sees it, acknowledges, acts, asks, and closes, and the case follows live', async () => {
    const houston = await consulateUser('us-houston-ccpmh', 'ccpmh@alhovoz.test');
    const miami = await consulateUser('us-miami', 'miami@alhovoz.test');
    const houstonSeen = await socketFor(houston);
    const miamiSeen = await socketFor(miami);
    const agentSeen = await socketFor(agent);
    const id = await detentionCase('+50435000010');

    const sent = await api(`/api/cases/${id}/escalations`, agent, json('POST', { officeId: 'us-houston-ccpmh' }));
    expect(sent.status).toBe(201);
    const esc: EscalationDto = sent.body;
    expect(esc).toMatchObject({ status: 'sent', officeId: 'us-houston-ccpmh', priority: 2, breaches: [] });
    expect((await api(`/api/cases/${id}`, agent)).body.case.status).toBe('escalated');
    await eventually(async () => houstonSeen.find((s) => s.event === 'escalation.created' && (s.data as EscalationDto).id === esc.id));

    // The office's inbox: its own escalations and the packet, never the case.
    expect((await api('/api/escalations', houston)).body.escalations.map((e: EscalationDto) => e.id)).toContain(esc.id);
    const detail = await api(`/api/escalations/${esc.id}`, houston);
    expect(detail.body.packet.affected.fullName).toBe('Brayan Osorto');
    expect(detail.body).not.toHaveProperty('timeline');
    expect((await api(`/api/cases/${id}`, houston)).status).toBe(403);
    expect((await api('/api/cases?q=osorto', houston)).status).toBe(403);
    // Another office: nothing, not even that it exists.
    expect((await api('/api/escalations', miami)).body.escalations).toEqual([]);
    expect((await api(`/api/escalations/${esc.id}`, miami)).status).toBe(404);
    expect((await api(`/api/escalations/${esc.id}/ack`, miami, json('POST', {}))).status).toBe(404);
    expect((await api(`/api/escalations?office=us-houston-ccpmh`, miami)).body.escalations).toEqual([]);
    // The hotline cannot act for the office, nor the office answer for the hotline.
    expect((await api(`/api/escalations/${esc.id}/ack`, agent, json('POST', {}))).status).toBe(403);
    expect((await api(`/api/escalations/${esc.id}/info`, houston, json('POST', { text: 'x' }))).status).toBe(403);

    expect((await api(`/api/escalations/${esc.id}/ack`, houston, json('POST', {}))).body.status).toBe('acknowledged');
    expect((await api(`/api/escalations/${esc.id}/ack`, houston, json('POST', {}))).status).toBe(409);
    expect((await api(`/api/escalations/${esc.id}/actions`, houston, json('POST', { text: 'Visita programada para el jueves.' }))).body.status).toBe('in_progress');
    expect((await api(`/api/escalations/${esc.id}/info-requests`, houston, json('POST', { text: '¿Tiene abogado?' }))).body.status).toBe('info_requested');
    expect((await api(`/api/escalations/${esc.id}/info`, agent, json('POST', { text: 'No tiene abogado.' }))).body.status).toBe('in_progress');
    const closed = await api(`/api/escalations/${esc.id}/close`, houston, json('POST', { outcome: 'visit_done', note: 'Visitado; bien de salud.' }));
    expect(closed.body).toMatchObject({ status: 'closed', outcome: 'visit_done' });
    expect((await api(`/api/escalations/${esc.id}/notes`, houston, json('POST', { text: 'tarde' }))).status).toBe(409);
    expect((await api(`/api/escalations/${esc.id}/close`, houston, json('POST', { outcome: 'magic' }))).status).toBe(422);

    const timeline = (await api(`/api/cases/${id}`, agent)).body.timeline.map((e: { kind: string }) => e.kind);
    expect(timeline).toEqual(expect.arrayContaining(['escalation.sent', 'escalation.acknowledged', 'escalation.action', 'escalation.info_requested', 'escalation.info_provided', 'escalation.closed']));
    await eventually(async () => agentSeen.find((s) => s.event === 'escalation.updated' && (s.data as EscalationDto).status === 'closed'));
    expect(agentSeen.some((s) => s.event === 'case.updated' && (s.data as { id: string }).id === id)).toBe(true);
    // Consulates never receive case events, and other offices never this escalation.
    expect(houstonSeen.some((s) => s.event.startsWith('case.'))).toBe(false);
    expect(miamiSeen.some((s) => JSON.stringify(s.data).includes(esc.id))).toBe(false);

    // The agent chooses to tell the caller; the text goes through the Messages API (Prism).
    expect((await api(`/api/escalations/${esc.id}/notify-caller`, agent, json('POST', {}))).status).toBe(200);
    const job = await eventually(async () => {
      const jobs = await t.hotline.rt.queues.raw('sms').getJobs(['completed']);
      return jobs.find((j) => j.data.purpose === 'escalation:closed' && j.data.caseId === id);
    });
    expect(job.data).toMatchObject({ to: '+50499112233' });
    expect(job.returnvalue.sid).toMatch(/^SM/);
  });
});

describe('delivery to the office', () => {
  const secretOf = async (officeId: string) => (await api(`/api/offices/${officeId}/webhook-secret`, admin)).body.secret as string;
  /** The receiver's side, written from the documented algorithm, not from our code. */
  const verify = (secret: string, headers: IncomingMessage['headers'], body: string) => {
    const timestamp = String(headers['x-alhovoz-timestamp']);
    const expected = Buffer.from(`v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`);
    const given = Buffer.from(String(headers['x-alhovoz-signature']));
    return given.length === expected.length && timingSafeEqual(given, expected) && Math.abs(Date.now() / 1000 - Number(timestamp)) < 300;
  };

  it('when the office takes webhooks and its receiver fails twice, then the packet arrives signed on the third try', async () => {
    expect((await setOffice('us-dallas', { channels: ['webhook'], webhookUrl: receiverUrl })).status).toBe(200);
    received.length = 0;
    receiverStatus = 500;
    const id = await detentionCase('+50435000020');
    const esc = (await api(`/api/cases/${id}/escalations`, agent, json('POST', { officeId: 'us-dallas' }))).body as EscalationDto;
    await eventually(async () => received.length >= 2);
    receiverStatus = 200;
    const detail = await eventually(async () => {
      const d = (await api(`/api/escalations/${esc.id}`, supervisor)).body;
      return d.deliveries[0]?.status === 'delivered' ? d : undefined;
    });
    expect(detail.deliveries[0]).toMatchObject({ channel: 'webhook', attempts: 3, lastError: null });
    const last = received.at(-1) as (typeof received)[number];
    expect(verify(await secretOf('us-dallas'), last.headers, last.body)).toBe(true);
    expect(verify(await secretOf('us-miami'), last.headers, last.body)).toBe(false);
    expect(verify(await secretOf('us-dallas'), last.headers, last.body.replace('Brayan', 'Bryan'))).toBe(false);
    expect(JSON.parse(last.body)).toMatchObject({ type: 'escalation.packet', escalation: { id: esc.id }, packet: { header: { caseNumber: esc.caseNumber } } });
    // Every retry carries the same delivery id, so the receiver can drop duplicates.
    expect(new Set(received.map((r) => r.headers['x-alhovoz-delivery'])).size).toBe(1);
  });

  it('when the receiver keeps failing, then the delivery is dead-lettered, supervisors are alerted, and a retry sends it once fixed', async () => {
    const supervisorSeen = await socketFor(supervisor);
    receiverStatus = 503;
    const id = await detentionCase('+50435000021');
    const esc = (await api(`/api/cases/${id}/escalations`, agent, json('POST', { officeId: 'us-dallas' }))).body as EscalationDto;
    const dead = await eventually(async () => (await api('/api/escalations/dead-letters', supervisor)).body.deliveries.find((d: { escalationId: string }) => d.escalationId === esc.id));
    expect(dead).toMatchObject({ channel: 'webhook', attempts: 3, lastError: 'webhook answered 503', caseNumber: esc.caseNumber });
    await eventually(async () => supervisorSeen.find((s) => s.event === 'escalation.alert' && (s.data as { kind: string }).kind === 'dead_letter'));
    expect((await api('/api/escalations/dead-letters', agent)).status).toBe(403);

    receiverStatus = 200;
    expect((await api(`/api/escalations/deliveries/${dead.id}/retry`, supervisor, json('POST', {}))).status).toBe(200);
    await eventually(async () => (await api(`/api/escalations/${esc.id}`, supervisor)).body.deliveries[0].status === 'delivered');
    expect((await api(`/api/escalations/deliveries/${dead.id}/retry`, supervisor, json('POST', {}))).status).toBe(409);
  });

  it('when a process stopped between writing a delivery and queueing it, then the sweep queues it and it arrives once', async () => {
    receiverStatus = 200;
    const id = await detentionCase('+50435000024');
    const esc = (await api(`/api/cases/${id}/escalations`, agent, json('POST', { officeId: 'us-dallas' }))).body as EscalationDto;
    await eventually(async () => (await api(`/api/escalations/${esc.id}`, supervisor)).body.deliveries[0]?.status === 'delivered');
    const orphan = crypto.randomUUID();
    await t.sql.query(`INSERT INTO escalation_deliveries (id, escalation_id, channel, purpose, created_at) VALUES ($1, $2, 'webhook', 'note', now() - interval '2 minutes')`, [orphan, esc.id]);
    const before = received.length;
    expect((await t.hotline.rt.escalations.sweep()).deliveries).toBe(1);
    // A second sweep (or a second process sweeping) queues nothing twice.
    await t.hotline.rt.escalations.sweep();
    await eventually(async () => (await api(`/api/escalations/${esc.id}`, supervisor)).body.deliveries.find((d: { id: string }) => d.id === orphan)?.status === 'delivered');
    await new Promise((r) => setTimeout(r, 300));
    expect(received.slice(before).filter((r) => r.headers['x-alhovoz-delivery'] === orphan)).toHaveLength(1);
  });

  it('when the office takes e-mail, then the packet arrives at its address through SMTP', async () => {
    expect((await setOffice('us-atlanta', { channels: ['email'], emailTo: ['proteccion.atlanta@consulado.test'] })).status).toBe(200);
    const id = await detentionCase('+50435000022');
    const esc = (await api(`/api/cases/${id}/escalations`, agent, json('POST', { officeId: 'us-atlanta' }))).body as EscalationDto;
    const mail = await eventually(async () => mails.find((m) => m.includes(esc.caseNumber)));
    expect(mail).toMatch(/^To: proteccion\.atlanta@consulado\.test/m);
    expect(mail).toContain('Nuevo escalamiento para su oficina.');
    expect(mail).toContain('South Texas ICE Processing Center');
  });

  it('when a P1 goes to an office with an alert number, then it is texted through the Messages API without personal data', async () => {
    expect((await setOffice('us-chicago', { channels: ['sms'], smsTo: '+13125550100' })).status).toBe(200);
    const id = await detentionCase('+50435000023', { priority: 1 });
    const esc = (await api(`/api/cases/${id}/escalations`, agent, json('POST', { officeId: 'us-chicago' }))).body as EscalationDto;
    const detail = await eventually(async () => {
      const d = (await api(`/api/escalations/${esc.id}`, supervisor)).body;
      return d.deliveries[0]?.status === 'delivered' ? d : undefined;
    });
    expect(detail.deliveries[0].channel).toBe('sms');
    const job = await eventually(async () => (await t.hotline.rt.queues.raw('escalationDelivery').getJobs(['completed'])).find((j) => j.data.deliveryId === detail.deliveries[0].id));
    expect(job.returnvalue).toBe('delivered');
  });
});

describe('deadlines', () => {
  const promote = async (jobId: string) => {
    const job = await t.hotline.rt.queues.raw('escalationDeadlines').getJob(jobId);
    expect(job, jobId).toBeTruthy();
    await job?.promote();
  };

  it('when a P1 is not acknowledged, then the office is reminded, and at 15 minutes supervisors are alerted live', async () => {
    const supervisorSeen = await socketFor(supervisor);
    const id = await detentionCase('+50435000030', { priority: 1 });
    const esc = (await api(`/api/cases/${id}/escalations`, agent, json('POST', { officeId: 'us-houston' }))).body as EscalationDto;
    expect(new Date(esc.ackDueAt).getTime() - new Date(esc.createdAt).getTime()).toBe(15 * 60_000);

    // Early (the clock has not moved): the job finds nothing due and waits again.
    await promote(`esc-${esc.id}-ack-breach`);
    await eventually(async () => (await t.hotline.rt.queues.raw('escalationDeadlines').getJob(`esc-${esc.id}-ack-breach`))?.returnvalue === 'not_due');
    expect((await api(`/api/escalations/${esc.id}`, supervisor)).body.escalation.breaches).toEqual([]);

    offsetMs = 11 * 60_000;
    await promote(`esc-${esc.id}-ack-remind`);
    await eventually(async () => (await api(`/api/escalations/${esc.id}`, supervisor)).body.events.some((e: { kind: string }) => e.kind === 'ack_reminder'));

    offsetMs = 16 * 60_000;
    const rearmed = (await t.hotline.rt.queues.raw('escalationDeadlines').getDelayed()).find((j) => j.data.escalationId === esc.id && j.data.step === 'breach' && j.data.which === 'ack');
    await rearmed?.promote();
    const alert = await eventually(async () => supervisorSeen.find((s) => s.event === 'escalation.alert' && (s.data as { escalationId: string }).escalationId === esc.id));
    expect(alert.data).toMatchObject({ kind: 'ack_breach', caseNumber: esc.caseNumber });
    expect((await api(`/api/escalations/${esc.id}`, supervisor)).body.escalation.breaches).toEqual(['ack']);
    expect((await api(`/api/escalations?breached=true`, supervisor)).body.escalations.map((e: EscalationDto) => e.id)).toContain(esc.id);
    expect((await api(`/api/cases/${id}`, agent)).body.timeline.map((e: { kind: string }) => e.kind)).toEqual(expect.arrayContaining(['escalation.reminder', 'escalation.breach']));
    offsetMs = 0;
  });

  it('when the office acknowledges in time, then the deadline passes quietly', async () => {
    const houston = await t.login('ccpmh@alhovoz.test', 'Consulado-2026-largo').catch(() => consulateUser('us-houston-ccpmh', 'ccpmh@alhovoz.test'));
    const id = await detentionCase('+50435000031', { priority: 1 });
    const esc = (await api(`/api/cases/${id}/escalations`, agent, json('POST', { officeId: 'us-houston-ccpmh' }))).body as EscalationDto;
    await api(`/api/escalations/${esc.id}/ack`, houston, json('POST', {}));
    offsetMs = 16 * 60_000;
    await promote(`esc-${esc.id}-ack-breach`);
    await eventually(async () => (await t.hotline.rt.queues.raw('escalationDeadlines').getJob(`esc-${esc.id}-ack-breach`))?.returnvalue === 'met');
    expect((await api(`/api/escalations/${esc.id}`, supervisor)).body.escalation.breaches).toEqual([]);
    offsetMs = 0;
  });
});

describe('the office directory', () => {
  it('when an admin edits an office, then the change is validated and audited; others may not edit', async () => {
    expect((await setOffice('us-miami', { channels: ['webhook'] })).status).toBe(422);
    expect((await setOffice('us-miami', { timeZone: 'Mars/Olympus' })).status).toBe(422);
    expect((await setOffice('us-miami', { jurisdiction: ['Florida'] })).status).toBe(422);
    expect((await setOffice('us-miami', { jurisdiction: ['US-FL', 'US-PR'], timeZone: 'America/New_York', hours: 'L-V 8:00-15:00' })).body).toMatchObject({ jurisdiction: ['US-FL', 'US-PR'], timeZone: 'America/New_York' });
    expect((await api('/api/offices/us-miami', supervisor, json('PUT', { hours: 'x' }))).status).toBe(403);
    const audit = (await api('/api/offices/us-miami/audit', admin)).body.entries;
    expect(audit[0]).toMatchObject({ actorName: DEMO_USERS[0].name, changes: { jurisdiction: { from: ['US-FL'], to: ['US-FL', 'US-PR'] }, timeZone: { from: null, to: 'America/New_York' } } });
  });
});

describe('deadlines across restarts', () => {
  it('when every process that scheduled a deadline is gone, then a new process still alerts supervisors at the deadline', async () => {
    const id = await detentionCase('+50435000040', { priority: 1 });
    const esc = (await api(`/api/cases/${id}/escalations`, agent, json('POST', { officeId: 'us-houston' }))).body as EscalationDto;
    await t.hotline.close();
    // A new process on the same database and Redis: the delayed jobs were in Redis all along.
    const after = await startTestHotline({}, { sameAs: t, clock });
    try {
      const watching = await after.socket(await after.login(DEMO_USERS[1].email, DEMO_USERS[1].password));
      offsetMs = 16 * 60_000;
      await (await after.hotline.rt.queues.raw('escalationDeadlines').getJob(`esc-${esc.id}-ack-breach`))?.promote();
      await eventually(async () => watching.seen.find((s) => s.event === 'escalation.alert' && (s.data as { escalationId: string }).escalationId === esc.id));
      expect((await after.sql.query('SELECT ack_breached FROM escalations WHERE id = $1', [esc.id])).rows[0].ack_breached).toBe(true);
    } finally {
      offsetMs = 0;
      await after.close();
    }
  });
});
