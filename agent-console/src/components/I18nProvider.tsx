import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Language } from '../../../src/contracts/index.js';
import { I18nContext, MESSAGES, dateTimeFormatter, loadLanguage, saveLanguage, type I18n } from '../i18n.js';

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Language>(loadLanguage);

  const setLang = useCallback((next: Language) => {
    saveLanguage(next);
    setLangState(next);
  }, []);

  // Screen readers pick pronunciation from <html lang>.
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  const value = useMemo<I18n>(() => {
    const fmt = dateTimeFormatter(lang);
    const fmtSeconds = dateTimeFormatter(lang, true);
    const format = (f: Intl.DateTimeFormat, iso: string) => {
      const d = new Date(iso);
      return Number.isNaN(d.getTime()) ? '—' : f.format(d);
    };
    return {
      lang,
      t: MESSAGES[lang],
      setLang,
      formatDateTime: (iso) => format(fmt, iso),
      formatDateTimeSeconds: (iso) => format(fmtSeconds, iso),
    };
  }, [lang, setLang]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}
