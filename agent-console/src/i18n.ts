import { createContext, useContext } from 'react';
import type { CaseStatus, Category, Language, RecordingDto, Role } from '../../src/contracts/index.js';

/** Flags the server sets on a case; others may appear later and are shown as they come. */
export const CASE_FLAGS = ['voicemail', 'callback', 'fallback', 'on_call_unanswered', 'after_hours_p1'] as const;
export type CaseFlag = (typeof CASE_FLAGS)[number];

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

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
    kindCallback: 'Devolver llamada',
    kindCallbackHint: 'La persona colgó y conserva su lugar: hay que devolverle la llamada.',
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
    flags: 'Alertas',
    timeZoneNote: 'Horas de Tegucigalpa',
    openHint: 'Abrir el detalle del caso',
  },
  flags: {
    voicemail: 'Mensaje de voz',
    callback: 'Devolver llamada',
    fallback: 'Falla técnica',
    on_call_unanswered: 'Turno sin respuesta',
    after_hours_p1: 'P1 fuera de horario',
  } satisfies Record<CaseFlag, string>,
  vulnerable: 'Vulnerable',
  detail: {
    label: 'Detalle del caso',
    close: 'Cerrar',
    closeLabel: 'Cerrar el detalle del caso',
    loading: 'Cargando el caso…',
    notFound: 'Este caso no existe o ya no está disponible.',
    loadError: 'No se pudo cargar el caso.',
    retry: 'Reintentar',
    status: 'Estado',
    category: 'Categoría',
    priority: 'Prioridad',
    caller: 'Número',
    language: 'Idioma',
    office: 'Oficina',
    createdAt: 'Creado',
    menuPath: 'Ruta del menú',
    flags: 'Alertas',
    noFlags: 'Sin alertas',
    recordings: 'Mensajes de voz',
    noRecordings: 'Este caso no tiene mensajes de voz.',
    recordingKinds: { voicemail: 'Mensaje de voz', call: 'Grabación de la llamada' } satisfies Record<RecordingDto['kind'], string>,
    duration: 'Duración',
    receivedAt: 'Recibido',
    listenLabel: (when: string) => `Escuchar el mensaje del ${when}`,
    noAudio: 'Su navegador no puede reproducir este audio.',
    transcriptionNote: 'La transcripción automática no está disponible en español: escuche el mensaje.',
    timeline: 'Historial',
    noEvents: 'Sin eventos.',
    timeZoneNote: 'Horas de Tegucigalpa',
  },
  eventKinds: {
    'case.opened': 'Caso abierto',
    'call.queued': 'Llamada en cola',
    'call.abandoned': 'Colgó en espera',
    'callback.requested': 'Pidió devolución de llamada',
    'voicemail.received': 'Mensaje de voz recibido',
    'on_call.unanswered': 'Turno no contestó',
    'sms.sent': 'SMS enviado',
  } as Record<string, string>,
  actors: { ivr: 'Menú telefónico', system: 'Sistema' } as Record<string, string>,
  nav: { label: 'Secciones', queue: 'Cola', settings: 'Configuración' },
  settings: {
    title: 'Configuración de la línea',
    intro: 'Los cambios se aplican a las llamadas en unos segundos. Cada sección se guarda por separado.',
    loading: 'Cargando la configuración…',
    loadError: 'No se pudo cargar la configuración.',
    retry: 'Reintentar',
    save: 'Guardar',
    saving: 'Guardando…',
    saved: 'Guardado',
    refused: 'No se guardó:',
    saveFailed: 'No se pudo guardar. Revise su conexión e inténtelo de nuevo.',
    forbidden: 'Su rol no permite cambiar la configuración.',
    remove: 'Quitar',
    hours: {
      title: 'Horario de atención',
      hint: 'Hora de Tegucigalpa. Un día sin intervalos queda cerrado. Un cierre a las 00:00 (12:00 a. m.) significa medianoche, el final del día.',
      open: 'Abre',
      close: 'Cierra',
      closed: 'Cerrado',
      add: 'Agregar intervalo',
      addLabel: (day: string) => `Agregar un intervalo el ${day}`,
      removeLabel: (day: string, n: number) => `Quitar el intervalo ${n} del ${day}`,
      openLabel: (day: string, n: number) => `${day}, intervalo ${n}: abre`,
      closeLabel: (day: string, n: number) => `${day}, intervalo ${n}: cierra`,
    },
    days: {
      mon: 'Lunes', tue: 'Martes', wed: 'Miércoles', thu: 'Jueves', fri: 'Viernes', sat: 'Sábado', sun: 'Domingo',
    } satisfies Record<Weekday, string>,
    holidays: {
      title: 'Feriados',
      hint: 'Los días feriados la línea funciona como fuera de horario.',
      date: 'Fecha',
      name: 'Nombre',
      empty: 'No hay feriados.',
      add: 'Agregar feriado',
      removeLabel: (n: number) => `Quitar el feriado ${n}`,
      dateLabel: (n: number) => `Feriado ${n}: fecha`,
      nameLabel: (n: number) => `Feriado ${n}: nombre`,
    },
    onCall: {
      title: 'Número de turno',
      hint: 'Fuera de horario, las emergencias P1 se transfieren a este número. Formato E.164, por ejemplo +50499998888. Vacío: sin turno.',
      number: 'Número de turno',
    },
    queue: {
      title: 'Cola de espera',
      maxWait: 'Espera máxima (segundos)',
      maxWaitHint: 'Después de este tiempo se ofrece dejar un mensaje de voz o pedir que le devuelvan la llamada.',
      perCaller: 'Segundos por persona (estimación)',
      perCallerHint: 'Se usa para estimar la espera mientras no haya suficientes llamadas atendidas para medirla.',
    },
    prompts: {
      title: 'Mensajes del menú telefónico',
      hint: 'Texto que escucha la persona en cada paso del menú, en español y en inglés.',
      node: 'Paso',
      prompt: 'Mensaje',
      intro: 'Bienvenida',
      es: 'Español',
      en: 'Inglés',
      start: 'inicio',
      fieldLabel: (node: string, part: string) => `${node}, ${part}, `,
    },
  },
  priorityLabel: (p: number) => `Prioridad ${p}`,
  count: (n: number) => (n === 1 ? '1 llamada' : `${n} llamadas`),
  countShown: (shown: number) => `se muestran las primeras ${shown}`,
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
    kindCallback: 'Call back',
    kindCallbackHint: 'The caller hung up and keeps their place: they must be called back.',
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
    flags: 'Flags',
    timeZoneNote: 'Times in Tegucigalpa',
    openHint: 'Open the case detail',
  },
  flags: {
    voicemail: 'Voicemail',
    callback: 'Call back',
    fallback: 'Technical fallback',
    on_call_unanswered: 'On-call unanswered',
    after_hours_p1: 'After-hours P1',
  },
  vulnerable: 'Vulnerable',
  detail: {
    label: 'Case detail',
    close: 'Close',
    closeLabel: 'Close the case detail',
    loading: 'Loading the case…',
    notFound: 'This case does not exist or is no longer available.',
    loadError: 'Could not load the case.',
    retry: 'Retry',
    status: 'Status',
    category: 'Category',
    priority: 'Priority',
    caller: 'Number',
    language: 'Language',
    office: 'Office',
    createdAt: 'Created',
    menuPath: 'Menu path',
    flags: 'Flags',
    noFlags: 'No flags',
    recordings: 'Voice messages',
    noRecordings: 'This case has no voice messages.',
    recordingKinds: { voicemail: 'Voicemail', call: 'Call recording' },
    duration: 'Duration',
    receivedAt: 'Received',
    listenLabel: (when: string) => `Listen to the message of ${when}`,
    noAudio: 'Your browser cannot play this audio.',
    transcriptionNote: 'Automatic transcription is not available for Spanish: listen to the message.',
    timeline: 'Timeline',
    noEvents: 'No events.',
    timeZoneNote: 'Times in Tegucigalpa',
  },
  eventKinds: {
    'case.opened': 'Case opened',
    'call.queued': 'Call queued',
    'call.abandoned': 'Hung up while waiting',
    'callback.requested': 'Asked for a call back',
    'voicemail.received': 'Voicemail received',
    'on_call.unanswered': 'On-call did not answer',
    'sms.sent': 'SMS sent',
  },
  actors: { ivr: 'Phone menu', system: 'System' },
  nav: { label: 'Sections', queue: 'Queue', settings: 'Settings' },
  settings: {
    title: 'Hotline settings',
    intro: 'Changes reach calls within a few seconds. Each section is saved on its own.',
    loading: 'Loading settings…',
    loadError: 'Could not load the settings.',
    retry: 'Retry',
    save: 'Save',
    saving: 'Saving…',
    saved: 'Saved',
    refused: 'Not saved:',
    saveFailed: 'Could not save. Check your connection and try again.',
    forbidden: 'Your role may not change the settings.',
    remove: 'Remove',
    hours: {
      title: 'Opening hours',
      hint: 'Tegucigalpa time. A day without intervals is closed. Closing at 00:00 (12:00 AM) means midnight, the end of the day.',
      open: 'Opens',
      close: 'Closes',
      closed: 'Closed',
      add: 'Add interval',
      addLabel: (day: string) => `Add an interval on ${day}`,
      removeLabel: (day: string, n: number) => `Remove interval ${n} on ${day}`,
      openLabel: (day: string, n: number) => `${day}, interval ${n}: opens`,
      closeLabel: (day: string, n: number) => `${day}, interval ${n}: closes`,
    },
    days: {
      mon: 'Monday', tue: 'Tuesday', wed: 'Wednesday', thu: 'Thursday', fri: 'Friday', sat: 'Saturday', sun: 'Sunday',
    },
    holidays: {
      title: 'Holidays',
      hint: 'On holidays the hotline behaves as after hours.',
      date: 'Date',
      name: 'Name',
      empty: 'No holidays.',
      add: 'Add holiday',
      removeLabel: (n: number) => `Remove holiday ${n}`,
      dateLabel: (n: number) => `Holiday ${n}: date`,
      nameLabel: (n: number) => `Holiday ${n}: name`,
    },
    onCall: {
      title: 'On-call number',
      hint: 'After hours, P1 emergencies are transferred to this number. E.164 format, for example +50499998888. Empty: no on-call.',
      number: 'On-call number',
    },
    queue: {
      title: 'Waiting queue',
      maxWait: 'Maximum wait (seconds)',
      maxWaitHint: 'After this long, callers are offered to leave a voice message or ask for a call back.',
      perCaller: 'Seconds per caller (estimate)',
      perCallerHint: 'Used to estimate the wait until enough calls have been answered to measure it.',
    },
    prompts: {
      title: 'Phone menu messages',
      hint: 'What callers hear at each step of the menu, in Spanish and in English.',
      node: 'Step',
      prompt: 'Message',
      intro: 'Greeting',
      es: 'Spanish',
      en: 'English',
      start: 'start',
      fieldLabel: (node: string, part: string) => `${node}, ${part}, `,
    },
  },
  priorityLabel: (p: number) => `Priority ${p}`,
  count: (n: number) => (n === 1 ? '1 call' : `${n} calls`),
  countShown: (shown: number) => `showing the first ${shown}`,
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

export function dateTimeFormatter(lang: Language, seconds = false): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat(LOCALES[lang], {
    timeZone: TIME_ZONE, year: 'numeric', month: 'short', day: '2-digit', hour: '2-digit', minute: '2-digit',
    ...(seconds ? { second: '2-digit' } : {}),
  });
}

/** Known values are translated; anything newer than this console is shown as the server sent it. */
export function flagLabel(t: Messages, flag: string): string {
  return Object.hasOwn(t.flags, flag) ? t.flags[flag as CaseFlag] : flag;
}

export function eventKindLabel(t: Messages, kind: string): string {
  return Object.hasOwn(t.eventKinds, kind) ? (t.eventKinds[kind] ?? kind) : kind;
}

export function actorLabel(t: Messages, actor: string): string {
  return Object.hasOwn(t.actors, actor) ? (t.actors[actor] ?? actor) : actor;
}

export interface I18n {
  lang: Language;
  t: Messages;
  setLang: (lang: Language) => void;
  formatDateTime: (iso: string) => string;
  /** With seconds: for timelines, where several events share a minute. */
  formatDateTimeSeconds: (iso: string) => string;
}

export const I18nContext = createContext<I18n | null>(null);

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}
