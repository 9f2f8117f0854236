import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { CaseRow } from './case.dto.js';
import { CASE_COLUMNS, displayName, lastCallStatus } from './cases.repository.js';

/** One search, already normalised by the service: every key is combined with AND. */
export interface CaseFilters {
  number?: string;
  seq?: number;
  /** Exact E.164. */
  phone?: string;
  /** Digits typed without a country code: matched against the end of stored numbers. */
  phoneEnding?: string;
  /** Normalised (lower case, no accents), at least 3 characters. */
  name?: string;
  /** Normalised document number. */
  document?: string;
  category?: string;
  statuses?: string[];
  officeId?: string;
  from?: Date;
  to?: Date;
  includeNonData?: boolean;
  after?: { createdAt: Date; id: string };
  limit: number;
}

/**
 * The joints between the words of a normalised name that every text containing it also has, as
 * name_joints() (migration 009) writes them: the last 3 or 5 letters of a word, a space, the first 3 or 5
 * of the next, 5 (rarer) on each side that has them. The first word may be the end of a longer one and
 * the last the beginning of one, so their side of a joint is known only if it has that many letters; the
 * words between are whole.
 */
export function nameJoints(name: string): string[] {
  const words = name.split(' ');
  const joints = new Set<string>();
  const size = (word: string, whole: boolean) => (whole || word.length >= 5 ? 5 : word.length >= 3 ? 3 : 0);
  for (let i = 0; i + 1 < words.length; i++) {
    const a = words[i] as string;
    const b = words[i + 1] as string;
    if (!a || !b) continue;
    const left = size(a, i > 0);
    const right = size(b, i + 1 < words.length - 1);
    if (left && right) joints.add(`${a.slice(-left)} ${b.slice(0, right)}`);
  }
  return [...joints];
}

/**
 * Each key is answered by its own index (joints or trigrams on names, GIN on documents, reversed numbers for
 * endings, b-trees on status, category, office and date); results come newest first by keyset.
 */
export function createCaseSearchRepository(db: Db) {
  /**
   * Keys that name one document or one number match few people and few cases: the people are found first,
   * then their cases, then those by primary key, each step an index lookup on the ids of the step before.
   * Written as joins and `id IN (...)`, the plan follows the estimated number of matches, and when that is
   * too high (a document's is PostgreSQL's default 0.5% of the people, as every document is unique) the
   * planner reads all of case_people into a hash, or walks every case newest first probing each one's
   * people to fill a page early: seconds at a million cases, for one row.
   */
  const fewPeopleCases = (where: ReturnType<typeof sql<boolean>>) =>
    sql<string>`(SELECT cp.case_id FROM case_people cp WHERE cp.person_id = ANY(ARRAY(SELECT p.id FROM people p WHERE ${where})))`;
  const fewCases = (ids: ReturnType<typeof sql<string>>) => sql<boolean>`cases.id = ANY(ARRAY${ids})`;

  return {
    async search(f: CaseFilters): Promise<CaseRow[]> {
      let q = db
        .selectFrom('cases')
        .select(CASE_COLUMNS)
        .select([lastCallStatus.as('last_call_status'), displayName.as('display_name')])
        .where('merged_into', 'is', null);
      if (!f.includeNonData) q = q.where('non_data', 'is', null);
      if (f.number) q = q.where('number', '=', f.number);
      if (f.seq !== undefined) q = q.where('seq', '=', f.seq);
      if (f.phone) {
        const phone = f.phone;
        q = q.where(fewCases(sql<string>`(SELECT id FROM cases WHERE caller_phone = ${phone} UNION ${fewPeopleCases(sql`p.phone_e164 = ${phone}`)})`));
      }
      if (f.phoneEnding) {
        const pattern = `${[...f.phoneEnding].reverse().join('')}%`;
        q = q.where(
          fewCases(sql<string>`(SELECT id FROM cases WHERE reverse(caller_phone) LIKE ${pattern} AND caller_phone IS NOT NULL
            UNION ${fewPeopleCases(sql`reverse(p.phone_e164) LIKE ${pattern} AND p.phone_e164 IS NOT NULL`)})`),
        );
      }
      if (f.name) {
        // The case carries its people's names (kept by triggers, migration 004). A name of several words is
        // found by its joints (migration 009) and checked whole; strpos rather than LIKE, the same test for a
        // normalised name (no % or _), so that the planner neither adds the trigram index (tens of ms for
        // common trigrams) nor counts the same condition twice (`<> 0`: estimated true for nearly every
        // candidate, so the joints' statistics alone decide between the index and walking the newest cases).
        // One word, or no joint with both sides known: the trigram index.
        const joints = nameJoints(f.name);
        q = joints.length
          ? q.where(sql<boolean>`name_joints(search_names) @> ${joints}::text[]`).where(sql<boolean>`strpos(search_names, ${f.name}) <> 0`)
          : q.where(sql<boolean>`search_names LIKE ${`%${f.name}%`}`);
      }
      if (f.document) {
        const doc = f.document;
        q = q.where(fewCases(fewPeopleCases(sql`p.search_documents @> ARRAY[${doc}]::text[]`)));
      }
      if (f.category) q = q.where('category', '=', f.category);
      if (f.statuses?.length) q = q.where('status', 'in', f.statuses);
      if (f.officeId) q = q.where('office_id', '=', f.officeId);
      if (f.from) q = q.where('created_at', '>=', f.from);
      if (f.to) q = q.where('created_at', '<', f.to);
      if (f.after) {
        const { createdAt, id } = f.after;
        q = q.where((eb) => eb(eb.refTuple('created_at', 'id'), '<', eb.tuple(createdAt, id)));
      }
      return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(f.limit).execute();
    },
  };
}

export type CaseSearchRepository = ReturnType<typeof createCaseSearchRepository>;
