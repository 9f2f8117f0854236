export { createOfficeDirectory, type OfficeDirectory, type OfficeRef } from './office-directory.js';
