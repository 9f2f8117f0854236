import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * In dev, plugin-react injects its refresh preamble as an inline <script>, which the
 * server's CSP (`script-src 'self'`) blocks. main.tsx imports the same preamble as a
 * module instead, so the inline copy is dropped here.
 */
function noInlinePreamble(): Plugin {
  return {
    name: 'alho:no-inline-preamble',
    apply: 'serve',
    transformIndexHtml: {
      order: 'post',
      handler: (html) =>
        html.replace(/<script type="module">\s*import \{ injectIntoGlobalHook \}[\s\S]*?<\/script>\s*/, ''),
    },
  };
}

export default defineConfig({
  root,
  plugins: [react(), noInlinePreamble()],
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    // dist/.vite/manifest.json maps sources to built chunks. The browser tests read it to find the
    // softphone's SDK chunk (src/softphone/device.ts) and serve a fake Device in its place; the
    // server never serves it (express.static ignores dot-directories).
    manifest: true,
  },
});
