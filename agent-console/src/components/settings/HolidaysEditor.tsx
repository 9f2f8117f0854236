import { useRef, useState } from 'react';
import { useI18n } from '../../i18n.js';
import type { Holiday } from '../../settings-types.js';
import { SettingsSection, useSaver } from './SettingsSection.js';

interface Row extends Holiday { key: number }

export function HolidaysEditor({ initial, onUnauthorized }: { initial: Holiday[]; onUnauthorized: () => void }) {
  const { t } = useI18n();
  const h = t.settings.holidays;
  const nextKey = useRef(0);
  const toDraft = (list: Holiday[]): Row[] => list.map((x) => ({ key: nextKey.current++, date: x.date, name: x.name }));
  const [rows, setRows] = useState<Row[]>(() => toDraft(initial));
  const { state, save, edited } = useSaver('holidays', onUnauthorized);

  const update = (next: Row[]) => {
    setRows(next);
    edited();
  };
  const setField = (key: number, field: keyof Holiday, value: string) =>
    update(rows.map((r) => (r.key === key ? { ...r, [field]: value } : r)));

  const submit = async () => {
    const stored = await save(rows.map((r) => ({ date: r.date, name: r.name })));
    if (stored) setRows(toDraft(stored));
  };

  return (
    <SettingsSection
      id="holidays"
      testId="settings-holidays"
      saveTestId="save-holidays"
      title={h.title}
      hint={h.hint}
      state={state}
      onSave={() => void submit()}
    >
      {rows.length === 0
        ? <p className="muted">{h.empty}</p>
        : (
          <ul className="holidays">
            {rows.map((r, i) => (
              <li key={r.key} className="holiday" data-testid="holiday-row">
                <input
                  type="date"
                  className="input"
                  value={r.date}
                  aria-label={h.dateLabel(i + 1)}
                  data-testid={`holiday-${i}-date`}
                  onChange={(e) => setField(r.key, 'date', e.target.value)}
                />
                <input
                  type="text"
                  className="input input-grow"
                  value={r.name}
                  maxLength={100}
                  placeholder={h.name}
                  aria-label={h.nameLabel(i + 1)}
                  data-testid={`holiday-${i}-name`}
                  onChange={(e) => setField(r.key, 'name', e.target.value)}
                />
                <button
                  type="button"
                  className="button button-small button-ghost-dark"
                  aria-label={h.removeLabel(i + 1)}
                  data-testid={`holiday-${i}-remove`}
                  onClick={() => update(rows.filter((x) => x.key !== r.key))}
                >
                  {t.settings.remove}
                </button>
              </li>
            ))}
          </ul>
        )}
      <div>
        <button
          type="button"
          className="button button-small"
          data-testid="holiday-add"
          onClick={() => update([...rows, { key: nextKey.current++, date: '', name: '' }])}
        >
          + {h.add}
        </button>
      </div>
    </SettingsSection>
  );
}
