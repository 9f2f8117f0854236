import type { z } from 'zod';
import type { Clock } from '../../shared/clock.js';
import { AppError } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';
import { hotlineFlow, validateFlow, type Flow } from '../ivr/index.js';
import { isOpen } from './hours.js';
import type { DeadlineSettings } from '../escalations/deadlines.js';
import type { SettingsRepository } from './settings.repository.js';
import {
  SETTING_DEFAULTS, abuseSettingsSchema, escalationDeadlinesSchema, holidaysSchema, reportSettingsSchema, wallboardSettingsSchema, hoursSchema, onCallSchema, queueSettingsSchema, retentionSchema, smsSettingsSchema,
  type AbuseSettings, type Holidays, type Hours, type OnCall, type QueueSettings, type ReportSettings, type Retention, type WallboardSettings, type SmsSettings,
} from './settings.schemas.js';

export interface HotlineSettings {
  hours: Hours;
  holidays: Holidays;
  onCall: OnCall;
  queue: QueueSettings;
  sms: SmsSettings;
  retention: Retention;
  escalationDeadlines: DeadlineSettings;
  reports: ReportSettings;
  wallboard: WallboardSettings;
  abuse: AbuseSettings;
  flow: Flow;
}
export type SettingKey = keyof HotlineSettings;
export const SETTING_KEYS: SettingKey[] = ['hours', 'holidays', 'onCall', 'queue', 'sms', 'retention', 'escalationDeadlines', 'reports', 'wallboard', 'abuse', 'flow'];

const SCHEMAS: Record<Exclude<SettingKey, 'flow'>, z.ZodType> = {
  hours: hoursSchema,
  holidays: holidaysSchema,
  onCall: onCallSchema,
  queue: queueSettingsSchema,
  sms: smsSettingsSchema,
  retention: retentionSchema,
  escalationDeadlines: escalationDeadlinesSchema,
  reports: reportSettingsSchema,
  wallboard: wallboardSettingsSchema,
  abuse: abuseSettingsSchema,
};

/**
 * Settings live in the database so supervisors change them without a deploy. Webhooks read them
 * from a snapshot kept for a couple of seconds: a change reaches every process within that time,
 * and a call step costs no query.
 */
export function createSettingsService(deps: { repo: SettingsRepository; clock: Clock; logger: Logger; timeZone: string; cacheMs?: number }) {
  const cacheMs = deps.cacheMs ?? 2000;
  let cached: { at: number; value: HotlineSettings } | undefined;
  let loading: Promise<HotlineSettings> | undefined;
  let openCache: { settings: HotlineSettings; minute: number; open: boolean } | undefined;

  function validate(key: SettingKey, value: unknown): unknown {
    if (key === 'flow') {
      const result = validateFlow(value);
      if (!result.ok) throw new AppError('validation_failed', `The flow was refused: ${result.problems.join('; ')}`, { details: result.problems });
      return result.flow;
    }
    const parsed = SCHEMAS[key].safeParse(value);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => `${[key, ...i.path].join('.')}: ${i.message}`);
      throw new AppError('validation_failed', `Invalid ${key}: ${problems.join('; ')}`, { details: problems });
    }
    return parsed.data;
  }

  async function load(): Promise<HotlineSettings> {
    const stored = await deps.repo.all();
    const value: HotlineSettings = { ...SETTING_DEFAULTS, flow: hotlineFlow };
    for (const key of SETTING_KEYS) {
      if (!(key in stored)) continue;
      try {
        (value as unknown as Record<string, unknown>)[key] = validate(key, stored[key]);
      } catch {
        // A stored value that no longer validates (after an upgrade) must not break live calls.
        deps.logger.error({ key }, 'stored setting is invalid; using the default');
      }
    }
    return value;
  }

  return {
    async snapshot(): Promise<HotlineSettings> {
      const now = Date.now();
      if (cached && now - cached.at < cacheMs) return cached.value;
      loading ??= load().then(
        (value) => {
          cached = { at: Date.now(), value };
          loading = undefined;
          return value;
        },
        (err) => {
          loading = undefined;
          // Database down: keep serving the last known settings rather than failing calls.
          if (cached) return cached.value;
          throw err;
        },
      );
      return loading;
    },

    async isOpenNow(): Promise<boolean> {
      const s = await this.snapshot();
      // Hours are set to the minute and time zones are whole minutes apart from UTC: one answer per minute.
      const now = deps.clock.now();
      const minute = Math.floor(now.getTime() / 60_000);
      if (openCache && openCache.settings === s && openCache.minute === minute) return openCache.open;
      const open = isOpen(s.hours, s.holidays, now, deps.timeZone);
      openCache = { settings: s, minute, open };
      return open;
    },

    async update(key: SettingKey, value: unknown, actorId: string): Promise<unknown> {
      const valid = validate(key, value);
      await deps.repo.put(key, valid, actorId);
      cached = undefined;
      deps.logger.info({ key, actorId }, 'setting changed');
      return valid;
    },

    audit: (limit = 100) => deps.repo.audit(limit),
  };
}

export type SettingsService = ReturnType<typeof createSettingsService>;
