import type {
  AgentListDto, AgentPresenceDto, ApiError, BlockedNumberDto, BlockedNumberListDto, BlockNumberRequest, CaseDetailDto, CaseListDto, FieldIssue, Language,
  LoginRequest, LoginResponse, QueueDto, UserDto, WallboardDto,
} from '../../src/contracts/index.js';
import type { HotlineSettings, SettingKey } from './settings-types.js';

/** A failed request. status 0 means the server could not be reached. */
export class HttpError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly fields: FieldIssue[] = []) {
    super(message);
    this.name = 'HttpError';
  }
}

// The server rejects writes without this header: a cross-site form cannot set it (CSRF defence).
const BASE_HEADERS = { 'X-Requested-With': 'alho-console' } as const;

/**
 * `language` goes out as Accept-Language: the server words its field problems (422) in it.
 */
export async function request<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown, language?: Language): Promise<T> {
  const headers: Record<string, string> = { ...BASE_HEADERS, Accept: 'application/json' };
  if (method !== 'GET' && method !== 'DELETE') headers['Content-Type'] = 'application/json';
  if (language) headers['Accept-Language'] = language;
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (err) {
    throw new HttpError(0, 'network', err instanceof Error ? err.message : String(err));
  }
  const data: unknown = res.status === 204 ? null : await res.json().catch(() => null);
  if (!res.ok) {
    const e = (data as Partial<ApiError> | null)?.error;
    throw new HttpError(res.status, e?.code ?? `http_${res.status}`, e?.message ?? res.statusText, Array.isArray(e?.fields) ? e.fields : []);
  }
  return data as T;
}

export const api = {
  login: (body: LoginRequest) => request<LoginResponse>('POST', '/api/auth/login', body),
  me: () => request<{ user: UserDto }>('GET', '/api/auth/me'),
  logout: () => request<unknown>('POST', '/api/auth/logout'),
  queue: () => request<QueueDto>('GET', '/api/queue'),
  cases: () => request<CaseListDto>('GET', '/api/cases'),
  caseDetail: (id: string) => request<CaseDetailDto>('GET', `/api/cases/${encodeURIComponent(id)}`),
  /** The same caller's other cases, newest first (a few). */
  earlierCases: (id: string) => request<CaseListDto>('GET', `/api/cases/${encodeURIComponent(id)}/earlier`),
  settings: () => request<{ settings: HotlineSettings }>('GET', '/api/settings'),
  /** The server answers with the value as it stored it (trimmed, normalised). */
  /** `value` is sent as edited, even when malformed: the server names the problems (422). */
  saveSetting: <K extends SettingKey>(key: K, value: unknown) =>
    request<{ key: K; value: HotlineSettings[K] }>('PUT', `/api/settings/${key}`, { value }),
  /** Supervisors and admins: every agent's state. */
  agents: () => request<AgentListDto>('GET', '/api/agents'),
  /** Agents and supervisors: colleagues free to take a transferred call now (the caller excluded). */
  availableAgents: () => request<AgentListDto>('GET', '/api/agents/available'),
  forceOffline: (agentId: string) =>
    request<{ agent: AgentPresenceDto }>('POST', `/api/agents/${encodeURIComponent(agentId)}/offline`),
  /** The browser softphone's access token; 503 `unavailable` when the server has no softphone configured. */
  voiceToken: () => request<VoiceTokenDto>('GET', '/api/voice/token'),
  /** Supervisors: the live wallboard as it is now; after that, 'wallboard.updated' pushes it. */
  wallboard: () => request<WallboardDto>('GET', '/api/wallboard'),
  /** Supervisors: the blocks still running, the one ending soonest first, numbers in full. */
  blockedNumbers: () => request<BlockedNumberListDto>('GET', '/api/blocked-numbers'),
  /** A refusal (422) names each field in `language`. */
  blockNumber: (body: BlockNumberRequest, language: Language) => request<BlockedNumberDto>('POST', '/api/blocked-numbers', body, language),
  /** 404 when the number was not (or no longer) blocked. */
  unblockNumber: (phone: string) => request<null>('DELETE', `/api/blocked-numbers/${encodeURIComponent(phone)}`),
};

/** Not in the shared contracts yet: what GET /api/voice/token answers. */
export interface VoiceTokenDto { token: string; identity: string; expiresAt: string }

export const isUnauthorized = (err: unknown): boolean => err instanceof HttpError && err.status === 401;
