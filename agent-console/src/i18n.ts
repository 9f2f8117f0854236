import { createContext, useContext } from 'react';
import type { CaseStatus, Category, Language, Role } from '../../src/contracts/index.js';

const es = {
  appName: 'ALHO Voz',
  consoleName: 'Consola de agentes',
  loading: 'Cargando…',
  login: {
    title: 'Iniciar sesión',
    subtitle: 'Línea de atención consular para personas hondureñas migrantes',
    email: 'Correo electrónico',
    password: 'Contraseña',
    submit: 'Entrar',
    submitting: 'Entrando…',
    invalidCredentials: 'Correo o contraseña incorrectos.',
    rateLimited: 'Demasiados intentos. Espere unos minutos y vuelva a intentarlo.',
    network: 'No se pudo conectar con el servidor. Revise su conexión.',
    sessionExpired: 'Su sesión terminó. Inicie sesión de nuevo.',
  },
  header: {
    logout: 'Cerrar sesión',
    switchTo: 'English',
    switchToLabel: 'Switch to English',
    signedInAs: 'Sesión de',
  },
  connection: { live: 'En vivo', connecting: 'Conectando…', reconnecting: 'Reconectando…' },
  loadError: 'No se pudieron cargar los datos. Se reintentará al reconectar.',
  waiting: {
    title: 'Llamadas en espera',
    empty: 'No hay llamadas en espera.',
    position: 'Posición',
    caller: 'Número',
    language: 'Idioma',
    menuPath: 'Ruta del menú',
    category: 'Categoría',
    priority: 'Prioridad',
    caseNumber: 'Caso',
    waitTime: 'Espera',
  },
  cases: {
    title: 'Casos abiertos',
    empty: 'No hay casos abiertos.',
    number: 'Caso',
    createdAt: 'Creado',
    status: 'Estado',
    category: 'Categoría',
    priority: 'Prioridad',
    language: 'Idioma',
    caller: 'Número',
    menuPath: 'Ruta del menú',
    timeZoneNote: 'Horas de Tegucigalpa',
  },
  priorityLabel: (p: number) => `Prioridad ${p}`,
  count: (n: number) => (n === 1 ? '1 llamada' : `${n} llamadas`),
  caseCount: (n: number) => (n === 1 ? '1 caso' : `${n} casos`),
  languages: { es: 'Español', en: 'Inglés' } satisfies Record<Language, string>,
  roles: {
    agent: 'Agente', supervisor: 'Supervisión', admin: 'Administración', consulate: 'Consulado',
  } satisfies Record<Role, string>,
  statuses: {
    new: 'Nuevo',
    in_progress: 'En curso',
    waiting_caller: 'Esperando a la persona',
    escalated: 'Escalado',
    resolved: 'Resuelto',
    closed: 'Cerrado',
  } satisfies Record<CaseStatus, string>,
  categories: {
    RIESGO_VIDA: 'Vida en riesgo',
    NNA_SOLO: 'Niñez no acompañada',
    TRATA_VIOLENCIA: 'Trata o violencia',
    DESPLAZ_VIOLENCIA: 'Desplazamiento por violencia',
    DETENCION: 'Detención',
    DESAPARECIDO: 'Persona desaparecida',
    HOSPITALIZADO: 'Hospitalización',
    FALLECIMIENTO: 'Fallecimiento',
    RETORNO_ASISTIDO: 'Retorno asistido',
    DEPORTACION_INFO: 'Información sobre deportación',
    TPS_LEGAL: 'TPS y asesoría legal',
    DOCUMENTOS: 'Documentos',
    REINTEGRACION: 'Reintegración',
    FRAUDE: 'Fraude',
    QUEJA: 'Queja',
    ESCUCHA: 'Escucha y apoyo',
    SIN_CLASIFICAR: 'Sin clasificar',
  } satisfies Record<Category, string>,
};

export type Messages = typeof es;

