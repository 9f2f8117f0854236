import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors.js';
import { createTwilioRest, type TwilioRestOptions } from './rest.js';
import { twilioError, twilioStub } from '../../testing/twilio-stub.js';

const accountSid = `AC${'0'.repeat(32)}`;
const callSid = `CA${'a1'.repeat(16)}`;
const queueSid = `QU${'b2'.repeat(16)}`;
const from = '+15005550006';
const twiml = 'https://hotline.example/twilio/voice/bridge?agent=a1';
const statusCallback = 'https://hotline.example/twilio/voice/status';

const rest = (overrides: Partial<TwilioRestOptions> = {}) =>
  createTwilioRest({ accountSid, authToken: 'test-auth-token', apiBaseUrl: process.env.TWILIO_API_BASE_URL, from, ...overrides });

const callBody = (sid: string) => ({ sid, account_sid: accountSid, status: 'queued', to: '+50470000001', from, api_version: '2010-04-01', uri: `/2010-04-01/Accounts/${accountSid}/Calls/${sid}.json` });

describe("Twilio's API description accepts what the wrapper sends", () => {

  it('when a live call is redirected to new TwiML, then the Calls update is accepted', async () => {
    await expect(rest().redirectCall(callSid, twiml)).resolves.toBeUndefined();
  });

  it('when a queue member is sent to new TwiML, then the Queue Member update is accepted', async () => {
    await expect(rest().updateQueueMember(queueSid, callSid, twiml)).resolves.toBeUndefined();
  });

  it('when an outbound call is placed with all four status events, then the Calls create is accepted and its sid returned', async () => {
    const result = await rest().createCall({ to: '+50470000001', url: twiml, statusCallback, idempotencyKey: 'cb-1:1' });
    expect(result.sid).toMatch(/^CA[0-9a-fA-F]{32}$/);
  });

  it('when an SMS is sent, then the Messages create is accepted', async () => {
    await expect(rest().sendSms({ to: '+50470000001', body: 'hola' })).resolves.toMatchObject({ sid: expect.stringMatching(/^SM/) });
  });

  it('when a queue sid is not a Twilio queue sid, then the description refuses it and the error is not retried', async () => {
    await expect(rest().updateQueueMember('alho-voz', callSid, twiml)).rejects.toMatchObject({ code: 'bad_request', details: { status: 422 } });
  });
});

