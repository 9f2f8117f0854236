import { z } from 'zod';

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

const everyDay = [{ open: '06:00', close: '22:00' }];
export const SETTING_DEFAULTS = {
  hours: { weekly: Object.fromEntries(DAYS.map((d) => [d, everyDay])) } as Hours,
  holidays: [] as Holidays,
  onCall: { number: null } as OnCall,
  queue: { maxWaitSeconds: 900, defaultSecondsPerCaller: 120 } as QueueSettings,
};
