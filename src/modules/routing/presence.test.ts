import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import { receiveBatches } from '../../contracts/live-batch.js';
import type { AgentPresenceDto } from '../../contracts/rest.js';
import { eventually, startTestHotline, type TestHotline } from '../../testing/harness.js';
import { DEMO_USERS } from '../auth/index.js';

let t: TestHotline;
const sockets: Socket[] = [];
beforeAll(async () => {
  t = await startTestHotline({ AGENT_HEARTBEAT_TIMEOUT_S: '1' });
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await t?.close();
});

async function open(email: string, password: string): Promise<{ socket: Socket; events: AgentPresenceDto[]; id: string }> {
  const cookie = await t.login(email, password);
  const me = (await (await t.api('/api/auth/me', { cookie })).json()).user;
  const socket = connect(t.baseUrl, { transports: ['websocket'], reconnection: false, extraHeaders: { cookie } });
  receiveBatches(socket);
  sockets.push(socket);
  const events: AgentPresenceDto[] = [];
  socket.on('presence.changed', (p: AgentPresenceDto) => events.push(p));
  await new Promise<void>((resolve, reject) => {
    socket.on('connect', resolve);
    socket.on('connect_error', reject);
  });
  return { socket, events, id: me.id };
}
const [admin, supervisor, agent] = DEMO_USERS;

describe('agent presence', () => {
  it('when an agent becomes available, then the supervisor sees it live and in the list', async () => {
    const sup = await open(supervisor.email, supervisor.password);
    const ag = await open(agent.email, agent.password);
    const res = await ag.socket.timeout(2000).emitWithAck('presence.set', { state: 'available' });
    expect(res).toMatchObject({ ok: true, data: { agentId: ag.id, state: 'available', name: 'Agente Demo', languages: ['es'] } });
    await eventually(async () => sup.events.some((e) => e.agentId === ag.id && e.state === 'available'));
    const list = await (await t.api('/api/agents', { cookie: await t.login(supervisor.email, supervisor.password) })).json();
    expect(list.agents.find((a: AgentPresenceDto) => a.agentId === ag.id)).toMatchObject({ state: 'available' });
  });

  it('when a break has no reason or the state is unknown, then it is refused; with a reason, then it is a break', async () => {
    const ag = await open(agent.email, agent.password);
    expect(await ag.socket.timeout(2000).emitWithAck('presence.set', { state: 'break' })).toMatchObject({ ok: false, error: { code: 'validation_failed' } });
    expect(await ag.socket.timeout(2000).emitWithAck('presence.set', { state: 'on_call' })).toMatchObject({ ok: false, error: { code: 'validation_failed' } });
    expect(await ag.socket.timeout(2000).emitWithAck('presence.set', { state: 'break', reason: 'almuerzo' })).toMatchObject({ ok: true, data: { state: 'break', reason: 'almuerzo' } });
  });

  it('when an admin (who takes no calls) sets a state, then it is refused', async () => {
    const ad = await open(admin.email, admin.password);
    expect(await ad.socket.timeout(2000).emitWithAck('presence.set', { state: 'available' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('when an agent\'s console stops its heartbeats, then the server sets them offline; one that keeps beating stays', async () => {
    const sup = await open(supervisor.email, supervisor.password);
    const silent = await open(agent.email, agent.password);
    const beating = await open(supervisor.email, supervisor.password);
    await silent.socket.timeout(2000).emitWithAck('presence.set', { state: 'available' });
    await beating.socket.timeout(2000).emitWithAck('presence.set', { state: 'available' });
    const timer = setInterval(() => void beating.socket.timeout(2000).emitWithAck('presence.heartbeat'), 300);
    try {
      silent.socket.close(); // the browser closed: no goodbye, just silence
      const offline = await eventually(async () => sup.events.find((e) => e.agentId === silent.id && e.state === 'offline'), 8000);
      expect(offline.reason).toBe('heartbeat_missed');
      const list = await (await t.api('/api/agents', { cookie: await t.login(supervisor.email, supervisor.password) })).json();
      expect(list.agents.find((a: AgentPresenceDto) => a.agentId === beating.id)).toMatchObject({ state: 'available' });
    } finally {
      clearInterval(timer);
    }
  });

  it('when a supervisor forces an agent offline, then the agent is told; an agent may not do it', async () => {
    const ag = await open(agent.email, agent.password);
    await ag.socket.timeout(2000).emitWithAck('presence.set', { state: 'available' });
    const agentCookie = await t.login(agent.email, agent.password);
    expect((await t.api(`/api/agents/${ag.id}/offline`, { method: 'POST', cookie: agentCookie })).status).toBe(403);
    const res = await t.api(`/api/agents/${ag.id}/offline`, { method: 'POST', cookie: await t.login(supervisor.email, supervisor.password) });
    expect(res.status).toBe(200);
    await eventually(async () => ag.events.some((e) => e.state === 'offline' && e.reason === 'forced_by_supervisor'));
    expect(await ag.socket.timeout(2000).emitWithAck('presence.heartbeat')).toMatchObject({ ok: true, data: false });
  });
});

describe('the softphone token', () => {
  it('when the softphone is not configured, then an agent gets a clear 503; a consulate user a 403; nobody a 401', async () => {
    expect((await t.api('/api/voice/token')).status).toBe(401);
    const res = await t.api('/api/voice/token', { cookie: await t.login() });
    expect(res.status).toBe(503);
    expect((await res.json()).error.message).toMatch(/TWILIO_API_KEY_SID/);
    const adminCookie = await t.login(admin.email, admin.password);
    expect((await t.api('/api/voice/token', { cookie: adminCookie })).status).toBe(403);
  });
});
