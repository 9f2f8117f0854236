import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestHotline, type TestHotline } from '../../testing/harness.js';
import { newCallSid, type SimulationResult } from '../../testing/call-simulator.js';

let t: TestHotline;
beforeAll(async () => {
  t = await startTestHotline();
});
afterAll(async () => {
  await t?.close();
});

const waitSays = (r: SimulationResult) => r.events.flatMap((e) => (e.kind === 'say' && e.whileWaiting ? [e.text] : []));
const queued = async (from: string) =>
  eventually(async () => (await t.sql.query("SELECT call_sid FROM calls WHERE from_e164 = $1 AND status = 'queued'", [from])).rows[0]?.call_sid as string | undefined);
const waitingSids = async () => ((await (await t.api('/api/queue', { cookie: await t.login() })).json()) as { waiting: Array<{ callSid: string; kind: string }> }).waiting;

describe('waiting in the queue', () => {
  it('when the caller ahead hangs up, then the next announcement moves the caller up', async () => {
    const first = new AbortController();
    const a = t.call({ from: '+50470000001', answers: [{ digits: '0' }], signal: first.signal });
    await queued('+50470000001');
    const b = t.call({ from: '+50470000002', answers: [{ digits: '0' }], hangupAfterMs: 1500, waitPollMs: 300 });
    await queued('+50470000002');
    await new Promise((r) => setTimeout(r, 400));
    first.abort();
    await a;
    const heard = waitSays(await b);
    expect(heard[0]).toBe('Su posición en la fila es la número 2.');
    expect(heard).toContain('Usted es la próxima persona en ser atendida.');
    expect(heard.indexOf('Usted es la próxima persona en ser atendida.')).toBeGreaterThan(0);
  });

  it('when the caller ahead is answered, then the next announcement moves the caller up', async () => {
    const first = new AbortController();
    const a = t.call({ from: '+50470000051', answers: [{ digits: '0' }], signal: first.signal });
    const aSid = await queued('+50470000051');
    const b = t.call({ from: '+50470000052', answers: [{ digits: '0' }], hangupAfterMs: 1200, waitPollMs: 300 });
    await queued('+50470000052');
    await new Promise((r) => setTimeout(r, 300));
    // What routing does when an agent takes a caller: out of the waiting set, counted as answered.
    expect(await t.hotline.rt.waiting.remove(aSid)).toBe(true);
    await t.hotline.rt.waiting.recordAnswered(new Date(), aSid);
    const heard = waitSays(await b);
    expect(heard[0]).toBe('Su posición en la fila es la número 2.');
    expect(heard).toContain('Usted es la próxima persona en ser atendida.');
    first.abort();
    await a;
    await t.redis.del(`${t.config.redisPrefix}:waiting:answered`);
  });

  it('when callers have been answered recently, then the estimated wait follows the answer rate', async () => {
    const now = new Date();
    // 15 answers in the last 30 minutes: one every 2 minutes... then 60 answers: one every 30 s.
    for (let i = 0; i < 60; i++) await t.hotline.rt.waiting.recordAnswered(new Date(now.getTime() - i * 20_000), `CAanswered${i}`);
    const result = await t.call({ from: '+50470000003', answers: [{ digits: '0' }], hangupAfterMs: 0 });
    expect(waitSays(result)).toContain('El tiempo estimado de espera es de menos de un minuto.');
    const count = await t.redis.del(`${t.config.redisPrefix}:waiting:answered`);
    expect(count).toBe(1);
  });

  it('when a waiting caller presses 1, then a callback keeps their original place and the call ends', async () => {
    const resultA = await t.call({ from: '+50470000011', answers: [{ digits: '0' }], waitKeys: ['1'] });
    const aSid = resultA.callSid;
    expect(resultA.heard.at(-1)).toMatch(/^Le devolveremos la llamada al número terminado en 0011/);
    const bCtl = new AbortController();
    const b = t.call({ from: '+50470000012', answers: [{ digits: '0' }], signal: bCtl.signal });
    await queued('+50470000012');
    await new Promise((r) => setTimeout(r, 300));

    await eventually(async () => (await t.sql.query("SELECT 1 FROM calls WHERE call_sid = $1 AND status = 'completed'", [aSid])).rowCount);
    const list = await waitingSids();
    expect(list.map((w) => [w.callSid === aSid ? 'A' : 'B', w.kind])).toEqual([['A', 'callback'], ['B', 'call']]);
    bCtl.abort();
    const resultB = await b;
    expect(waitSays(resultB)[0]).toBe('Su posición en la fila es la número 2.');

    const cb = (await t.sql.query('SELECT cb.phone_e164, cb.queued_at = k.enqueued_at AS same_place, cb.status FROM callbacks cb JOIN calls k USING (call_sid) WHERE call_sid = $1', [aSid])).rows[0];
    expect(cb).toEqual({ phone_e164: '+50470000011', same_place: true, status: 'pending' });
    const call = (await t.sql.query('SELECT status, outcome FROM calls WHERE call_sid = $1', [aSid])).rows[0];
    expect(call).toEqual({ status: 'completed', outcome: 'callback' });
    await t.hotline.rt.waiting.remove(aSid);
  });

  it('when a withheld number presses 1, then it is told why no callback is possible and keeps waiting', async () => {
    const result = await t.call({ from: 'anonymous', answers: [{ digits: '0' }], waitKeys: ['1'], hangupAfterMs: 500, waitPollMs: 100 });
    expect(result.heard.some((h) => h.startsWith('No podemos ver su número'))).toBe(true);
    expect((await t.sql.query("SELECT status FROM calls WHERE call_sid = $1", [result.callSid])).rows[0]).toBeDefined();
    await eventually(async () => (await t.sql.query("SELECT 1 FROM calls WHERE call_sid = $1 AND status = 'abandoned'", [result.callSid])).rowCount);
  });

  it('when a waiting caller presses 2, then they leave a voice message that is attached to their case', async () => {
    const result = await t.call({ from: '+50470000021', answers: [{ digits: '3' }, { digits: '3' }, { digits: '0' }], waitKeys: ['2'] });
    expect(result.events.some((e) => e.kind === 'left-queue')).toBe(true);
    expect(result.recordingSids).toHaveLength(1);
    expect(result.heard.at(-1)).toMatch(/^Gracias\. Recibimos su mensaje\. Su número de caso es \d+\./);
    const caseId = (await t.sql.query('SELECT case_id FROM calls WHERE call_sid = $1', [result.callSid])).rows[0].case_id;
    const detail = await eventually(async () => {
      const d = await (await t.api(`/api/cases/${caseId}`, { cookie: await t.login() })).json();
      return d.recordings?.length ? d : undefined;
    });
    expect(detail.recordings[0]).toMatchObject({ sid: result.recordingSids[0], kind: 'voicemail', durationS: 8 });
    expect(detail.case.flags).toContain('voicemail');
    // The case-number text is sent by its own job, whenever it is done: not part of this story.
    expect(detail.timeline.map((e: { kind: string }) => e.kind).filter((k: string) => k !== 'sms.sent')).toEqual(['call', 'case.opened', 'call.queued', 'voicemail.received']);
    expect(detail.timeline[0].data).toMatchObject({ callSid: result.callSid, recordings: [{ sid: result.recordingSids[0], kind: 'voicemail', durationS: 8 }] });
    expect((await t.sql.query('SELECT status, outcome FROM calls WHERE call_sid = $1', [result.callSid])).rows[0]).toEqual({ status: 'completed', outcome: 'voicemail' });
    expect((await waitingSids()).map((w) => w.callSid)).not.toContain(result.callSid);

    // The audio is fetched from Twilio with our credentials, only for staff; Prism has no media, so Twilio's 404 comes back as ours.
    const audioUrl = detail.recordings[0].audioUrl;
    expect((await t.api(audioUrl)).status).toBe(401);
    const audio = await t.api(audioUrl, { cookie: await t.login() });
    expect(audio.status).toBe(404);
    expect((await audio.json()).error.message).toMatch(/Twilio has no such recording/);
  });

  it('when the maximum wait has passed, then the announcement offers a voice message', async () => {
    const admin = await t.login('admin@alhovoz.test', 'AlhoVoz-Admin-2026');
    const put = await t.api('/api/settings/queue', { method: 'PUT', cookie: admin, body: JSON.stringify({ value: { maxWaitSeconds: 60, defaultSecondsPerCaller: 120 } }) });
    expect(put.status).toBe(200);
    const slow = await t.call({ from: '+50470000031', answers: [{ digits: '0' }], hangupAfterMs: 0 });
    expect(waitSays(slow).some((s) => s.includes('Para dejar un mensaje de voz, marque 2'))).toBe(false);
    // Twilio reports the time in queue; past the maximum the offer is added.
    const res = await t.twilio('/twilio/voice/wait?l=es', { CallSid: slow.callSid, QueueTime: '75', From: '+50470000031' });
    expect(await res.text()).toContain('Para dejar un mensaje de voz, marque 2');
  });
});

