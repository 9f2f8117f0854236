import { useCallback, useEffect, useRef, useState } from 'react';
import { createRinger } from '../ring.js';
import { createBrowserSoftphone, type IncomingCall, type Softphone, type SoftphoneState } from '../softphone/index.js';

const INITIAL: SoftphoneState = { status: 'loading', muted: false, incoming: null, error: null };

/**
 * The browser softphone for users who take calls. `autoAnswer` decides, for each ringing call,
 * whether to pick it up at once (the call of an offer just accepted); otherwise it rings (our own
 * tone: the SDK's sounds are off, see softphone/device.ts) and the agent answers with a button.
 */
export function useSoftphone(enabled: boolean, autoAnswer: (call: IncomingCall) => boolean) {
  const [state, setState] = useState<SoftphoneState>(INITIAL);
  const phone = useRef<Softphone | null>(null);
  const autoAnswerRef = useRef(autoAnswer);
  useEffect(() => {
    autoAnswerRef.current = autoAnswer;
  }, [autoAnswer]);

  useEffect(() => {
    if (!enabled) return;
    const p = createBrowserSoftphone();
    phone.current = p;
    const ringer = createRinger();
    ringer.arm();
    const offChange = p.on('change', (next) => {
      if (next.status !== 'ringing') ringer.stop();
      setState(next);
    });
    const offIncoming = p.on('incoming', (call) => {
      if (autoAnswerRef.current(call)) p.accept();
      else ringer.start();
    });
    void p.register();
    return () => {
      offChange();
      offIncoming();
      ringer.dispose();
      p.destroy();
      if (phone.current === p) phone.current = null;
      setState(INITIAL);
    };
  }, [enabled]);

  const answer = useCallback(() => phone.current?.accept(), []);
  const reject = useCallback(() => phone.current?.reject(), []);
  const hangup = useCallback(() => phone.current?.hangup(), []);
  const toggleMute = useCallback(() => phone.current?.toggleMute(), []);

  return { ...state, answer, reject, hangup, toggleMute };
}

export type SoftphoneControls = ReturnType<typeof useSoftphone>;
