import { sql, type Insertable, type Transaction, type Updateable } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { Database, EscalationsTable } from '../../platform/db/schema.js';

type Executor = Transaction<Database> | Db;

const COLUMNS = [
  'e.id', 'e.case_id', 'e.office_id', 'e.status', 'e.priority', 'e.office_reason', 'e.created_by', 'e.created_at', 'e.ack_due_at',
  'e.action_due_at', 'e.acknowledged_at', 'e.first_action_at', 'e.closed_at', 'e.outcome', 'e.outcome_note', 'e.ack_reminded',
  'e.action_reminded', 'e.ack_breached', 'e.action_breached', 'e.version',
] as const;

export function createEscalationsRepository(db: Db) {
  const base = (trx: Executor = db) =>
    trx
      .selectFrom('escalations as e')
      .innerJoin('cases as c', 'c.id', 'e.case_id')
      .innerJoin('offices as o', 'o.id', 'e.office_id')
      .select(COLUMNS)
      .select(['c.number as case_number', 'c.category', 'o.name as office_name']);

  return {
    transaction: <T>(fn: (trx: Transaction<Database>) => Promise<T>) => db.transaction().execute(fn),
    db: db as Executor,

    async insert(trx: Executor, row: Insertable<EscalationsTable>): Promise<void> {
      await trx.insertInto('escalations').values(row).execute();
    },

    async find(id: string, opts: { trx?: Executor; lock?: boolean } = {}) {
      const q = base(opts.trx).where('e.id', '=', id);
      return (opts.lock ? q.forUpdate('e') : q).executeTakeFirst();
    },

    async packet(id: string): Promise<unknown> {
      return (await db.selectFrom('escalations').select('packet').where('id', '=', id).executeTakeFirst())?.packet;
    },

    async list(filter: { officeId?: string; caseId?: string; open?: boolean; breached?: boolean; limit: number }) {
      let q = base();
      if (filter.officeId) q = q.where('e.office_id', '=', filter.officeId);
      if (filter.caseId) q = q.where('e.case_id', '=', filter.caseId);
      if (filter.open) q = q.where('e.status', '<>', 'closed');
      if (filter.breached) q = q.where((eb) => eb.or([eb('e.ack_breached', '=', true), eb('e.action_breached', '=', true)]));
      return q.orderBy('e.created_at', 'desc').limit(filter.limit).execute();
    },

    async update(trx: Executor, id: string, set: Updateable<EscalationsTable>): Promise<void> {
      await trx.updateTable('escalations').set({ ...set, version: sql`version + 1` }).where('id', '=', id).execute();
    },

    async addEvent(trx: Executor, id: string, kind: string, actor: string | null, data: Record<string, unknown> = {}): Promise<void> {
      await trx.insertInto('escalation_events').values({ escalation_id: id, kind, actor, data: JSON.stringify(data) }).execute();
    },

    async events(id: string) {
      return db
        .selectFrom('escalation_events as v')
        .leftJoin('users as u', 'u.id', 'v.actor')
        .select(['v.kind', 'u.name as actor_name', 'v.at', 'v.data'])
        .where('v.escalation_id', '=', id)
        .orderBy('v.id')
        .execute();
    },

    async addDeliveries(trx: Executor, rows: { id: string; escalation_id: string; channel: string; purpose: string }[]): Promise<void> {
      if (rows.length) await trx.insertInto('escalation_deliveries').values(rows).execute();
    },

    async deliveries(id: string) {
      return db.selectFrom('escalation_deliveries').selectAll().where('escalation_id', '=', id).orderBy('created_at').execute();
    },

    /** A delivery with what it needs to go out: its escalation, packet and office's channels. */
    async delivery(id: string) {
      return db
        .selectFrom('escalation_deliveries as d')
        .innerJoin('escalations as e', 'e.id', 'd.escalation_id')
        .innerJoin('offices as o', 'o.id', 'e.office_id')
        .select(['d.id', 'd.channel', 'd.purpose', 'd.status', 'd.attempts', 'e.id as escalation_id', 'e.office_id', 'o.webhook_url', 'o.email_to', 'o.sms_to'])
        .where('d.id', '=', id)
        .executeTakeFirst();
    },

    async markDelivery(id: string, set: { status?: 'pending' | 'delivered' | 'dead'; attempts?: number; last_error?: string | null; delivered_at?: Date | null }): Promise<void> {
      await db.updateTable('escalation_deliveries').set(set).where('id', '=', id).execute();
    },

    /** Deliveries never tried since before `before`: their job was never queued. */
    async stalledDeliveries(before: Date): Promise<string[]> {
      const rows = await db.selectFrom('escalation_deliveries').select('id').where('status', '=', 'pending').where('attempts', '=', 0).where('created_at', '<', before).limit(1000).execute();
      return rows.map((r) => r.id);
    },

    /** Open escalations whose deadlines are not all settled. */
    async openForDeadlines() {
      return db
        .selectFrom('escalations')
        .select(['id', 'created_at', 'ack_due_at', 'action_due_at'])
        .where('status', '<>', 'closed')
        .where((eb) => eb.or([eb('ack_breached', '=', false), eb.and([eb('action_due_at', 'is not', null), eb('action_breached', '=', false)])]))
        .limit(5000)
        .execute();
    },

    async deadLetters(limit: number) {
      return db
        .selectFrom('escalation_deliveries as d')
        .innerJoin('escalations as e', 'e.id', 'd.escalation_id')
        .innerJoin('cases as c', 'c.id', 'e.case_id')
        .innerJoin('offices as o', 'o.id', 'e.office_id')
        .select(['d.id', 'd.channel', 'd.purpose', 'd.attempts', 'd.last_error', 'd.created_at', 'e.id as escalation_id', 'c.number as case_number', 'o.name as office_name'])
        .where('d.status', '=', 'dead')
        .orderBy('d.created_at', 'desc')
        .limit(limit)
        .execute();
    },
  };
}

export type EscalationsRepository = ReturnType<typeof createEscalationsRepository>;
export type EscalationRow = NonNullable<Awaited<ReturnType<EscalationsRepository['find']>>>;
