import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestHotline, type TestHotline } from '../../testing/harness.js';
import { twilioError, twilioStub } from '../../testing/twilio-stub.js';

/** Twilio's Messages API failing the way it does in production: rate limits and outages. */
let stub: Awaited<ReturnType<typeof twilioStub>>;
let t: TestHotline;
const answers: Record<string, Array<{ status: number; body: unknown }>> = {};
const message = (to: string) => ({ sid: `SM${'c3'.repeat(16)}`, status: 'queued', to, from: '+15005550006', body: '', account_sid: `AC${'0'.repeat(32)}`, api_version: '2010-04-01' });

beforeAll(async () => {
  // Each caller's number picks its own script of answers; once the script is over, Twilio accepts.
  stub = await twilioStub((req) => {
    const to = req.form.get('To') ?? '';
    return answers[to]?.shift() ?? { status: 201, body: message(to) };
  });
  t = await startTestHotline({ TWILIO_API_BASE_URL: stub.url });
}, 60_000);
afterAll(async () => {
  await t?.close();
  await stub?.close();
});

const openCase = async (from: string) => {
  const call = await t.call({ from, answers: [{ digits: '0' }], hangupAfterMs: 0 });
  return (await t.sql.query('SELECT case_id FROM calls WHERE call_sid = $1', [call.callSid])).rows[0].case_id as string;
};
const sentTo = (to: string) => stub.received.filter((r) => r.path.endsWith('/Messages.json') && r.form.get('To') === to).length;
const caseState = async (id: string) => {
  const { rows } = await t.sql.query("SELECT flags, (SELECT array_agg(kind ORDER BY id) FROM case_events WHERE case_id = $1 AND kind LIKE 'sms.%') AS sms FROM cases WHERE id = $1", [id]);
  return rows[0] as { flags: string[]; sms: string[] | null };
};

describe('texts when Twilio fails', () => {
  it('when Twilio answers 429 to the case-number text, then it is sent again after a pause and goes once', async () => {
    answers['+50434000001'] = [{ status: 429, body: twilioError(429, 20429, 'Too Many Requests') }];
    const id = await openCase('+50434000001');
    const state = await eventually(async () => {
      const s = await caseState(id);
      return s.sms?.includes('sms.sent') ? s : undefined;
    }, 15_000);
    expect(state).toEqual({ flags: [], sms: ['sms.sent'] });
    expect(sentTo('+50434000001')).toBe(2);
  });

  it('when Twilio answers 503, then the text is not sent again (it may have gone) and the case shows an agent it needs a look', async () => {
    answers['+50434000002'] = [{ status: 503, body: twilioError(503, 20500, 'Service unavailable') }];
    const id = await openCase('+50434000002');
    const state = await eventually(async () => {
      const s = await caseState(id);
      return s.flags.includes('sms_failed') ? s : undefined;
    }, 15_000);
    expect(state).toEqual({ flags: ['sms_failed'], sms: ['sms.failed'] });
    const event = (await t.sql.query("SELECT data FROM case_events WHERE case_id = $1 AND kind = 'sms.failed'", [id])).rows[0].data;
    expect(event).toEqual({ purpose: 'case-opened', twilioStatus: 503 });
    // Well past the first retry's pause: still one request.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(sentTo('+50434000002')).toBe(1);
  });
});
