import { useRef, useState } from 'react';
import { WEEKDAYS, useI18n, type Weekday } from '../../i18n.js';
import type { Hours, Interval } from '../../settings-types.js';
import { SettingsSection, useSaver } from './SettingsSection.js';

interface Row extends Interval { key: number }
type Draft = Record<Weekday, Row[]>;

// A time input cannot hold 24:00; closing at 00:00 on screen is stored as 24:00 (end of the day).
const END_OF_DAY = '24:00';
const toScreen = (close: string) => (close === END_OF_DAY ? '00:00' : close);
const toServer = (close: string) => (close === '00:00' ? END_OF_DAY : close);

export function HoursEditor({ initial, onUnauthorized }: { initial: Hours; onUnauthorized: () => void }) {
  const { t } = useI18n();
  const h = t.settings.hours;
  const nextKey = useRef(0);
  const toDraft = (hours: Hours): Draft =>
    Object.fromEntries(WEEKDAYS.map((d) => [
      d,
      (hours.weekly?.[d] ?? []).map((i) => ({ key: nextKey.current++, open: i.open, close: toScreen(i.close) })),
    ])) as Draft;
  const [draft, setDraft] = useState<Draft>(() => toDraft(initial));
  const { state, save, edited } = useSaver('hours', onUnauthorized);

  const update = (day: Weekday, rows: Row[]) => {
    setDraft((d) => ({ ...d, [day]: rows }));
    edited();
  };
  const setField = (day: Weekday, key: number, field: keyof Interval, value: string) =>
    update(day, draft[day].map((r) => (r.key === key ? { ...r, [field]: value } : r)));
  const add = (day: Weekday) => {
    const last = draft[day].at(-1);
    // A new interval starts where the last one ended, which is the usual split shift.
    const row: Row = last
      ? { key: nextKey.current++, open: last.close === '00:00' ? '00:00' : last.close, close: '00:00' }
      : { key: nextKey.current++, open: '08:00', close: '17:00' };
    update(day, [...draft[day], row]);
  };
  const remove = (day: Weekday, key: number) => update(day, draft[day].filter((r) => r.key !== key));

  const submit = async () => {
    const weekly = Object.fromEntries(WEEKDAYS.map((d) => [d, draft[d].map((r) => ({ open: r.open, close: toServer(r.close) }))]));
    const stored = await save({ weekly });
    if (stored) setDraft(toDraft(stored));
  };

  return (
    <SettingsSection
      id="hours"
      testId="settings-hours"
      saveTestId="save-hours"
      title={h.title}
      hint={h.hint}
      state={state}
      onSave={() => void submit()}
    >
      <div className="hours">
        {WEEKDAYS.map((day) => {
          const dayName = t.settings.days[day];
          return (
            <div key={day} className="hours-day" data-testid={`hours-${day}`}>
              <span className="hours-day-name" id={`hours-${day}-name`}>{dayName}</span>
              <div className="hours-intervals">
                {draft[day].length === 0 && <span className="closed-day">{h.closed}</span>}
                {draft[day].map((r, i) => (
                  <span key={r.key} className="interval">
                    <input
                      type="time"
                      className="input input-time"
                      value={r.open}
                      aria-label={h.openLabel(dayName, i + 1)}
                      data-testid={`hours-${day}-${i}-open`}
                      onChange={(e) => setField(day, r.key, 'open', e.target.value)}
                    />
                    <span aria-hidden="true">–</span>
                    <input
                      type="time"
                      className="input input-time"
                      value={r.close}
                      aria-label={h.closeLabel(dayName, i + 1)}
                      data-testid={`hours-${day}-${i}-close`}
                      onChange={(e) => setField(day, r.key, 'close', e.target.value)}
                    />
                    <button
                      type="button"
                      className="button button-small button-ghost-dark"
                      aria-label={h.removeLabel(dayName, i + 1)}
                      data-testid={`hours-${day}-${i}-remove`}
                      onClick={() => remove(day, r.key)}
                    >
                      {t.settings.remove}
                    </button>
                  </span>
                ))}
              </div>
              <button
                type="button"
                className="button button-small"
                aria-label={h.addLabel(dayName)}
                data-testid={`hours-${day}-add`}
                onClick={() => add(day)}
              >
                + {h.add}
              </button>
            </div>
          );
        })}
      </div>
    </SettingsSection>
  );
}
