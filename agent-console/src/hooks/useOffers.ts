import { useCallback, useEffect, useRef, useState } from 'react';
import type { AgentPresenceDto, OfferDto } from '../../../src/contracts/index.js';
import { createRinger, type Ringer } from '../ring.js';
import { ask, type ConsoleSocket } from '../socket.js';

export type OfferEndReason = 'timeout' | 'declined' | 'withdrawn';

export interface StandingOffer { offer: OfferDto; receivedAt: number }

/** The call the agent accepted; `endedAt` once the server moves them off on_call. */
export interface MyCall { offer: OfferDto; callSid: string; caseId: string; startedAt: number; endedAt: number | null }

export type OfferNotice =
  | { kind: 'expired'; reason: OfferEndReason; at: number }
  | { kind: 'error'; code: string; at: number };

/** An offer the server never closed (e.g. missed while disconnected) is dropped this long after it expired. */
const STALE_GRACE_MS = 5000;
const NOTICE_MS = 8000;
/** Accepting waits for Twilio to take the caller out of the queue: allow it more than a plain request. */
const ACCEPT_TIMEOUT_MS = 15_000;

interface Options {
  socket: ConsoleSocket | null;
  enabled: boolean;
  userId: string;
}

/**
 * Offers made to this agent (`offer.created` / `offer.expired`), the ring while one stands, and
 * the call they accepted. The server keeps one offer per agent at a time.
 */
export function useOffers({ socket, enabled, userId }: Options) {
  const [standing, setStanding] = useState<StandingOffer | null>(null);
  const [busy, setBusy] = useState<'accepting' | 'declining' | null>(null);
  const [notice, setNotice] = useState<OfferNotice | null>(null);
  const [myCall, setMyCall] = useState<MyCall | null>(null);
  // Socket handlers read the current values without re-subscribing on every change.
  const standingRef = useRef<StandingOffer | null>(null);
  const myCallRef = useRef<MyCall | null>(null);
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
      show({ offer, receivedAt: Date.now() });
      setNotice(null);
      setBusy(null);
    };
    const onExpired = (e: { offerId: string; reason: OfferEndReason }) => {
      end(e.offerId, { kind: 'expired', reason: e.reason, at: Date.now() });
    };
    const onPresence = (p: AgentPresenceDto) => {
      if (p.agentId !== userId) return;
      // Any state but on_call after accepting: the call is over (wrap-up, or taken offline).
      const call = myCallRef.current;
      if (call && call.endedAt === null && p.state !== 'on_call') setCall({ ...call, endedAt: Date.now() });
      // The server takes a standing offer back when the agent leaves "available".
      const current = standingRef.current;
      if (current && (p.state === 'offline' || p.state === 'break')) {
        end(current.offer.offerId, { kind: 'expired', reason: 'withdrawn', at: Date.now() });
      }
    };
    socket.on('offer.created', onCreated);
    socket.on('offer.expired', onExpired);
    socket.on('presence.changed', onPresence);
    return () => {
      socket.off('offer.created', onCreated);
      socket.off('offer.expired', onExpired);
      socket.off('presence.changed', onPresence);
    };
  }, [socket, enabled, userId, show, end, setCall]);

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
    const res = await ask<{ callSid: string; caseId: string }>(
      socket, (s, ack) => s.emit('offer.accept', { offerId: offer.offerId }, ack), ACCEPT_TIMEOUT_MS,
    );
    setBusy(null);
    if (res.ok) {
      end(offer.offerId, null);
      setCall({
        offer, callSid: res.data?.callSid ?? offer.callSid, caseId: res.data?.caseId ?? offer.caseId, startedAt: Date.now(), endedAt: null,
      });
      return;
    }
    // Disconnected: the offer may still be taken once the connection is back; anything else ended it.
    if (res.error.code === 'disconnected') {
      if (standingRef.current?.offer.offerId === offer.offerId) ringer.current?.start();
      setNotice({ kind: 'error', code: res.error.code, at: Date.now() });
      return;
    }
    end(offer.offerId, { kind: 'error', code: res.error.code, at: Date.now() });
  }, [socket, busy, end, setCall]);

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

  const dismissNotice = useCallback(() => setNotice(null), []);
  const closeMyCall = useCallback(() => setCall(null), [setCall]);

  return { standing, busy, notice, myCall, accept, decline, dismissNotice, closeMyCall };
}
