import type { SelectHTMLAttributes } from 'react';
import { groupByCountry, useOffices } from '../../hooks/useOffices.js';
import { useI18n } from '../../i18n.js';

type Props = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'value' | 'onChange' | 'children'> & {
  value: string;
  onChange: (officeId: string) => void;
  /** The empty choice's words ("all offices", "choose one"); without it there is no empty choice. */
  emptyLabel?: string;
};

/**
 * Offices from GET /api/offices grouped by country. A value the directory does not list (an office
 * removed, or the directory still loading) is kept as its code, so nothing is changed by showing it.
 */
export function OfficeSelect({ value, onChange, emptyLabel, className, ...rest }: Props) {
  const { lang } = useI18n();
  const { offices } = useOffices();
  const groups = offices ? groupByCountry(offices, lang) : [];
  const known = !value || !!offices?.some((o) => o.id === value);
  return (
    <select {...rest} className={className ?? 'input'} value={value} onChange={(e) => onChange(e.target.value)}>
      {emptyLabel !== undefined && <option value="">{emptyLabel}</option>}
      {!known && <option value={value}>{value}</option>}
      {groups.map((g) => (
        <optgroup key={g.country} label={g.label}>
          {g.offices.map((o) => (
            <option key={o.id} value={o.id}>{o.name}</option>
          ))}
        </optgroup>
      ))}
    </select>
  );
}
