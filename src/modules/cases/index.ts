export { createCasesRepository, CASE_COLUMNS, type CasesRepository } from './cases.repository.js';
export { createCaseService, type CaseService } from './case.service.js';
export { casesRouter } from './cases.routes.js';
export { toCaseSummary, type CaseRow } from './case.dto.js';
