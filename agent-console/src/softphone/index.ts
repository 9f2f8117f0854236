import { HttpError, api } from '../api.js';
import { createSoftphone, type Softphone } from './softphone.js';

export type { IncomingCall, Softphone, SoftphoneState, SoftphoneStatus } from './softphone.js';

/** null when the server answers 503: no softphone configured, calls go to the agent's phone. */
async function fetchToken(): Promise<string | null> {
  try {
    return (await api.voiceToken()).token;
  } catch (err) {
    if (err instanceof HttpError && (err.status === 503 || err.code === 'unavailable')) return null;
    throw err;
  }
}

/** The console's softphone: tokens from our API, the SDK loaded on first use (see ./device.ts). */
export function createBrowserSoftphone(): Softphone {
  return createSoftphone({
    fetchToken,
    loadDevice: async () => (await import('./device.js')).Device,
  });
}
