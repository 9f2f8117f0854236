import { parseArgs } from 'node:util';
import { parseConfig } from '../src/config/env.js';
import { answersFrom, simulateCall, type SimEvent } from '../src/testing/call-simulator.js';

const usage = `Usage: npm run simulate-call -- --from +13055550123 [--digits 1,2] [--speech "texto|..."] [--hangup-after N]
  --from            caller number as Twilio sends it (E.164, or "anonymous")
  --to              number called (default +15005550006)
  --digits          keys for each menu, comma-separated; an empty entry is silence, "hangup" hangs up
  --speech          spoken answers, separated by "|", used before --digits
  --answers         keys and speech in order, comma-separated: "2,4,say:Houston,,hangup" (empty = silence)
  --wait-keys K     keys to press at successive wait announcements, e.g. ",1" (1 = callback, 2 = voicemail)
  --record-seconds  how long to speak at a voicemail tone (default 8; 0 = say nothing)
  --dial-answered   the on-call officer answers when dialled (default: no answer)
  --hangup-after N  hang up after N seconds in the queue (default: wait until Ctrl-C)
  --wait-poll N     fetch the wait announcement every N seconds (default 60, as Twilio)
  --base-url URL    where the hotline listens (default http://localhost:$PORT)
  Signs with TWILIO_AUTH_TOKEN over PUBLIC_BASE_URL, read from the environment like the server.`;

const { values } = parseArgs({
  options: {
    from: { type: 'string' },
    to: { type: 'string' },
    digits: { type: 'string' },
    speech: { type: 'string' },
    answers: { type: 'string' },
    'hangup-after': { type: 'string' },
    'wait-keys': { type: 'string' },
    'record-seconds': { type: 'string' },
    'dial-answered': { type: 'boolean' },
    'wait-poll': { type: 'string' },
    'base-url': { type: 'string' },
    help: { type: 'boolean' },
  },
});
if (values.help || !values.from) {
  console.log(usage);
  process.exit(values.help ? 0 : 2);
}

const config = parseConfig();
const seconds = (v: string | undefined) => (v === undefined ? undefined : Number(v) * 1000);
const controller = new AbortController();
process.on('SIGINT', () => controller.abort());

const print = (e: SimEvent) => {
  switch (e.kind) {
    case 'say': return console.log(`  ${e.whileWaiting ? '[en espera] ' : ''}🔊 ${e.text}`);
    case 'play': return console.log('  ♪  música de espera');
    case 'pause': return console.log(`  …  pausa de ${e.seconds} s`);
    case 'pressed': return console.log(`\n⌨️  marca ${e.digits}${e.whileWaiting ? ' (en espera)' : ''}`);
    case 'left-queue': return console.log('\n↪  sale de la cola');
    case 'recorded': return console.log(`\n🎙  deja un mensaje de ${e.seconds} s`);
    case 'dialed': return console.log(`\n📞 la línea marca a ${e.number}: ${e.answered ? 'contesta' : 'no contesta'}`);
    case 'said': return console.log(`\n🗣  dice «${e.speech}»`);
    case 'silence': return console.log('\n🤐 (silencio)');
    case 'enqueued': return console.log(`\n⏳ en la cola «${e.queue}»`);
    case 'hangup': return console.log(`\n📴 cuelga ${e.by === 'caller' ? 'quien llama' : 'la línea'}`);
    case 'status': return console.log(`   callback de estado: ${e.status}`);
    case 'request': return console.log(`→ POST ${e.path.split('?')[0]} (${e.status})`);
    case 'unsupported': return console.log(`  ?  verbo no simulado: ${e.verb}`);
  }
};

try {
  const result = await simulateCall({
    baseUrl: values['base-url'] ?? `http://localhost:${config.port}`,
    publicBaseUrl: config.publicBaseUrl,
    authToken: config.twilio.authToken,
    from: values.from,
    ...(values.to ? { to: values.to } : {}),
    answers: answersFrom({ digits: values.digits, speech: values.speech, answers: values.answers }),
    waitKeys: values['wait-keys']?.split(',').map((k) => k.trim() || null),
    ...(values['record-seconds'] ? { recordSeconds: Number(values['record-seconds']) } : {}),
    dialAnswered: values['dial-answered'] ?? false,
    hangupAfterMs: seconds(values['hangup-after']),
    waitPollMs: seconds(values['wait-poll']) ?? 60_000,
    signal: controller.signal,
    onEvent: print,
  });
  console.log(`\nLlamada ${result.callSid}: ${result.enqueued ? 'esperó en la cola' : 'terminó en el IVR'}.`);
} catch (e) {
  console.error(`\nLa simulación falló: ${(e as Error).message}`);
  process.exit(1);
}