describe('credentials', () => {
  it('when the auth token is empty, then no request leaves and the error says the configuration is wrong', async () => {
    const stub = await twilioStub(() => ({ status: 200, body: callBody(callSid) }));
    try {
      const noToken = rest({ authToken: '', apiBaseUrl: stub.url });
      for (const attempt of [
        () => noToken.redirectCall(callSid, twiml),
        () => noToken.createCall({ to: '+50470000001', url: twiml, statusCallback, idempotencyKey: 'k' }),
        () => noToken.sendSms({ to: '+50470000001', body: 'hola' }),
      ]) {
        const failure = attempt();
        await expect(failure).rejects.toBeInstanceOf(AppError);
        await expect(failure).rejects.toMatchObject({ code: 'bad_request', retryable: false });
      }
      expect(stub.received).toHaveLength(0);
    } finally {
      await stub.close();
    }
  });

  it('when Twilio refuses the credentials with 401, then the AppError is not retryable and carries Twilio\'s code', async () => {
    const stub = await twilioStub(() => ({ status: 401, body: twilioError(401, 20003, 'Authenticate') }));
    try {
      await expect(rest({ apiBaseUrl: stub.url }).redirectCall(callSid, twiml)).rejects.toMatchObject({ code: 'bad_request', retryable: false, details: { status: 401, twilioCode: 20003 } });
      expect(stub.received).toHaveLength(1);
      expect(stub.received[0]?.authorization).toBe(`Basic ${Buffer.from(`${accountSid}:test-auth-token`).toString('base64')}`);
    } finally {
      await stub.close();
    }
  });

  it('when Prism gets a request without credentials, then it answers 401', async () => {
    // The wrapper never sends one (see above); this pins that the description does demand them.
    const res = await fetch(`${process.env.TWILIO_API_BASE_URL}/2010-04-01/Accounts/${accountSid}/Calls/${callSid}.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ Url: twiml }),
    });
    expect(res.status).toBe(401);
  });
});

describe('retries', () => {
  const updatePath = `/2010-04-01/Accounts/${accountSid}/Calls/${callSid}.json`;

  it('when Twilio answers 503 twice, then redirectCall tries a third time with growing pauses and succeeds', async () => {
    const stub = await twilioStub((req, n) => (n <= 2 ? { status: 503, body: twilioError(503, 20500, 'Service unavailable') } : { status: 200, body: { ...callBody(callSid), status: 'in-progress' } }));
    try {
      await expect(rest({ apiBaseUrl: stub.url }).redirectCall(callSid, twiml)).resolves.toBeUndefined();
      expect(stub.received.map((r) => [r.method, r.path, r.form.get('Url'), r.form.get('Method')])).toEqual(Array(3).fill(['POST', updatePath, twiml, 'POST']));
      const [a, b, c] = stub.received.map((r) => r.at) as [number, number, number];
      expect(b - a).toBeGreaterThanOrEqual(190);
      expect(c - b).toBeGreaterThanOrEqual(390);
    } finally {
      await stub.close();
    }
  });

  it('when Twilio keeps answering 429, then updateQueueMember gives up after three attempts as unavailable', async () => {
    const stub = await twilioStub(() => ({ status: 429, body: twilioError(429, 20429, 'Too Many Requests') }));
    try {
      await expect(rest({ apiBaseUrl: stub.url }).updateQueueMember(queueSid, callSid, twiml)).rejects.toMatchObject({ code: 'unavailable', retryable: true, details: { status: 429 } });
      expect(stub.received.map((r) => r.path)).toEqual(Array(3).fill(`/2010-04-01/Accounts/${accountSid}/Queues/${queueSid}/Members/${callSid}.json`));
    } finally {
      await stub.close();
    }
  });

  it('when the call is gone (404), then redirectCall answers not_found at once', async () => {
    const stub = await twilioStub(() => ({ status: 404, body: twilioError(404, 20404, 'The requested resource was not found') }));
    try {
      await expect(rest({ apiBaseUrl: stub.url }).redirectCall(callSid, twiml)).rejects.toMatchObject({ code: 'not_found', details: { status: 404, twilioCode: 20404 } });
      expect(stub.received).toHaveLength(1);
    } finally {
      await stub.close();
    }
  });

  it('when Twilio answers 503 to a call creation or an SMS, then each is attempted exactly once, since a retry could ring or text twice', async () => {
    const stub = await twilioStub(() => ({ status: 503, body: twilioError(503, 20500, 'Service unavailable') }));
    try {
      const client = rest({ apiBaseUrl: stub.url });
      await expect(client.createCall({ to: '+50470000001', url: twiml, statusCallback, idempotencyKey: 'cb-2:1' })).rejects.toMatchObject({ code: 'unavailable', details: { status: 503 } });
      await expect(client.sendSms({ to: '+50470000001', body: 'hola' })).rejects.toMatchObject({ code: 'unavailable', details: { status: 503 } });
      await new Promise((r) => setTimeout(r, 700));
      expect(stub.received.map((r) => r.path)).toEqual([`/2010-04-01/Accounts/${accountSid}/Calls.json`, `/2010-04-01/Accounts/${accountSid}/Messages.json`]);
    } finally {
      await stub.close();
    }
  });

  it('when a call creation failed, then the same idempotency key may be tried again by the caller', async () => {
    const stub = await twilioStub((req, n) => (n === 1 ? { status: 500, body: twilioError(500, 20500, 'Internal error') } : { status: 201, body: callBody(`CA${'c3'.repeat(16)}`) }));
    try {
      const client = rest({ apiBaseUrl: stub.url, callsPerSecond: 50 });
      const input = { to: '+50470000001', url: twiml, statusCallback, idempotencyKey: 'cb-3:1' };
      await expect(client.createCall(input)).rejects.toBeInstanceOf(AppError);
      await expect(client.createCall(input)).resolves.toEqual({ sid: `CA${'c3'.repeat(16)}` });
      expect(stub.received).toHaveLength(2);
    } finally {
      await stub.close();
    }
  });
});

describe('outbound calls', () => {
  it('when three calls are created at once, then they leave at least a second apart (1 call per second)', async () => {
    let next = 0;
    const stub = await twilioStub(() => ({ status: 201, body: callBody(`CA${String(++next).padStart(32, '0')}`) }));
    try {
      const client = rest({ apiBaseUrl: stub.url });
      const started = performance.now();
      const sids = await Promise.all(['+50470000001', '+50470000002', '+50470000003'].map((to, i) => client.createCall({ to, url: twiml, statusCallback, idempotencyKey: `cb-${i}:1` })));
      const elapsed = performance.now() - started;

      expect(new Set(sids.map((s) => s.sid)).size).toBe(3);
      expect(elapsed).toBeGreaterThanOrEqual(1900);
      const [a, b, c] = stub.received.map((r) => r.at) as [number, number, number];
      expect(b - a).toBeGreaterThanOrEqual(950);
      expect(c - b).toBeGreaterThanOrEqual(950);

      const form = stub.received[0]?.form;
      expect(form?.get('From')).toBe(from);
      expect(form?.get('Url')).toBe(twiml);
      expect(form?.get('Method')).toBe('POST');
      expect(form?.get('StatusCallback')).toBe(statusCallback);
      expect(form?.get('StatusCallbackMethod')).toBe('POST');
      expect(form?.getAll('StatusCallbackEvent')).toEqual(['initiated', 'ringing', 'answered', 'completed']);
    } finally {
      await stub.close();
    }
  });

  it('when callsPerSecond is raised, then creations are spaced by its inverse instead', async () => {
    const stub = await twilioStub((req, n) => ({ status: 201, body: callBody(`CA${String(n).padStart(32, '0')}`) }));
    try {
      const client = rest({ apiBaseUrl: stub.url, callsPerSecond: 5 });
      const started = performance.now();
      await Promise.all([1, 2, 3].map((i) => client.createCall({ to: '+50470000001', url: twiml, statusCallback, idempotencyKey: `fast-${i}` })));
      const elapsed = performance.now() - started;
      expect(elapsed).toBeGreaterThanOrEqual(380);
      expect(elapsed).toBeLessThan(1500);
    } finally {
      await stub.close();
    }
  });

  it('when the same idempotency key is used twice, then Twilio is asked once and both get the same call', async () => {
    const stub = await twilioStub(() => ({ status: 201, body: callBody(`CA${'d4'.repeat(16)}`) }));
    try {
      const client = rest({ apiBaseUrl: stub.url });
      const input = { to: '+50470000001', url: twiml, statusCallback, idempotencyKey: 'cb-9:1' };
      const [first, second] = await Promise.all([client.createCall(input), client.createCall(input)]);
      const third = await client.createCall(input);
      expect(first).toEqual({ sid: `CA${'d4'.repeat(16)}` });
      expect(second).toEqual(first);
      expect(third).toEqual(first);
      expect(stub.received).toHaveLength(1);
    } finally {
      await stub.close();
    }
  });
});