const en: Messages = {
  appName: 'ALHO Voz',
  consoleName: 'Agent console',
  loading: 'Loading…',
  login: {
    title: 'Sign in',
    subtitle: 'Consular hotline for Honduran migrants',
    email: 'Email',
    password: 'Password',
    submit: 'Sign in',
    submitting: 'Signing in…',
    invalidCredentials: 'Incorrect email or password.',
    rateLimited: 'Too many attempts. Wait a few minutes and try again.',
    network: 'Could not reach the server. Check your connection.',
    sessionExpired: 'Your session has ended. Please sign in again.',
  },
  header: {
    logout: 'Sign out',
    switchTo: 'Español',
    switchToLabel: 'Cambiar a español',
    signedInAs: 'Signed in as',
  },
  connection: { live: 'Live', connecting: 'Connecting…', reconnecting: 'Reconnecting…' },
  loadError: 'Could not load data. It will be retried on reconnect.',
  waiting: {
    title: 'Waiting calls',
    empty: 'No calls waiting.',
    position: 'Position',
    caller: 'Number',
    language: 'Language',
    menuPath: 'Menu path',
    category: 'Category',
    priority: 'Priority',
    caseNumber: 'Case',
    waitTime: 'Wait',
  },
  cases: {
    title: 'Open cases',
    empty: 'No open cases.',
    number: 'Case',
    createdAt: 'Created',
    status: 'Status',
    category: 'Category',
    priority: 'Priority',
    language: 'Language',
    caller: 'Number',
    menuPath: 'Menu path',
    timeZoneNote: 'Times in Tegucigalpa',
  },
  priorityLabel: (p: number) => `Priority ${p}`,
  count: (n: number) => (n === 1 ? '1 call' : `${n} calls`),
  caseCount: (n: number) => (n === 1 ? '1 case' : `${n} cases`),
  languages: { es: 'Spanish', en: 'English' },
  roles: { agent: 'Agent', supervisor: 'Supervisor', admin: 'Administrator', consulate: 'Consulate' },
  statuses: {
    new: 'New',
    in_progress: 'In progress',
    waiting_caller: 'Waiting for caller',
    escalated: 'Escalated',
    resolved: 'Resolved',
    closed: 'Closed',
  },
  categories: {
    RIESGO_VIDA: 'Life at risk',
    NNA_SOLO: 'Unaccompanied minor',
    TRATA_VIOLENCIA: 'Trafficking or violence',
    DESPLAZ_VIOLENCIA: 'Violence-driven displacement',
    DETENCION: 'Detention',
    DESAPARECIDO: 'Missing person',
    HOSPITALIZADO: 'Hospitalized',
    FALLECIMIENTO: 'Death',
    RETORNO_ASISTIDO: 'Assisted return',
    DEPORTACION_INFO: 'Deportation information',
    TPS_LEGAL: 'TPS and legal advice',
    DOCUMENTOS: 'Documents',
    REINTEGRACION: 'Reintegration',
    FRAUDE: 'Fraud',
    QUEJA: 'Complaint',
    ESCUCHA: 'Listening and support',
    SIN_CLASIFICAR: 'Unclassified',
  },
};

export const MESSAGES: Record<Language, Messages> = { es, en };

const STORAGE_KEY = 'alho.console.lang';

/** Spanish unless the agent chose English before; storage can throw in locked-down browsers. */
export function loadLanguage(): Language {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'es';
  } catch {
    return 'es';
  }
}

export function saveLanguage(lang: Language): void {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // The choice still applies for this page load.
  }
}

// Agents work from Honduras and abroad; every time shown is Tegucigalpa time so they agree.
export const TIME_ZONE = 'America/Tegucigalpa';
const LOCALES: Record<Language, string> = { es: 'es-HN', en: 'en-US' };

export function dateTimeFormatter(lang: Language): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat(LOCALES[lang], {
    timeZone: TIME_ZONE, year: 'numeric', month: 'short', day: '2-digit', hour: '2-digit', minute: '2-digit',
  });
}

export interface I18n {
  lang: Language;
  t: Messages;
  setLang: (lang: Language) => void;
  formatDateTime: (iso: string) => string;
}

export const I18nContext = createContext<I18n | null>(null);

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}
