/**
 * The offer's ring, made in code with the Web Audio API (no audio files: the deployment serves
 * no external assets, and the CSP allows none). A short double beep of two mixed tones, repeated
 * while `start()` holds.
 *
 * Browsers refuse sound until the person has interacted with the page, and headless ones may have
 * no audio at all: nothing here throws, a ring that cannot sound is just silent. The console calls
 * `arm()` once, so that the first click or key press unlocks audio before any offer arrives.
 */
export interface Ringer {
  /** Unlocks audio on the next user gesture (click, key), before it is needed. */
  arm(): void;
  start(): void;
  stop(): void;
  dispose(): void;
}

type AudioContextCtor = new () => AudioContext;

const REPEAT_MS = 3000;
/** Two tones together, as North American ring-back uses. */
const TONES_HZ = [440, 480];
/** Beeps: [start, length] in seconds from the start of a burst. */
const BEEPS: Array<[number, number]> = [[0, 0.4], [0.6, 0.4]];
const VOLUME = 0.12;

function audioContextCtor(): AudioContextCtor | null {
  const w = window as unknown as { AudioContext?: AudioContextCtor; webkitAudioContext?: AudioContextCtor };
  return w.AudioContext ?? w.webkitAudioContext ?? null;
}

export function createRinger(): Ringer {
  let ctx: AudioContext | null = null;
  let timer: ReturnType<typeof setInterval> | null = null;
  let disarm: (() => void) | null = null;

  function context(): AudioContext | null {
    try {
      if (!ctx) {
        const Ctor = audioContextCtor();
        if (!Ctor) return null;
        ctx = new Ctor();
      }
      if (ctx.state === 'suspended') ctx.resume().catch(() => undefined);
      return ctx;
    } catch {
      return null;
    }
  }

  function burst(): void {
    try {
      const c = context();
      if (!c || c.state !== 'running') return;
      const t0 = c.currentTime + 0.02;
      for (const [at, length] of BEEPS) {
        const gain = c.createGain();
        // Short ramps in and out: a tone cut dead clicks.
        gain.gain.setValueAtTime(0, t0 + at);
        gain.gain.linearRampToValueAtTime(VOLUME, t0 + at + 0.02);
        gain.gain.setValueAtTime(VOLUME, t0 + at + length - 0.03);
        gain.gain.linearRampToValueAtTime(0, t0 + at + length);
        gain.connect(c.destination);
        for (const hz of TONES_HZ) {
          const osc = c.createOscillator();
          osc.type = 'sine';
          osc.frequency.value = hz;
          osc.connect(gain);
          osc.start(t0 + at);
          osc.stop(t0 + at + length);
        }
      }
    } catch {
      // No sound this time; the offer card is still on screen.
    }
  }

  function stop(): void {
    if (timer !== null) clearInterval(timer);
    timer = null;
  }

  return {
    arm() {
      if (disarm || ctx) return;
      const unlock = () => {
        disarm?.();
        context();
      };
      document.addEventListener('pointerdown', unlock, true);
      document.addEventListener('keydown', unlock, true);
      disarm = () => {
        document.removeEventListener('pointerdown', unlock, true);
        document.removeEventListener('keydown', unlock, true);
        disarm = null;
      };
    },
    start() {
      stop();
      burst();
      timer = setInterval(burst, REPEAT_MS);
    },
    stop,
    dispose() {
      stop();
      disarm?.();
      const c = ctx;
      ctx = null;
      c?.close().catch(() => undefined);
    },
  };
}
