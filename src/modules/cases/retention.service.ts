import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { Clock } from '../../shared/clock.js';
import type { Logger } from '../../shared/logger.js';
import { statsSnapshotSql } from '../reports/index.js';
import type { SettingsService } from '../settings/index.js';
import { PERSONAL_SITUATION_KEYS } from './case.dto.js';

/**
 * Erases people's data from cases resolved or closed longer ago than the retention period. What the
 * observatory counts (sex, age band, department, country, category, dates) is frozen into the case
 * first, so statistics are the same after. Recordings are deleted at Twilio too.
 */
export function createRetentionService(deps: {
  db: Db;
  settings: SettingsService;
  clock: Clock;
  logger: Logger;
  timeZone: string;
  deleteRecording: (sid: string) => Promise<void>;
  batchSize?: number;
}) {
  const batchSize = deps.batchSize ?? 500;

  async function anonymiseBatch(cutoff: Date): Promise<{ cases: number; people: number; recordings: number }> {
    return deps.db.transaction().execute(async (trx) => {
      // SKIP LOCKED: two workers sweeping at once share the work instead of waiting on each other.
      const ids = (
        await trx.selectFrom('cases').select('id').where('anonymised_at', 'is', null).where('closed_at', '<', cutoff)
          .orderBy('closed_at').limit(batchSize).forUpdate().skipLocked().execute()
      ).map((r) => r.id);
      if (ids.length === 0) return { cases: 0, people: 0, recordings: 0 };

      const recordings = await trx.selectFrom('recordings').select('sid').where('case_id', 'in', ids).execute();
      // At Twilio first: if that fails the batch rolls back and the next sweep tries again.
      for (const r of recordings) await deps.deleteRecording(r.sid);
      await trx.deleteFrom('recordings').where('case_id', 'in', ids).execute();

      await sql`
        UPDATE cases c SET
          stats_snapshot = coalesce((SELECT ${statsSnapshotSql(deps.timeZone)} FROM case_people cp JOIN people p ON p.id = cp.person_id
                                     WHERE cp.case_id = c.id AND cp.role = 'affected'), '{}'::jsonb),
          caller_phone = NULL, narrative = NULL, request = NULL, category_fields = '{}',
          situation = situation - ${sql.raw(`ARRAY[${PERSONAL_SITUATION_KEYS.map((k) => `'${k}'`).join(',')}]`)}::text[],
          anonymised_at = now()
        WHERE c.id = ANY(${ids}::uuid[])`.execute(trx);
      await trx.updateTable('case_events').set({ data: JSON.stringify({ anonymised: true }) }).where('case_id', 'in', ids).where('kind', '=', 'note.added').execute();
      await trx.updateTable('calls').set({ from_e164: null }).where('case_id', 'in', ids).execute();
      await trx.updateTable('callbacks').set({ phone_e164: null }).where('case_id', 'in', ids).execute();
      // The erased case no longer points at anyone (its names leave its search column with the links);
      // a person is erased once no case points at them any more.
      const linked = (await trx.deleteFrom('case_people').where('case_id', 'in', ids).returning('person_id').execute()).map((r) => r.person_id);
      const people = linked.length
        ? await sql`
            UPDATE people p SET full_name = NULL, aliases = '{}', birth_date = NULL, dni = NULL, passport = NULL, other_documents = '{}',
              phone_e164 = NULL, origin_municipality = NULL, vulnerabilities = '{}', search_name = '', search_documents = '{}',
              anonymised_at = now(), updated_at = now()
            WHERE p.anonymised_at IS NULL AND p.id = ANY(${[...new Set(linked)]}::uuid[])
              AND NOT EXISTS (SELECT 1 FROM case_people cp WHERE cp.person_id = p.id)`.execute(trx)
        : { numAffectedRows: 0n };
      await trx.insertInto('case_audit').values(ids.map((id) => ({ case_id: id, actor: null, action: 'anonymise' }))).execute();
      return { cases: ids.length, people: Number(people.numAffectedRows ?? 0), recordings: recordings.length };
    });
  }

  return {
    async sweep(): Promise<{ cases: number; people: number; recordings: number }> {
      const { retention } = await deps.settings.snapshot();
      const cutoff = new Date(deps.clock.now().getTime() - retention.personalDataDays * 86_400_000);
      const total = { cases: 0, people: 0, recordings: 0 };
      for (;;) {
        const done = await anonymiseBatch(cutoff);
        total.cases += done.cases;
        total.people += done.people;
        total.recordings += done.recordings;
        if (done.cases < batchSize) break;
      }
      if (total.cases) deps.logger.info(total, 'personal data erased after the retention period');
      return total;
    },
  };
}

export type RetentionService = ReturnType<typeof createRetentionService>;
