// The supervisors' live wallboard, pushed as `wallboard.updated` and read with GET /api/wallboard.
import type { AgentState } from './domain.js';

export type WallboardLevel = 'ok' | 'amber' | 'red';

/** domain.md's measures for a period; ratios are 0..1, null when there is nothing to divide by. */
export interface WallboardFigures {
  offered: number;
  answered: number;
  abandoned: number;
  shortAbandoned: number;
  callbacks: number;
  serviceLevel: number | null;
  abandonmentRate: number | null;
  asaS: number | null;
  ahtS: number | null;
  occupancy: number | null;
}

export interface WallboardQueue {
  waiting: number;
  longestWaitS: number | null;
  today: WallboardFigures;
  lastHour: WallboardFigures;
}

export interface WallboardDto {
  at: string;
  serviceLevelSeconds: number;
  formulas: Record<'serviceLevel' | 'abandonmentRate' | 'asa' | 'aht' | 'occupancy', string>;
  overall: WallboardQueue;
  /** One queue per caller language. */
  queues: (WallboardQueue & { language: string })[];
  callbacksPending: number;
  agents: Record<AgentState, number>;
  escalations: { officeId: string; officeName: string; open: number; atRisk: number; breached: number }[];
  levels: Record<'serviceLevel' | 'abandonmentRate' | 'longestWait' | 'escalations', WallboardLevel>;
}
