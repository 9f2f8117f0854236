import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { Role } from '../../contracts/domain.js';
import { AppError } from '../../shared/errors.js';
import { newId } from '../../shared/ids.js';

export interface UserRecord {
  id: string;
  email: string;
  name: string;
  role: Role;
  officeId: string | null;
  passwordHash: string;
  disabled: boolean;
}

const columns = ['id', 'email', 'name', 'role', 'office_id', 'password_hash', 'disabled'] as const;
type Row = { id: string; email: string; name: string; role: string; office_id: string | null; password_hash: string; disabled: boolean };
const toUser = (r: Row): UserRecord => ({
  id: r.id, email: r.email, name: r.name, role: r.role as Role, officeId: r.office_id, passwordHash: r.password_hash, disabled: r.disabled,
});

export function createAuthRepository(db: Db) {
  return {
    async findByEmail(email: string): Promise<UserRecord | undefined> {
      const row = await db.selectFrom('users').select(columns).where(sql`lower(email)`, '=', email.toLowerCase()).executeTakeFirst();
      return row && toUser(row);
    },

    async agentSkills(id: string): Promise<{ name: string; languages: string[]; categories: string[] } | null> {
      const row = await db
        .selectFrom('users')
        .select(['name', 'languages', 'interpreter_languages', 'categories'])
        .where('id', '=', id)
        .where('disabled', '=', false)
        .executeTakeFirst();
      return row ? { name: row.name, languages: [...row.languages, ...row.interpreter_languages], categories: row.categories } : null;
    },

    async agentPhone(id: string): Promise<string | null> {
      const row = await db.selectFrom('users').select('phone_e164').where('id', '=', id).executeTakeFirst();
      return row?.phone_e164 ?? null;
    },

    async countUsers(): Promise<number> {
      const row = await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      return Number(row.n);
    },

    async insertUser(
      u: Omit<UserRecord, 'id' | 'disabled'> & { languages?: string[]; interpreterLanguages?: string[]; categories?: string[]; phone?: string | null },
    ): Promise<UserRecord> {
      try {
        const row = await db
          .insertInto('users')
          .values({
            id: newId(), email: u.email, name: u.name, role: u.role, office_id: u.officeId, password_hash: u.passwordHash,
            ...(u.languages ? { languages: u.languages } : {}),
            ...(u.interpreterLanguages ? { interpreter_languages: u.interpreterLanguages } : {}),
            ...(u.categories ? { categories: u.categories } : {}),
            phone_e164: u.phone ?? null,
          })
          .returning(columns)
          .executeTakeFirstOrThrow();
        return toUser(row);
      } catch (e) {
        if ((e as { code?: string }).code === '23505') throw new AppError('conflict', 'A user with this e-mail already exists');
        throw e;
      }
    },

    async insertSession(tokenHash: string, userId: string, expiresAt: Date): Promise<void> {
      await db.insertInto('sessions').values({ token_hash: tokenHash, user_id: userId, expires_at: expiresAt }).execute();
    },

    async deleteSession(tokenHash: string): Promise<void> {
      await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
    },

    /**
     * The session's user while the session is neither past its expiry nor unused for idleMs.
     * Times are the database's, like expires_at's check, so a test clock cannot end sessions.
     * Use slides last_seen_at, written at most once per touchEveryMs rather than on every request.
     */
    async findSessionUser(tokenHash: string, idleMs: number | undefined, touchEveryMs: number): Promise<UserRecord | undefined> {
      let query = db
        .selectFrom('sessions')
        .innerJoin('users', 'users.id', 'sessions.user_id')
        .select(columns.map((c) => `users.${c}` as const))
        .select(sql<boolean>`sessions.last_seen_at < now() - make_interval(secs => ${touchEveryMs / 1000})`.as('stale'))
        .where('sessions.token_hash', '=', tokenHash)
        .where('sessions.expires_at', '>', sql<Date>`now()`)
        .where('users.disabled', '=', false);
      if (idleMs !== undefined) query = query.where('sessions.last_seen_at', '>', sql<Date>`now() - make_interval(secs => ${idleMs / 1000})`);
      const row = await query.executeTakeFirst();
      if (!row) return undefined;
      if (row.stale) await db.updateTable('sessions').set({ last_seen_at: sql`now()` }).where('token_hash', '=', tokenHash).execute();
      return toUser(row as Row);
    },
  };
}

export type AuthRepository = ReturnType<typeof createAuthRepository>;
