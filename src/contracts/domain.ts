// Shared vocabulary between the server and the console. Types only: the console compiles against these.

export type Language = 'es' | 'en';
export type Role = 'agent' | 'supervisor' | 'admin' | 'consulate';
export type Priority = 1 | 2 | 3 | 4;

export const CATEGORIES = [
  'RIESGO_VIDA', 'NNA_SOLO', 'TRATA_VIOLENCIA', 'DESPLAZ_VIOLENCIA', 'DETENCION', 'DESAPARECIDO',
  'HOSPITALIZADO', 'FALLECIMIENTO', 'RETORNO_ASISTIDO', 'DEPORTACION_INFO', 'TPS_LEGAL', 'DOCUMENTOS',
  'REINTEGRACION', 'FRAUDE', 'QUEJA', 'ESCUCHA', 'SIN_CLASIFICAR',
] as const;
export type Category = (typeof CATEGORIES)[number];

export const CASE_STATUSES = ['new', 'in_progress', 'waiting_caller', 'escalated', 'resolved', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export type CallStatus = 'in_ivr' | 'queued' | 'abandoned' | 'completed' | 'connected';

/** Where the affected person is, asked first in menu 1. */
export type LocationAnswer = 'US' | 'MX' | 'ROUTE' | 'HN' | 'OTHER';

/** Where an agent stands. on_call and wrap_up are set by the server only. */
export const AGENT_STATES = ['offline', 'available', 'on_call', 'wrap_up', 'break'] as const;
export type AgentState = (typeof AGENT_STATES)[number];