describe('leaving the waiting set', () => {
  it('when a call that is not waiting ends, then nobody is told a caller left', async () => {
    const { socket, seen } = await t.socket(await t.login());
    // The caller hears the greeting and hangs up without ever joining the queue.
    const call = { callSid: newCallSid() };
    const params = { CallSid: call.callSid, From: '+50438000001', To: '+15005550006' };
    expect((await t.twilio('/twilio/voice', { ...params, CallStatus: 'in-progress' })).status).toBe(200);
    await t.twilio('/twilio/voice/status', { ...params, CallStatus: 'completed', CallDuration: '30' });
    await eventually(async () => (await t.sql.query('SELECT status FROM calls WHERE call_sid = $1', [call.callSid])).rows[0].status === 'completed');
    // A round trip on the same socket after the end was recorded: any event for it would have come first.
    await socket.timeout(5000).emitWithAck('session.ping');
    expect(seen.filter((e) => e.event === 'queue.changed' && (e.data as { callSid?: string }).callSid === call.callSid)).toEqual([]);
    expect(await t.hotline.rt.waiting.remove(call.callSid)).toBe(false);
  });
});

describe('information by SMS', () => {
  it('when the caller asks for an answer by SMS, then Twilio Messages is called as its API description requires', async () => {
    const result = await t.call({ from: '+50470000041', answers: [{ digits: '3' }, { digits: '2' }, { digits: '2' }, { hangup: true }] });
    expect(result.heard).toContain('Le enviamos esta información por mensaje de texto.');
    const job = await eventually(async () => {
      const j = await t.hotline.rt.queues.raw('sms').getJob(`${result.callSid}:sms:i_rights`);
      return j?.finishedOn ? j : undefined;
    });
    expect(job.failedReason).toBeUndefined();
    expect(job.returnvalue).toMatchObject({ sid: expect.stringMatching(/^SM/) });
  });

  it('when the REST call does not match Twilio\'s description, then Prism refuses it and the job does not pretend', async () => {
    const { createTwilioRest } = await import('../../platform/twilio/rest.js');
    const rest = createTwilioRest({ accountSid: t.config.twilio.accountSid, authToken: t.config.twilio.authToken, apiBaseUrl: t.config.twilio.apiBaseUrl, from: '+15005550006' });
    await expect(rest.sendSms({ to: '+50470000041', body: 'hola' })).resolves.toMatchObject({ sid: expect.stringMatching(/^SM/) });
    const noAuth = createTwilioRest({ accountSid: t.config.twilio.accountSid, authToken: '', apiBaseUrl: t.config.twilio.apiBaseUrl, from: '+15005550006' });
    await expect(noAuth.sendSms({ to: '+50470000041', body: 'hola' })).rejects.toMatchObject({ code: expect.stringMatching(/bad_request|unavailable/) });
  });
});
