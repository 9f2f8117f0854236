/**
 * The browser softphone, independent of React and of Twilio's SDK: it talks to a `Device` through
 * the small structural interfaces below, which @twilio/voice-sdk's `Device` and `Call` satisfy
 * (checked in ./device.ts) and which a test double can implement in a few lines.
 *
 * Calls reach the agent because the server, right after they accept an offer, dials
 * `<Client>agent-<id>`: the identity in the access token from GET /api/voice/token.
 */

export type SoftphoneStatus =
  /** Not started yet, or fetching the token and the SDK. */
  | 'loading'
  /** The server has no softphone configured (503): calls ring on the agent's phone. */
  | 'unavailable'
  | 'registering'
  | 'ready'
  | 'ringing'
  | 'in-call'
  | 'error';

// The SDK's emitters take `(...args: any[]) => void`; the arguments are typed where they are used.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Listener = (...args: any[]) => void;

/** The part of the SDK's `Call` the console uses. */
export interface CallLike {
  /** Twilio's parameters of the incoming call: CallSid (of this leg), From, To… */
  readonly parameters: Record<string, string>;
  /** `<Parameter>`s the server adds to `<Client>`, if any. */
  readonly customParameters?: Map<string, string>;
  accept(): void;
  reject(): void;
  disconnect(): void;
  mute(shouldMute?: boolean): void;
  isMuted(): boolean;
  on(event: 'accept' | 'disconnect' | 'cancel' | 'reject' | 'error' | 'mute', listener: Listener): unknown;
}

/** The part of the SDK's `Device` the console uses. */
export interface DeviceLike {
  register(): Promise<void>;
  updateToken(token: string): void;
  destroy(): void;
  on(event: 'registered' | 'registering' | 'unregistered' | 'error' | 'incoming' | 'tokenWillExpire', listener: Listener): unknown;
}

export interface DeviceOptions {
  logLevel: 'error';
  codecPreferences: Array<'opus' | 'pcmu'>;
}

export type DeviceConstructor = new (token: string, options: DeviceOptions) => DeviceLike;

export const DEVICE_OPTIONS: DeviceOptions = { logLevel: 'error', codecPreferences: ['opus', 'pcmu'] };

/** What the console knows about a ringing call, to decide whether to pick it up by itself. */
export interface IncomingCall {
  /** The agent leg's CallSid (Twilio's `parameters.CallSid`). */
  callSid: string | null;
  from: string | null;
  /** The server's `<Parameter>`s, e.g. the caller's CallSid once the server sends it. */
  custom: Record<string, string>;
}

export interface SoftphoneState {
  status: SoftphoneStatus;
  muted: boolean;
  incoming: IncomingCall | null;
  /** The last problem, as a Twilio error code or a short word ('token', 'register', 'media'). */
  error: string | null;
}

export interface SoftphoneDeps {
  /** A fresh access token, or null when the server has no softphone configured. */
  fetchToken: () => Promise<string | null>;
  /** The Device class; a function so the SDK can be loaded lazily, only when needed. */
  loadDevice: () => Promise<DeviceConstructor>;
}

interface Events {
  change: (state: SoftphoneState) => void;
  incoming: (call: IncomingCall) => void;
}

export interface Softphone {
  readonly state: SoftphoneState;
  /** Fetches a token, loads the SDK and registers for incoming calls. */
  register(): Promise<void>;
  on<E extends keyof Events>(event: E, listener: Events[E]): () => void;
  /** Answers the ringing call. */
  accept(): void;
  /** Declines the ringing call. */
  reject(): void;
  /** Ends the call in progress (or declines a ringing one). */
  hangup(): void;
  /** Mutes or unmutes the microphone. (Hold is not a client feature in Twilio: it needs the server.) */
  toggleMute(): void;
  destroy(): void;
}

function errorCode(err: unknown, fallback: string): string {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'number' || typeof code === 'string' ? String(code) : fallback;
}

