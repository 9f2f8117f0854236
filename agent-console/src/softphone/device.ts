/**
 * The one place that imports Twilio's SDK. softphone/index.ts loads this module with a dynamic
 * import, so Vite puts it and the SDK (some 180 kB minified) in a chunk of their own, fetched only when a
 * call-taking user opens the console, and the main bundle stays small.
 *
 * It is also the test seam: the build writes a manifest (vite.config.ts), in which this file's
 * chunk is the entry "src/softphone/device.ts". The browser tests look its file name up there and
 * have Playwright serve a fake module in its place, exporting a `Device` that implements
 * `DeviceConstructor`. Production code takes the same path either way: no flag, no global, no
 * test branch; the typed assignment below keeps the real SDK and the interface the fake follows
 * in step.
 */
import { Call, Device as TwilioDevice } from '@twilio/voice-sdk';
import type { DeviceConstructor, DeviceOptions } from './softphone.js';

const CODECS: Record<DeviceOptions['codecPreferences'][number], Call.Codec> = { opus: Call.Codec.Opus, pcmu: Call.Codec.PCMU };

/**
 * The SDK's Device, taking the codecs by name (the SDK wants its own enum), without the SDK's own
 * sounds: it would fetch them from sdk.twilio.com, which the console's CSP does not allow (and
 * "no external assets"). The console rings with its own generated tone instead (ring.ts).
 */
class SdkDevice extends TwilioDevice {
  constructor(token: string, options: DeviceOptions) {
    super(token, { ...options, codecPreferences: options.codecPreferences.map((c) => CODECS[c]) });
    this.audio?.incoming(false);
    this.audio?.outgoing(false);
    this.audio?.disconnect(false);
  }
}

export const Device: DeviceConstructor = SdkDevice;
