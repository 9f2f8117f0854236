import { flagLabel, useI18n } from '../i18n.js';

/** A case's flags and its vulnerability as small badges; nothing at all when there is neither. */
export function CaseFlags({ flags, vulnerable }: { flags: readonly string[]; vulnerable: boolean }) {
  const { t } = useI18n();
  if (!vulnerable && flags.length === 0) return null;
  return (
    <span className="flags">
      {vulnerable && (
        <span className="flag flag-vulnerable" data-testid="case-vulnerable">{t.vulnerable}</span>
      )}
      {flags.map((f) => (
        <span key={f} className={`flag flag-${/^[a-z0-9_]+$/.test(f) ? f : 'other'}`} data-testid="case-flag" data-flag={f}>
          {flagLabel(t, f)}
        </span>
      ))}
    </span>
  );
}