export function createSoftphone({ fetchToken, loadDevice }: SoftphoneDeps): Softphone {
  let state: SoftphoneState = { status: 'loading', muted: false, incoming: null, error: null };
  let device: DeviceLike | null = null;
  let call: CallLike | null = null;
  let destroyed = false;
  const listeners: { [E in keyof Events]: Set<Events[E]> } = { change: new Set(), incoming: new Set() };

  const update = (patch: Partial<SoftphoneState>) => {
    if (destroyed) return;
    state = { ...state, ...patch };
    for (const l of listeners.change) l(state);
  };

  const idle = (): SoftphoneStatus => (device ? 'ready' : 'loading');

  function track(c: CallLike): void {
    c.on('accept', () => {
      if (call === c) update({ status: 'in-call', incoming: null, muted: c.isMuted() });
    });
    const over = () => {
      if (call !== c) return;
      call = null;
      update({ status: idle(), incoming: null, muted: false });
    };
    c.on('disconnect', over);
    c.on('cancel', over);
    c.on('reject', over);
    c.on('error', (err: unknown) => {
      update({ error: errorCode(err, 'media') });
      over();
    });
    c.on('mute', (muted: boolean) => {
      if (call === c) update({ muted });
    });
  }

  function onIncoming(c: CallLike): void {
    // One call at a time: a second one while ringing or talking is refused (the caller hears busy).
    if (call) {
      c.reject();
      return;
    }
    call = c;
    track(c);
    const info: IncomingCall = {
      callSid: c.parameters.CallSid ?? null,
      from: c.parameters.From ?? null,
      custom: Object.fromEntries(c.customParameters ?? []),
    };
    update({ status: 'ringing', incoming: info, error: null });
    for (const l of listeners.incoming) l(info);
  }

  return {
    get state() {
      return state;
    },

    async register() {
      try {
        const token = await fetchToken();
        if (destroyed) return;
        if (token === null) {
          update({ status: 'unavailable' });
          return;
        }
        const Device = await loadDevice();
        if (destroyed) return;
        const d = new Device(token, DEVICE_OPTIONS);
        device = d;
        d.on('registering', () => update({ status: call ? state.status : 'registering' }));
        d.on('registered', () => update({ status: call ? state.status : 'ready', error: null }));
        d.on('unregistered', () => update({ status: call ? state.status : 'registering' }));
        d.on('error', (err: unknown) => update({ error: errorCode(err, 'device') }));
        d.on('incoming', (c: CallLike) => onIncoming(c));
        d.on('tokenWillExpire', () => {
          fetchToken()
            .then((next) => {
              if (next && !destroyed) d.updateToken(next);
            })
            .catch((err: unknown) => update({ error: errorCode(err, 'token') }));
        });
        update({ status: 'registering' });
        await d.register();
      } catch (err) {
        if (destroyed) return;
        update({ status: 'error', error: errorCode(err, 'register') });
      }
    },

    on(event, listener) {
      const set = listeners[event] as Set<typeof listener>;
      set.add(listener);
      return () => {
        set.delete(listener);
      };
    },

    accept() {
      if (!call || state.status !== 'ringing') return;
      try {
        call.accept();
      } catch (err) {
        update({ error: errorCode(err, 'media') });
      }
    },

    reject() {
      if (!call || state.status !== 'ringing') return;
      call.reject();
    },

    hangup() {
      if (!call) return;
      if (state.status === 'ringing') call.reject();
      else call.disconnect();
    },

    toggleMute() {
      if (!call || state.status !== 'in-call') return;
      const next = !call.isMuted();
      call.mute(next);
      update({ muted: next });
    },

    destroy() {
      if (destroyed) return;
      try {
        call?.disconnect();
        device?.destroy();
      } catch {
        // Leaving anyway.
      }
      destroyed = true;
      call = null;
      device = null;
      listeners.change.clear();
      listeners.incoming.clear();
    },
  };
}
