import { useCallback, useEffect, useRef, useState } from 'react';
import type { AgentPresenceDto, OfferDto } from '../../../src/contracts/index.js';
import { createRinger, type Ringer } from '../ring.js';
import { ask, type ConsoleSocket } from '../socket.js';
import type { IncomingCall } from '../softphone/index.js';

export type OfferEndReason = 'timeout' | 'declined' | 'withdrawn';

export interface StandingOffer { offer: OfferDto; receivedAt: number }

/**
 * The call this agent is on: accepted from an offer, or transferred to them by another agent
 * (then `offer` is null and `transferredFrom` names who sent it). `endedAt` is set once the server
 * moves the agent off on_call; `transferredTo` once this agent passed the call on to a colleague.
 */
export interface MyCall {
  callSid: string;
  caseId: string | null;
  offer: OfferDto | null;
  transferredFrom: string | null;
  transferredTo: TransferTarget | null;
  startedAt: number;
  endedAt: number | null;
  onHold: boolean;
}

/** A colleague a call can be passed to. */
export interface TransferTarget { agentId: string; name: string }

/** The server's answer to a transfer: refused with its code ('conflict', 'forbidden', 'timeout'...). */
export type TransferResult = { ok: true } | { ok: false; code: string };

export type OfferNotice =
  | { kind: 'expired'; reason: OfferEndReason; at: number }
  | { kind: 'error'; code: string; at: number };

/** An offer the server never closed (e.g. missed while disconnected) is dropped this long after it expired. */
const STALE_GRACE_MS = 5000;
const NOTICE_MS = 8000;
/** Accepting waits for Twilio to take the caller out of the queue: allow it more than a plain request. */
const ACCEPT_TIMEOUT_MS = 15_000;
/**
 * After an accept, a transfer to this agent or taking the caller off hold, the server has Twilio
 * dial this agent's browser; a call that rings within this window is that one (the server's dial
 * gives up after 20 s) and is answered without a click.
 */
const RING_WINDOW_MS = 30_000;
/** A callback rings the agent only once the caller has picked up our call to them: allow for that. */
const CALLBACK_RING_WINDOW_MS = 120_000;

interface Options {
  socket: ConsoleSocket | null;
  enabled: boolean;
  userId: string;
}

/**
 * Offers made to this agent (`offer.created` / `offer.expired`), the ring while one stands, and
 * the call they are on: accepted, or transferred to them (`call.transferred`), with hold and
 * hang-up through the server. The server keeps one offer per agent at a time.
 */
