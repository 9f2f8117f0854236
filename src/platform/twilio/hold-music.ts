/**
 * Hold music made here rather than fetched: a soft arpeggio over I–vi–IV–V, 48 seconds long, so
 * that with the announcement before it a waiting caller hears where they stand about every minute.
 * 8 kHz mono mu-law WAV, the format of the telephone network (about 380 kB), built once at boot.
 */
const RATE = 8000;
const SECONDS = 48;
const CHORDS = [
  [261.63, 329.63, 392.0, 523.25], // C
  [220.0, 261.63, 329.63, 440.0], // Am
  [174.61, 220.0, 261.63, 349.23], // F
  [196.0, 246.94, 293.66, 392.0], // G
];
const NOTE_S = 0.375;

function muLaw(sample: number): number {
  const BIAS = 0x84;
  const CLIP = 32635;
  let s = Math.max(-CLIP, Math.min(CLIP, Math.round(sample * 32767)));
  const sign = s < 0 ? 0x80 : 0;
  if (sign) s = -s;
  s += BIAS;
  let exponent = 7;
  for (let mask = 0x4000; (s & mask) === 0 && exponent > 0; exponent--, mask >>= 1);
  const mantissa = (s >> (exponent + 3)) & 0x0f;
  return ~(sign | (exponent << 4) | mantissa) & 0xff;
}

export function holdMusicWav(): Buffer {
  const n = RATE * SECONDS;
  const data = Buffer.alloc(n);
  const barS = NOTE_S * 8;
  for (let i = 0; i < n; i++) {
    const t = i / RATE;
    const chord = CHORDS[Math.floor(t / barS) % CHORDS.length] as number[];
    const noteIndex = Math.floor(t / NOTE_S) % 8;
    const note = chord[[0, 1, 2, 3, 2, 1, 2, 1][noteIndex] as number] as number;
    const noteT = t % NOTE_S;
    const pluck = Math.exp(-noteT * 5) * Math.sin(2 * Math.PI * note * t);
    const pad = chord.slice(0, 3).reduce((sum, f) => sum + Math.sin(2 * Math.PI * (f / 2) * t), 0) / 3;
    const fade = Math.min(1, t / 1.5, (SECONDS - t) / 1.5);
    data[i] = muLaw(fade * (0.22 * pluck + 0.08 * pad));
  }
  const header = Buffer.alloc(58);
  header.write('RIFF', 0);
  header.writeUInt32LE(50 + n, 4);
  header.write('WAVE', 8);
  header.write('fmt ', 12);
  header.writeUInt32LE(18, 16);
  header.writeUInt16LE(7, 20); // mu-law
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(RATE, 24);
  header.writeUInt32LE(RATE, 28);
  header.writeUInt16LE(1, 32);
  header.writeUInt16LE(8, 34);
  header.writeUInt16LE(0, 36);
  header.write('fact', 38);
  header.writeUInt32LE(4, 42);
  header.writeUInt32LE(n, 46);
  header.write('data', 50);
  header.writeUInt32LE(n, 54);
  return Buffer.concat([header, data]);
}

export const HOLD_MUSIC_PATH = '/media/hold-music.wav';
