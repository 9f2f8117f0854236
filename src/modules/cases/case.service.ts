import type { CaseDetailDto, CaseSummaryDto } from '../../contracts/rest.js';
import { AppError } from '../../shared/errors.js';
import type { CasesRepository } from './cases.repository.js';
import { toCaseSummary } from './case.dto.js';

export function createCaseService(deps: { cases: CasesRepository }) {
  return {
    async listOpen(): Promise<CaseSummaryDto[]> {
      return (await deps.cases.listOpen(200)).map(toCaseSummary);
    },

    async getDetail(id: string): Promise<CaseDetailDto> {
      const row = await deps.cases.findSummary(id);
      if (!row) throw new AppError('not_found', 'Case not found');
      const [recordings, timeline] = await Promise.all([deps.cases.recordings(id), deps.cases.timeline(id)]);
      return {
        case: toCaseSummary(row),
        recordings: recordings.map((r) => ({
          sid: r.sid,
          kind: r.kind as 'voicemail' | 'call',
          durationS: r.duration_s,
          createdAt: r.created_at.toISOString(),
          audioUrl: `/api/recordings/${r.sid}/audio`,
        })),
        timeline: timeline.map((e) => ({ kind: e.kind, actor: e.actor, at: e.at.toISOString(), data: e.data as Record<string, unknown> })),
      };
    },

    async earlierCases(id: string): Promise<CaseSummaryDto[]> {
      return (await deps.cases.sameCaller(id, 10)).map(toCaseSummary);
    },

    async recordingUrl(sid: string): Promise<string> {
      const rec = await deps.cases.recording(sid);
      if (!rec) throw new AppError('not_found', 'Recording not found');
      return rec.url;
    },
  };
}

export type CaseService = ReturnType<typeof createCaseService>;
