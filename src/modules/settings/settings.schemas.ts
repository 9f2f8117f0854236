import { z } from 'zod';
import { DEFAULT_DEADLINES } from '../escalations/deadlines.js';

/**
 * Everything supervisors may change without a deploy, each key with its schema and default.
 * Hours are in the hotline's time zone (America/Tegucigalpa, no daylight saving).
 */
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'use HH:MM');
const interval = z
  .object({ open: hhmm, close: hhmm })
  .refine((i) => i.open < i.close, { message: 'open must be before close' });
export const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

export const hoursSchema = z.object({
  weekly: z.object(Object.fromEntries(DAYS.map((d) => [d, z.array(interval).max(4)])) as Record<(typeof DAYS)[number], z.ZodArray<typeof interval>>),
});
export type Hours = z.infer<typeof hoursSchema>;

export const holidaysSchema = z
  .array(z.object({ date: z.iso.date(), name: z.string().trim().min(1).max(100) }))
  .max(200)
  .refine((list) => new Set(list.map((h) => h.date)).size === list.length, { message: 'a date is listed twice' });
export type Holidays = z.infer<typeof holidaysSchema>;

export const onCallSchema = z.object({
  number: z.string().regex(/^\+[1-9]\d{6,14}$/, 'an E.164 number such as +50499998888').nullable(),
});
export type OnCall = z.infer<typeof onCallSchema>;

export const queueSettingsSchema = z.object({
  /** After this long waiting, the caller is offered a callback or voicemail (and may keep waiting). */
  maxWaitSeconds: z.number().int().min(60).max(7200),
  /** Used for the estimated wait until enough answers have been seen to measure the rate. */
  defaultSecondsPerCaller: z.number().int().min(10).max(3600),
});
export type QueueSettings = z.infer<typeof queueSettingsSchema>;

const template = z
  .string()
  .trim()
  .min(1)
  .max(320, 'at most two SMS segments (320 characters)')
  .refine((t) => t.includes('{caseNumber}'), { message: 'must contain {caseNumber}' });
const bilingual = z.object({ es: template, en: template }).strict();

/** Texts to callers. Placeholders: {caseNumber}, and {status} for status changes. */
export const smsSettingsSchema = z
  .object({
    sendOnCaseOpened: z.boolean(),
    templates: z
      .object({
        caseOpened: bilingual,
        statusChanged: bilingual.refine((b) => b.es.includes('{status}') && b.en.includes('{status}'), { message: 'must contain {status}' }),
        escalationUpdate: bilingual.refine((b) => b.es.includes('{step}') && b.en.includes('{step}'), { message: 'must contain {step}' }),
      })
      .strict(),
  })
  .strict();
export type SmsSettings = z.infer<typeof smsSettingsSchema>;

/** How long people's data is kept after a case is resolved or closed; statistics survive anonymised. */
export const retentionSchema = z.object({ personalDataDays: z.number().int().min(30).max(3650) }).strict();
export type Retention = z.infer<typeof retentionSchema>;

/** Reports: T of the service level (domain.md, default 60 s), and the open data's smallest published count. */
export const reportSettingsSchema = z.object({ serviceLevelSeconds: z.number().int().min(5).max(3600), suppressBelow: z.number().int().min(2).max(100) }).strict();
export type ReportSettings = z.infer<typeof reportSettingsSchema>;

const band = z.object({ amber: z.number().min(0), red: z.number().min(0) }).strict();
/** When the wallboard turns amber and red. */
export const wallboardSettingsSchema = z
  .object({
    serviceLevel: band.refine((b) => b.red <= b.amber, { message: 'red must be at or below amber' }),
    abandonmentRate: band.refine((b) => b.red >= b.amber, { message: 'red must be at or above amber' }),
    longestWaitS: band.refine((b) => b.red >= b.amber, { message: 'red must be at or above amber' }),
  })
  .strict();
export type WallboardSettings = z.infer<typeof wallboardSettingsSchema>;

/** Floods and toll fraud: calls from one number in an hour before it hears a recorded message instead. */
export const abuseSettingsSchema = z.object({ maxCallsPerHour: z.number().int().min(1).max(1000) }).strict();
export type AbuseSettings = z.infer<typeof abuseSettingsSchema>;

const deadlineRule = z.union([
  z.object({ minutes: z.number().int().min(1).max(60 * 24 * 30) }).strict(),
  z.object({ endOfDay: z.literal(true) }).strict(),
  z.object({ workingDays: z.number().int().min(1).max(30) }).strict(),
]);
const priorityDeadlines = z.object({ ack: deadlineRule, action: deadlineRule.nullable() }).strict();
/** Deadlines for offices by priority, counted in each office's time zone. */
export const escalationDeadlinesSchema = z
  .object({
    byPriority: z.object({ '1': priorityDeadlines, '2': priorityDeadlines, '3': priorityDeadlines, '4': priorityDeadlines }).strict(),
    remindAt: z.number().min(0.1).max(0.95),
  })
  .strict();

const everyDay = [{ open: '06:00', close: '22:00' }];
export const SETTING_DEFAULTS = {
  hours: { weekly: Object.fromEntries(DAYS.map((d) => [d, everyDay])) } as Hours,
  holidays: [] as Holidays,
  onCall: { number: null } as OnCall,
  queue: { maxWaitSeconds: 900, defaultSecondsPerCaller: 120 } as QueueSettings,
  sms: {
    sendOnCaseOpened: true,
    templates: {
      caseOpened: {
        es: 'ALHO Voz: su caso es el {caseNumber}. Guárdelo: con ese número puede consultar su estado llamando a la línea.',
        en: 'ALHO Voz: your case number is {caseNumber}. Keep it to check its status by calling the hotline.',
      },
      statusChanged: {
        es: 'ALHO Voz: su caso {caseNumber} ahora está: {status}.',
        en: 'ALHO Voz: your case {caseNumber} is now: {status}.',
      },
      escalationUpdate: {
        es: 'ALHO Voz: novedades de su caso {caseNumber} con el consulado: {step}.',
        en: 'ALHO Voz: news on your case {caseNumber} from the consulate: {step}.',
      },
    },
  } as SmsSettings,
  retention: { personalDataDays: 730 } as Retention,
  escalationDeadlines: DEFAULT_DEADLINES,
  reports: { serviceLevelSeconds: 60, suppressBelow: 5 } as ReportSettings,
  abuse: { maxCallsPerHour: 10 } as AbuseSettings,
  wallboard: { serviceLevel: { amber: 0.8, red: 0.6 }, abandonmentRate: { amber: 0.05, red: 0.1 }, longestWaitS: { amber: 120, red: 360 } } as WallboardSettings,
};
