import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestHotline, type TestHotline } from '../../testing/harness.js';
import { newCallSid } from '../../testing/call-simulator.js';
import { parseTwiml } from '../../testing/twiml.parse.js';

let t: TestHotline;
beforeAll(async () => {
  t = await startTestHotline();
});
afterAll(async () => {
  await t?.close();
});

describe('case status by phone', () => {
  it('when a caller keys their case number, then they hear its status and next step without an agent', async () => {
    const first = await t.call({ from: '+50422000001', answers: [{ digits: '2' }, { digits: '5' }], hangupAfterMs: 0 });
    const { number, id } = (await t.sql.query('SELECT c.number, c.id FROM cases c JOIN calls k ON k.case_id = c.id WHERE k.call_sid = $1', [first.callSid])).rows[0];
    await t.sql.query("UPDATE cases SET status = 'escalated' WHERE id = $1", [id]);
    const seq = String(Number(number.split('-')[2]));

    const result = await t.call({ from: '+50422000001', answers: [{ digits: '5' }, { digits: '1' }, { digits: `${seq}#` }, { hangup: true }] });
    expect(result.heard).toContain(`Su caso número ${seq} fue enviado al consulado o a la institución competente, que le dará seguimiento.`);
    expect(result.enqueued).toBe(false);
  });

  it('when three wrong numbers are keyed, then the caller is put through to an agent', async () => {
    const result = await t.call({
      from: '+50422000002',
      answers: [{ digits: '5' }, { digits: '1' }, { digits: '999991#' }, { digits: '999992#' }, { digits: '999993#' }],
      hangupAfterMs: 0,
    });
    expect(result.heard.filter((h) => h === 'No encontramos un caso con ese número.')).toHaveLength(3);
    expect(result.enqueued).toBe(true);
  });
});

describe('earlier cases of the same caller', () => {
  it('when a caller calls again, then their earlier cases are listed with the new one, and nobody else\'s', async () => {
    const first = await t.call({ from: '+50422000101', answers: [{ digits: '0' }], hangupAfterMs: 0 });
    const other = await t.call({ from: '+50422000102', answers: [{ digits: '0' }], hangupAfterMs: 0 });
    const again = await t.call({ from: '+50422000101', answers: [{ digits: '2' }, { digits: '0' }], hangupAfterMs: 0 });
    const caseOf = async (sid: string) => (await t.sql.query('SELECT case_id FROM calls WHERE call_sid = $1', [sid])).rows[0].case_id as string;
    const res = await t.api(`/api/cases/${await caseOf(again.callSid)}/earlier`, { cookie: await t.login() });
    const ids = (await res.json()).cases.map((c: { id: string }) => c.id);
    expect(ids).toEqual([await caseOf(first.callSid)]);
    expect(ids).not.toContain(await caseOf(other.callSid));
  });
});

describe('numbers that belong to an office', () => {
  it('when a call arrives on a consulate\'s own number, then its case is for that office', async () => {
    const result = await t.call({ from: '+50422000003', to: '+12025254001', answers: [{ digits: '0' }], hangupAfterMs: 0 });
    const c = (await t.sql.query('SELECT c.office_id, c.office_reason FROM cases c JOIN calls k ON k.case_id = c.id WHERE k.call_sid = $1', [result.callSid])).rows[0];
    expect(c).toEqual({ office_id: 'us-washington-seccion-consular', office_reason: 'Llamó al número propio de la oficina' });
    const other = await t.call({ from: '+50422000004', answers: [{ digits: '0' }], hangupAfterMs: 0 });
    expect((await t.sql.query('SELECT c.office_id FROM cases c JOIN calls k ON k.case_id = c.id WHERE k.call_sid = $1', [other.callSid])).rows[0].office_id).toBeNull();
  });
});

describe('the consulate for where the caller lives', () => {
  it('when the caller says their city, then they hear that consulate from the directory and can have it by SMS', async () => {
    const result = await t.call({ from: '+50422000006', answers: [{ digits: '2' }, { digits: '4' }, { speech: 'vivo en Houston' }, { digits: '2' }, { hangup: true }] });
    const spoken = result.heard.find((h) => h.startsWith('Le corresponde:'));
    expect(spoken).toMatch(/^Le corresponde: Consulado .*Houston.*\. Dirección: .+\./);
    expect(spoken).not.toMatch(/[()]|stored excerpt/);
    expect(result.heard).toContain('Le enviamos esta información por mensaje de texto.');
    const job = await eventually(async () => {
      const j = await t.hotline.rt.queues.raw('sms').getJob(`${result.callSid}:sms:consulate_result`);
      return j?.finishedOn ? j : undefined;
    });
    expect(job.data.body).toContain(spoken);
    expect(job.returnvalue).toMatchObject({ sid: expect.stringMatching(/^SM/) });
  });
});

describe('the fallback URL', () => {
  it('when the main handler failed, then the caller hears an apology and leaves a message that opens a flagged case', async () => {
    const callSid = newCallSid();
    const twiml = await (await t.twilio('/twilio/voice/fallback', { CallSid: callSid, From: '+50422000005', ErrorCode: '11200' })).text();
    const doc = parseTwiml(twiml);
    const record = doc.children.find((v) => v.name === 'Record');
    expect(record?.attrs.recordingStatusCallback).toBe('/twilio/voice/recording?fallback=1');
    expect(await t.sql.query('SELECT 1 FROM calls WHERE call_sid = $1', [callSid])).toMatchObject({ rowCount: 0 });

    const recordingSid = `RE${'a'.repeat(32)}`;
    const callback = {
      CallSid: callSid, RecordingSid: recordingSid, RecordingStatus: 'completed', RecordingDuration: '12',
      RecordingUrl: `https://api.twilio.com/2010-04-01/Accounts/AC${'0'.repeat(32)}/Recordings/${recordingSid}`,
    };
    // Twilio may deliver the callback twice: one recording, one case.
    for (let i = 0; i < 2; i++) expect((await t.twilio('/twilio/voice/recording?fallback=1', callback)).status).toBe(200);
    const c = await eventually(async () => (await t.sql.query('SELECT c.flags, c.priority FROM cases c JOIN calls k ON k.case_id = c.id WHERE k.call_sid = $1', [callSid])).rows[0]);
    expect(c.flags).toEqual(expect.arrayContaining(['voicemail', 'fallback']));
    await new Promise((r) => setTimeout(r, 300));
    expect((await t.sql.query('SELECT count(*)::int AS n FROM recordings WHERE call_sid = $1', [callSid])).rows[0].n).toBe(1);
    expect((await t.sql.query('SELECT count(*)::int AS n FROM cases c JOIN calls k ON k.case_id = c.id WHERE k.call_sid = $1', [callSid])).rows[0].n).toBe(1);
  });
});
