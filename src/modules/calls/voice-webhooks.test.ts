import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHotline, type TestHotline } from '../../testing/harness.js';
import { newCallSid } from '../../testing/call-simulator.js';
import { computeSignature } from '../../platform/twilio/signature.js';

let t: TestHotline;
beforeAll(async () => {
  t = await startTestHotline();
});
afterAll(async () => {
  await t?.close();
});

const callParams = (extra: Record<string, string> = {}) => ({
  CallSid: newCallSid(),
  AccountSid: `AC${'0'.repeat(32)}`,
  From: '+50455556666',
  To: '+15005550006',
  CallStatus: 'ringing',
  ...extra,
});

function post(path: string, body: string, headers: Record<string, string> = {}) {
  return fetch(t.baseUrl + path, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body });
}
const signed = (path: string, params: Record<string, string>, headers: Record<string, string> = {}) => t.twilio(path, params, headers);
const callsRecorded = async (sid: string) => Number((await t.sql.query('SELECT count(*) AS n FROM calls WHERE call_sid = $1', [sid])).rows[0].n);
/** What a caller hears from a TwiML answer: it must be TwiML with something to say. */
async function expectSpoken(res: Response, pattern?: RegExp) {
  const body = await res.text();
  expect(res.status).not.toBe(500);
  expect(res.headers.get('content-type')).toMatch(/xml/);
  expect(body).toMatch(/<Response>.*<Say[^>]*>[^<]+<\/Say>/s);
  if (pattern) expect(body).toMatch(pattern);
  return body;
}

describe('webhook signatures', () => {
  it('when the signature is missing, then 403 and nothing is recorded', async () => {
    const params = callParams();
    const res = await post('/twilio/voice', new URLSearchParams(params).toString());
    expect(res.status).toBe(403);
    expect(await callsRecorded(params.CallSid)).toBe(0);
  });

  it('when a signed parameter is changed on the way, then 403 and nothing is recorded', async () => {
    const params = callParams();
    const signature = computeSignature(t.config.twilio.authToken, `${t.config.publicBaseUrl}/twilio/voice`, params);
    const res = await post('/twilio/voice', new URLSearchParams({ ...params, From: '+50400000000' }).toString(), { 'x-twilio-signature': signature });
    expect(res.status).toBe(403);
    expect(await callsRecorded(params.CallSid)).toBe(0);
  });

  it('when the request was signed for another URL, then 403', async () => {
    const params = callParams();
    const signature = computeSignature(t.config.twilio.authToken, `${t.config.publicBaseUrl}/twilio/voice/menu?n=m1`, params);
    const res = await post('/twilio/voice/menu?n=main', new URLSearchParams(params).toString(), { 'x-twilio-signature': signature });
    expect(res.status).toBe(403);
  });

  it('when a proxy rewrote host and scheme, then the signature over PUBLIC_BASE_URL is still accepted', async () => {
    const params = callParams();
    const res = await signed('/twilio/voice', params, { host: 'internal-lb:8080', 'x-forwarded-proto': 'http', 'x-forwarded-host': 'internal-lb' });
    await expectSpoken(res, /Bienvenido/);
    expect(await callsRecorded(params.CallSid)).toBe(1);
  });
});

describe('bad input still gets a sensible answer', () => {
  it('when the caller keys a digit with no option, then the menu is repeated with a notice', async () => {
    await expectSpoken(await signed('/twilio/voice/menu?n=main&l=es', callParams({ Digits: '8' })), /no entendimos su respuesta.*Para emergencias/s);
  });

  it('when the caller says nothing, then the menu is repeated with a notice', async () => {
    await expectSpoken(await signed('/twilio/voice/menu?n=m2&l=es', callParams()), /No escuchamos ninguna respuesta.*Para pedir o cambiar una cita/s);
  });

  it('when the body is empty, then the caller still hears the greeting', async () => {
    await expectSpoken(await signed('/twilio/voice', {}), /Bienvenido/);
    await expectSpoken(await signed('/twilio/voice/menu?n=main&l=es', {}), /No escuchamos/);
  });

  it('when an agent is asked for without a CallSid, then the caller hears an apology, not an error', async () => {
    await expectSpoken(await signed('/twilio/voice/menu?n=main&l=es', { Digits: '0' }), /Lo sentimos/);
  });

  it('when the menu state in the URL is garbage, then the call restarts at the main menu', async () => {
    await expectSpoken(await signed('/twilio/voice/menu?n=%00%FF&l=zz', callParams({ Digits: '1' })), /Bienvenido.*Para emergencias/s);
  });

  it('when the body is 1 MB, then it is refused with a spoken apology and nothing is recorded', async () => {
    const sid = newCallSid();
    const res = await post('/twilio/voice', `CallSid=${sid}&Junk=${'x'.repeat(1024 * 1024)}`, { 'x-twilio-signature': 'whatever' });
    expect(res.status).toBe(413);
    await expectSpoken(res, /Lo sentimos/);
    expect(await callsRecorded(sid)).toBe(0);
  });

  it('when there are thousands of parameters or a broken encoding, then it is refused without a 500', async () => {
    const many = Array.from({ length: 5000 }, (_, i) => `p${i}=1`).join('&');
    const res = await post('/twilio/voice', many, { 'x-twilio-signature': 'x' });
    expect(res.status).toBe(413);
    await expectSpoken(res);
    const broken = await post('/twilio/voice', 'CallSid=%E0%A4%A&From=%', { 'x-twilio-signature': 'x' });
    expect([400, 403]).toContain(broken.status);
    const charset = await fetch(`${t.baseUrl}/twilio/voice`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-7' }, body: 'a=b' });
    expect([400, 403, 415]).toContain(charset.status);
  });

  it.each([['anonymous'], ['12345'], ['+0000'], ['<script>']])('when From is %s, then the call reaches an agent with no number on the case', async (from) => {
    const result = await t.call({ from, answers: [{ digits: '0' }], hangupAfterMs: 0 });
    expect(result.enqueued).toBe(true);
    const row = (await t.sql.query('SELECT c.caller_phone, k.from_kind FROM cases c JOIN calls k ON k.case_id = c.id WHERE k.call_sid = $1', [result.callSid])).rows[0];
    expect(row.caller_phone).toBeNull();
    expect(['withheld', 'unrecognised']).toContain(row.from_kind);
  });

  it('when Twilio uses the fallback URL, then the caller hears an apology in both languages', async () => {
    await expectSpoken(await signed('/twilio/voice/fallback', callParams()), /Lo sentimos.*We are sorry/s);
  });
});
