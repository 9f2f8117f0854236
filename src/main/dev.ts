import { createServer } from 'node:http';
import { createServer as createViteServer } from 'vite';
import { parseConfig } from '../config/env.js';
import { startHotline } from './all-in-one.js';
import { installShutdown } from './shutdown.js';

/** `npm run dev`: the hotline with the console served by Vite, hot-reloading as you edit. */
const config = parseConfig();
const server = createServer();
const vite = await createViteServer({
  configFile: 'agent-console/vite.config.ts',
  server: { middlewareMode: true, hmr: { server } },
  appType: 'spa',
});
const hotline = await startHotline(config, { consoleMiddleware: vite.middlewares, server });
hotline.rt.logger.info(`ALHO Voz (dev) on http://localhost:${config.port}`);
installShutdown(hotline.rt, [hotline.close, () => vite.close()]);
