export { createCasesRepository, CASE_COLUMNS, type CasesRepository } from './cases.repository.js';
export { createPeopleRepository, type PeopleRepository } from './people.repository.js';
export { createCaseSearchRepository, type CaseSearchRepository } from './case-search.repository.js';
export { createCaseService, type CaseService } from './case.service.js';
export { casesRouter } from './cases.routes.js';
export { toCaseSummary, seesPersonalData, type CaseRow, type Viewer } from './case.dto.js';
export { emitCase, STAFF_AUDIENCES } from './case.publisher.js';
export { createRetentionService, type RetentionService } from './retention.service.js';
