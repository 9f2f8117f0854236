import type { Logger } from '../../shared/logger.js';
import type { AuthService } from './auth.service.js';

/** Demo accounts for a development database; their credentials are in the README. */
export const DEMO_USERS = [
  { email: 'admin@alhovoz.test', name: 'Admin Demo', role: 'admin', password: 'AlhoVoz-Admin-2026' },
  { email: 'supervisora@alhovoz.test', name: 'Supervisora Demo', role: 'supervisor', password: 'AlhoVoz-Super-2026' },
  { email: 'agente@alhovoz.test', name: 'Agente Demo', role: 'agent', password: 'AlhoVoz-Agente-2026' },
] as const;

export async function seedDemoUsers(auth: AuthService, logger: Logger): Promise<boolean> {
  if (await auth.hasUsers()) return false;
  for (const u of DEMO_USERS) {
    await auth.createUser({ email: u.email, name: u.name, role: u.role, officeId: null, password: u.password });
  }
  logger.warn('empty database: created the demo admin, supervisor and agent (see README)');
  return true;
}