export function useOffers({ socket, enabled, userId }: Options) {
  const [standing, setStanding] = useState<StandingOffer | null>(null);
  const [busy, setBusy] = useState<'accepting' | 'declining' | null>(null);
  const [notice, setNotice] = useState<OfferNotice | null>(null);
  const [myCall, setMyCall] = useState<MyCall | null>(null);
  const [callBusy, setCallBusy] = useState<'hold' | 'hangup' | 'transfer' | null>(null);
  const [callError, setCallError] = useState<string | null>(null);
  // Socket handlers read the current values without re-subscribing on every change.
  const standingRef = useRef<StandingOffer | null>(null);
  const myCallRef = useRef<MyCall | null>(null);
  /** Until when a browser call that rings is the agent's call (see RING_WINDOW_MS). */
  const ringExpectedUntil = useRef(0);
  const ringer = useRef<Ringer | null>(null);

  const show = useCallback((next: StandingOffer | null) => {
    standingRef.current = next;
    setStanding(next);
  }, []);
  const setCall = useCallback((next: MyCall | null) => {
    myCallRef.current = next;
    setMyCall(next);
  }, []);
  const end = useCallback((offerId: string, notice: OfferNotice | null) => {
    if (standingRef.current?.offer.offerId !== offerId) return;
    show(null);
    if (notice) setNotice(notice);
  }, [show]);
  const expectRing = useCallback((windowMs = RING_WINDOW_MS) => {
    ringExpectedUntil.current = Date.now() + windowMs;
  }, []);

  useEffect(() => {
    if (!enabled) return;
    const r = createRinger();
    r.arm();
    ringer.current = r;
    return () => {
      r.dispose();
      ringer.current = null;
    };
  }, [enabled]);

  useEffect(() => {
    if (!socket || !enabled) return;
    const onCreated = (offer: OfferDto) => {
      // A notice about the previous offer stays: it may well be why this one came (same caller again).
      show({ offer, receivedAt: Date.now() });
      setBusy(null);
    };
    const onExpired = (e: { offerId: string; reason: OfferEndReason }) => {
      end(e.offerId, { kind: 'expired', reason: e.reason, at: Date.now() });
    };
    const onTransferred = (e: { callSid: string; caseId: string | null; fromAgentId: string }) => {
      expectRing();
      setCallError(null);
      setCall({ callSid: e.callSid, caseId: e.caseId, offer: null, transferredFrom: e.fromAgentId, transferredTo: null, startedAt: Date.now(), endedAt: null, onHold: false });
    };
    const onPresence = (p: AgentPresenceDto) => {
      if (p.agentId !== userId) return;
      // Any state but on_call: the call is over (wrap-up after it ended or was passed on, or taken offline).
      const call = myCallRef.current;
      if (call && call.endedAt === null && p.state !== 'on_call') {
        ringExpectedUntil.current = 0;
        setCall({ ...call, endedAt: Date.now(), onHold: false });
      }
      // Leaving "available" ends a standing offer (the server says so too, with offer.expired).
      const current = standingRef.current;
      if (current && (p.state === 'offline' || p.state === 'break')) {
        end(current.offer.offerId, { kind: 'expired', reason: 'withdrawn', at: Date.now() });
      }
    };
    socket.on('offer.created', onCreated);
    socket.on('offer.expired', onExpired);
    socket.on('call.transferred', onTransferred);
    socket.on('presence.changed', onPresence);
    return () => {
      socket.off('offer.created', onCreated);
      socket.off('offer.expired', onExpired);
      socket.off('call.transferred', onTransferred);
      socket.off('presence.changed', onPresence);
    };
  }, [socket, enabled, userId, show, end, setCall, expectRing]);

  // Ring while an offer stands; silence as soon as it is accepted, declined or gone.
  const ringingId = standing?.offer.offerId ?? null;
  useEffect(() => {
    if (!ringingId) return;
    ringer.current?.start();
    return () => ringer.current?.stop();
  }, [ringingId]);

  // Safety net for an expiry the server could not tell us about (we were disconnected).
  useEffect(() => {
    if (!standing) return;
    const left = Date.parse(standing.offer.expiresAt) - Date.now() + STALE_GRACE_MS;
    const id = standing.offer.offerId;
    const timer = setTimeout(() => end(id, { kind: 'expired', reason: 'timeout', at: Date.now() }), Math.max(0, left));
    return () => clearTimeout(timer);
  }, [standing, end]);

  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => setNotice(null), NOTICE_MS);
    return () => clearTimeout(timer);
  }, [notice]);

  const accept = useCallback(async () => {
    const current = standingRef.current;
    if (!current || busy) return;
    const { offer } = current;
    ringer.current?.stop();
    setBusy('accepting');
    // Twilio may ring the browser before the answer to the accept is back.
    const ringWindow = offer.kind === 'callback' ? CALLBACK_RING_WINDOW_MS : RING_WINDOW_MS;
    expectRing(ringWindow);
    const res = await ask<{ callSid: string; caseId: string }>(
      socket, (s, ack) => s.emit('offer.accept', { offerId: offer.offerId }, ack), ACCEPT_TIMEOUT_MS,
    );
    setBusy(null);
    if (res.ok) {
      end(offer.offerId, null);
      // Counted from now, unless the browser call already rang (and was answered) meanwhile.
      if (ringExpectedUntil.current !== 0) expectRing(ringWindow);
      setCallError(null);
      setCall({
        callSid: res.data?.callSid ?? offer.callSid, caseId: res.data?.caseId ?? offer.caseId, offer, transferredFrom: null, transferredTo: null,
        startedAt: Date.now(), endedAt: null, onHold: false,
      });
      return;
    }
    ringExpectedUntil.current = 0;
    // Disconnected: the offer may still be taken once the connection is back; anything else ended it.
    if (res.error.code === 'disconnected') {
      if (standingRef.current?.offer.offerId === offer.offerId) ringer.current?.start();
      setNotice({ kind: 'error', code: res.error.code, at: Date.now() });
      return;
    }
    end(offer.offerId, { kind: 'error', code: res.error.code, at: Date.now() });
  }, [socket, busy, end, setCall, expectRing]);

  const decline = useCallback(async () => {
    const current = standingRef.current;
    if (!current || busy) return;
    const { offerId } = current.offer;
    // Gone from the screen at once: the agent said no, the server only has to agree.
    end(offerId, null);
    const res = await ask<unknown>(socket, (s, ack) => s.emit('offer.decline', { offerId }, ack));
    // not_found: it had already expired or been taken back, which is what the agent wanted anyway.
    if (!res.ok && res.error.code !== 'not_found') setNotice({ kind: 'error', code: res.error.code, at: Date.now() });
  }, [socket, busy, end]);

  /**
   * Hold puts the caller on music (the agent's browser leg ends); taking them back has Twilio
   * dial the agent again, and that call is answered by itself.
   */
  const hold = useCallback(async (on: boolean) => {
    const call = myCallRef.current;
    if (!call || call.endedAt !== null || callBusy) return;
    setCallBusy('hold');
    setCallError(null);
    if (!on) expectRing();
    const res = await ask<unknown>(socket, (s, ack) => s.emit('call.hold', { callSid: call.callSid, hold: on }, ack));
    setCallBusy(null);
    const latest = myCallRef.current;
    if (res.ok) {
      if (latest?.callSid === call.callSid && latest.endedAt === null) setCall({ ...latest, onHold: on });
      return;
    }
    if (!on) ringExpectedUntil.current = 0;
    setCallError(res.error.code);
  }, [socket, callBusy, setCall, expectRing]);

  /** Ends the call for both sides: the caller hears goodbye; the server starts the wrap-up. */
  const hangup = useCallback(async () => {
    const call = myCallRef.current;
    if (!call || call.endedAt !== null || callBusy) return;
    setCallBusy('hangup');
    setCallError(null);
    ringExpectedUntil.current = 0;
    const res = await ask<unknown>(socket, (s, ack) => s.emit('call.hangup', { callSid: call.callSid }, ack));
    setCallBusy(null);
    if (!res.ok) setCallError(res.error.code);
  }, [socket, callBusy]);

  /**
   * Passes the call to a colleague who is available: Twilio rings them and the case goes with the
   * call; this agent moves to wrap-up (the server says so with presence.changed). The result is
   * returned for the picker to show a refusal where the agent chose.
   */
  const transfer = useCallback(async (to: TransferTarget): Promise<TransferResult> => {
    const call = myCallRef.current;
    if (!call || call.endedAt !== null || call.onHold) return { ok: false, code: 'not_found' };
    if (callBusy) return { ok: false, code: 'busy' };
    setCallBusy('transfer');
    setCallError(null);
    const res = await ask<unknown>(socket, (s, ack) => s.emit('call.transfer', { callSid: call.callSid, toAgentId: to.agentId }, ack));
    setCallBusy(null);
    if (!res.ok) return { ok: false, code: res.error.code };
    // The browser leg ends with the transfer: nothing that rings now is this call.
    ringExpectedUntil.current = 0;
    const latest = myCallRef.current;
    // The call is over for this agent now, whether the wrap-up was announced before this answer or not.
    if (latest?.callSid === call.callSid) setCall({ ...latest, transferredTo: to, endedAt: latest.endedAt ?? Date.now(), onHold: false });
    return { ok: true };
  }, [socket, callBusy, setCall]);

  /** For the softphone: whether a browser call that rings now is this agent's call, to answer by itself. */
  const shouldAnswer = useCallback((incoming: IncomingCall): boolean => {
    const call = myCallRef.current;
    const named = incoming.custom.callSid ?? incoming.custom.parentCallSid;
    // The server may name the caller's call in the ringing call's parameters: then that decides.
    if (named) return call !== null && call.endedAt === null && named === call.callSid;
    if (Date.now() > ringExpectedUntil.current) return false;
    ringExpectedUntil.current = 0;
    return true;
  }, []);

  const dismissNotice = useCallback(() => setNotice(null), []);
  const closeMyCall = useCallback(() => {
    setCallError(null);
    setCall(null);
  }, [setCall]);

  return {
    standing, busy, notice, myCall, callBusy, callError,
    accept, decline, hold, hangup, transfer, shouldAnswer, dismissNotice, closeMyCall,
  };
}
