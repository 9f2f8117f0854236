import { createHmac } from 'node:crypto';
import type { Role } from '../../contracts/domain.js';
import type { UserDto } from '../../contracts/rest.js';
import type { Clock } from '../../shared/clock.js';
import { AppError } from '../../shared/errors.js';
import { newToken } from '../../shared/ids.js';
import type { AuthRepository, UserRecord } from './auth.repository.js';
import type { LoginLockout } from './login-lockout.js';
import { DUMMY_HASH_PROMISE, hashPassword, verifyPassword } from './password.js';

export const toUserDto = (u: UserRecord): UserDto => ({ id: u.id, email: u.email, name: u.name, role: u.role, officeId: u.officeId });

export interface NewUser {
  email: string;
  name: string;
  role: Role;
  officeId: string | null;
  password: string;
  /** Languages the agent takes calls in (default Spanish). */
  languages?: string[];
  /** The agent's own phone, rung with the softphone when a call is put through. */
  phone?: string | null;
  interpreterLanguages?: string[];
  /** Case categories the agent takes; none = all. */
  categories?: string[];
}

export function createAuthService(deps: {
  repo: AuthRepository; clock: Clock; sessionSecret: string; sessionTtlMs: number;
  /**
   * A session unused this long no longer opens anything. Both this and the lockout are given by the
   * runtime; scripts that sign in users they just created (load tests) may leave them out.
   */
  sessionIdleMs?: number;
  lockout?: LoginLockout;
}) {
  // Keyed with the session secret: a copy of the sessions table alone cannot be turned into cookies.
  const hashToken = (token: string) => createHmac('sha256', deps.sessionSecret).update(token).digest('base64url');
  // A minute is fine against an idle time of an hour; a short idle time (tests, kiosks) needs finer steps.
  const touchEveryMs = Math.min(60_000, Math.floor((deps.sessionIdleMs ?? Infinity) / 4));

  return {
    async login(email: string, password: string): Promise<{ user: UserDto; token: string; expiresAt: Date }> {
      // Before the password is even checked: while locked, the right password is refused too.
      await deps.lockout?.begin(email);
      const user = await deps.repo.findByEmail(email);
      const ok = await verifyPassword(password, user?.passwordHash ?? (await DUMMY_HASH_PROMISE));
      if (!user || !ok || user.disabled) {
        await deps.lockout?.failed(email, user?.id ?? null);
        throw new AppError('invalid_credentials', 'Wrong e-mail or password');
      }
      await deps.lockout?.succeeded(email);
      const token = newToken();
      const expiresAt = new Date(deps.clock.now().getTime() + deps.sessionTtlMs);
      await deps.repo.insertSession(hashToken(token), user.id, expiresAt);
      return { user: toUserDto(user), token, expiresAt };
    },

    async logout(token: string): Promise<void> {
      await deps.repo.deleteSession(hashToken(token));
    },

    async authenticate(token: string | undefined): Promise<UserDto | null> {
      if (!token || token.length > 128) return null;
      const user = await deps.repo.findSessionUser(hashToken(token), deps.sessionIdleMs, touchEveryMs);
      return user ? toUserDto(user) : null;
    },

    async createUser(input: NewUser): Promise<UserDto> {
      if ((input.role === 'consulate') !== (input.officeId !== null)) {
        throw new AppError('validation_failed', 'Consulate users need an office, and only they have one');
      }
      const passwordHash = await hashPassword(input.password);
      const user = await deps.repo.insertUser({
        email: input.email.toLowerCase(), name: input.name, role: input.role, officeId: input.officeId, passwordHash,
        ...(input.languages ? { languages: input.languages } : {}),
        ...(input.interpreterLanguages ? { interpreterLanguages: input.interpreterLanguages } : {}),
        ...(input.categories ? { categories: input.categories } : {}),
        phone: input.phone ?? null,
      });
      return toUserDto(user);
    },

    agentSkills: (id: string) => deps.repo.agentSkills(id),

    agentPhone: (id: string) => deps.repo.agentPhone(id),

    async hasUsers(): Promise<boolean> {
      return (await deps.repo.countUsers()) > 0;
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
