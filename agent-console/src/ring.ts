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

/** One audio context for the page, shared by every ringer (browsers limit how many may exist). */
let shared: AudioContext | null = null;
let unlockArmed = false;

function context(): AudioContext | null {
  try {
    if (!shared) {
      const Ctor = audioContextCtor();
      if (!Ctor) return null;
      shared = new Ctor();
    }
    if (shared.state === 'suspended') shared.resume().catch(() => undefined);
    return shared;
  } catch {
    return null;
  }
}

/** Creates (or resumes) the audio context on the next click or key press: the gesture browsers require. */
function armUnlock(): void {
  if (unlockArmed || shared?.state === 'running') return;
  unlockArmed = true;
  const unlock = () => {
    document.removeEventListener('pointerdown', unlock, true);
    document.removeEventListener('keydown', unlock, true);
    unlockArmed = false;
    context();
  };
  document.addEventListener('pointerdown', unlock, true);
  document.addEventListener('keydown', unlock, true);
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
    // No sound this time; what rings is on screen too.
  }
}

export function createRinger(): Ringer {
  let timer: ReturnType<typeof setInterval> | null = null;

  function stop(): void {
    if (timer !== null) clearInterval(timer);
    timer = null;
  }

  return {
    arm: armUnlock,
    start() {
      stop();
      burst();
      timer = setInterval(burst, REPEAT_MS);
    },
    stop,
    // The shared context stays for the next ringer; the oscillators stop by themselves.
    dispose: stop,
  };
}
