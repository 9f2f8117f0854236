import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';

export interface AuditEntry {
  key: string;
  oldValue: unknown;
  newValue: unknown;
  actor: string | null;
  at: Date;
}

export function createSettingsRepository(db: Db) {
  return {
    async all(): Promise<Record<string, unknown>> {
      const rows = await db.selectFrom('hotline_settings').select(['key', 'value']).execute();
      return Object.fromEntries(rows.map((r) => [r.key, r.value]));
    },

    /** Writes the value and its audit line together: no change without a trace. */
    async put(key: string, value: unknown, actor: string): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const old = await trx.selectFrom('hotline_settings').select('value').where('key', '=', key).forUpdate().executeTakeFirst();
        const json = JSON.stringify(value);
        await trx
          .insertInto('hotline_settings')
          .values({ key, value: json, updated_by: actor })
          .onConflict((oc) => oc.column('key').doUpdateSet({ value: json, updated_by: actor, updated_at: sql`now()`, version: sql`hotline_settings.version + 1` }))
          .execute();
        await trx
          .insertInto('settings_audit')
          .values({ key, old_value: old ? JSON.stringify(old.value) : null, new_value: json, actor })
          .execute();
      });
    },

    async audit(limit: number): Promise<AuditEntry[]> {
      const rows = await db.selectFrom('settings_audit').selectAll().orderBy('id', 'desc').limit(limit).execute();
      return rows.map((r) => ({ key: r.key, oldValue: r.old_value, newValue: r.new_value, actor: r.actor, at: r.at }));
    },
  };
}

export type SettingsRepository = ReturnType<typeof createSettingsRepository>;
