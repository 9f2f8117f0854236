import { sql } from 'kysely';
import { z } from 'zod';
import type { Db } from '../../platform/db/database.js';
import { AppError } from '../../shared/errors.js';
import { DELIVERY_CHANNELS } from '../../contracts/escalation.js';
import { HN_DEPARTMENTS } from '../../contracts/case-fields.js';
import { officeWebhookSecret } from './delivery.channels.js';
import type { OfficeDirectory } from './office-directory.js';

const E164 = /^\+[1-9]\d{6,14}$/;

/** What admins edit: everything about an office except its id. */
export const officeUpdateSchema = z
  .object({
    name: z.string().trim().min(3).max(200),
    kind: z.enum(['consulate', 'consulate-general', 'ccpmh', 'camr', 'umar', 'embassy', 'referral']),
    country: z.string().regex(/^[A-Z]{2}$/),
    city: z.string().trim().max(200).nullable(),
    jurisdiction: z.array(z.string().regex(/^[A-Z]{2}-[A-Z0-9]{1,3}$/, 'ISO 3166-2 codes such as US-TX')).max(80),
    address: z.string().trim().max(300).nullable(),
    phone: z.string().regex(E164, 'an E.164 number').nullable(),
    contact: z.string().trim().max(300).nullable(),
    hours: z.string().trim().max(300).nullable(),
    timeZone: z.string().refine((tz) => { try { new Intl.DateTimeFormat('en', { timeZone: tz }); return true; } catch { return false; } }, 'an IANA time zone such as America/Chicago').nullable(),
    channels: z.array(z.enum(DELIVERY_CHANNELS)).transform((c) => [...new Set(['inbox', ...c])]),
    webhookUrl: z.url({ protocol: /^https?$/ }).nullable(),
    emailTo: z.array(z.email()).max(10),
    smsTo: z.string().regex(E164, 'an E.164 number').nullable(),
    department: z.enum(Object.keys(HN_DEPARTMENTS) as [string]).nullable(),
  })
  .partial()
  .strict()
  .superRefine((o, ctx) => {
    if (o.channels?.includes('webhook') && o.webhookUrl === null) ctx.addIssue({ code: 'custom', path: ['webhookUrl'], message: 'required for the webhook channel' });
  });
export type OfficeUpdate = z.infer<typeof officeUpdateSchema>;

const COLUMN: Record<keyof OfficeUpdate, string> = {
  name: 'name', kind: 'kind', country: 'country', city: 'city', jurisdiction: 'jurisdiction', address: 'address', phone: 'phone_e164',
  contact: 'contact', hours: 'hours', timeZone: 'time_zone', channels: 'channels', webhookUrl: 'webhook_url', emailTo: 'email_to', smsTo: 'sms_to', department: 'department',
};

const FULL = ['id', 'name', 'kind', 'country', 'city', 'jurisdiction', 'address', 'phone_e164', 'contact', 'hours', 'time_zone', 'channels', 'webhook_url', 'email_to', 'sms_to', 'department', 'lat', 'lon', 'updated_at'] as const;

const toDto = (r: Record<string, unknown>) => ({
  id: r.id, name: r.name, kind: r.kind, country: r.country, city: r.city, jurisdiction: r.jurisdiction, address: r.address, phone: r.phone_e164,
  contact: r.contact, hours: r.hours, timeZone: r.time_zone, channels: r.channels, webhookUrl: r.webhook_url, emailTo: r.email_to, smsTo: r.sms_to,
  department: r.department, updatedAt: (r.updated_at as Date).toISOString(),
});

/** Admins keep the directory: every change is audited with who, when, and the values before and after. */
export function createOfficeAdmin(deps: { db: Db; directory: OfficeDirectory; signingSecret: string }) {
  return {
    async get(id: string) {
      const row = await deps.db.selectFrom('offices').select(FULL).where('id', '=', id).executeTakeFirst();
      if (!row) throw new AppError('not_found', 'Office not found');
      return toDto(row);
    },

    async update(id: string, patch: OfficeUpdate, actorId: string) {
      const result = await deps.db.transaction().execute(async (trx) => {
        const before = await trx.selectFrom('offices').select(FULL).where('id', '=', id).forUpdate().executeTakeFirst();
        if (!before) throw new AppError('not_found', 'Office not found');
        const set: Record<string, unknown> = {};
        const changes: Record<string, { from: unknown; to: unknown }> = {};
        for (const [key, value] of Object.entries(patch) as [keyof OfficeUpdate, unknown][]) {
          const column = COLUMN[key];
          const old = (before as Record<string, unknown>)[column];
          if (JSON.stringify(old ?? null) === JSON.stringify(value ?? null)) continue;
          set[column] = value;
          changes[key] = { from: old ?? null, to: value ?? null };
        }
        const channels = (set.channels ?? before.channels) as string[];
        const required = (path: string, what: string) => {
          throw new AppError('validation_failed', `${path}: required for the ${what} channel`, { details: [{ path, problem: 'required', message: `required for the ${what} channel` }] });
        };
        if (channels.includes('webhook') && !(set.webhook_url ?? before.webhook_url)) required('webhookUrl', 'webhook');
        if (channels.includes('email') && !((set.email_to ?? before.email_to) as string[]).length) required('emailTo', 'e-mail');
        if (channels.includes('sms') && !(set.sms_to ?? before.sms_to)) required('smsTo', 'SMS');
        if (Object.keys(set).length === 0) return before;
        const after = await trx.updateTable('offices').set({ ...set, updated_at: sql`now()` }).where('id', '=', id).returning(FULL).executeTakeFirstOrThrow();
        await trx.insertInto('offices_audit').values({ office_id: id, actor: actorId, changes: JSON.stringify(changes) }).execute();
        return after;
      });
      deps.directory.invalidate();
      return toDto(result);
    },

    async audit(id: string) {
      const rows = await deps.db
        .selectFrom('offices_audit as a')
        .leftJoin('users as u', 'u.id', 'a.actor')
        .select(['a.changes', 'a.at', 'u.name as actor_name'])
        .where('a.office_id', '=', id)
        .orderBy('a.id', 'desc')
        .limit(200)
        .execute();
      return rows.map((r) => ({ actorName: r.actor_name, at: r.at.toISOString(), changes: r.changes }));
    },

    /** The secret an office's receiver verifies webhooks with; showing it is itself audited. */
    async webhookSecret(id: string, actorId: string): Promise<string> {
      await this.get(id);
      await deps.db.insertInto('offices_audit').values({ office_id: id, actor: actorId, changes: JSON.stringify({ webhookSecret: 'shown' }) }).execute();
      return officeWebhookSecret(deps.signingSecret, id);
    },
  };
}

export type OfficeAdmin = ReturnType<typeof createOfficeAdmin>;
