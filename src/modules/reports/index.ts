export { createCaseStatistics, statsSnapshotSql, STAT_DIMENSIONS, type CaseStatistics, type StatDimension } from './case-statistics.js';
