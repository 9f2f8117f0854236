export { createCaseStatistics, statsSnapshotSql, STAT_DIMENSIONS, OPEN_DATA_DIMENSIONS, type CaseStatistics, type StatDimension } from './case-statistics.js';
export { createReportsRepository, type ReportsRepository } from './reports.repository.js';
export { createReportService, type ReportService } from './report.service.js';
export { reportsRouter } from './reports.routes.js';
export { suppress } from './open-data.js';
export { toCsv } from './csv.js';
export { createAgentTime, type AgentTime } from './agent-time.js';
export { createWallboardService, type WallboardService } from './wallboard.service.js';
