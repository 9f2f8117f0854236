import type { CaseSummaryDto } from '../../contracts/rest.js';
import { AppError } from '../../shared/errors.js';
import type { CasesRepository } from './cases.repository.js';
import { toCaseSummary } from './case.dto.js';

export function createCaseService(deps: { cases: CasesRepository }) {
  return {
    async listOpen(): Promise<CaseSummaryDto[]> {
      return (await deps.cases.listOpen(200)).map(toCaseSummary);
    },

    async getSummary(id: string): Promise<CaseSummaryDto> {
      const row = await deps.cases.findSummary(id);
      if (!row) throw new AppError('not_found', 'Case not found');
      return toCaseSummary(row);
    },
  };
}

export type CaseService = ReturnType<typeof createCaseService>;
