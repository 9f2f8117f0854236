import { useI18n } from '../i18n.js';

export function LanguageSwitch() {
  const { lang, t, setLang } = useI18n();
  const next = lang === 'es' ? 'en' : 'es';
  return (
    <button
      type="button"
      className="button button-ghost"
      data-testid="lang-switch"
      lang={next}
      aria-label={t.header.switchToLabel}
      onClick={() => setLang(next)}
    >
      {t.header.switchTo}
    </button>
  );
}
