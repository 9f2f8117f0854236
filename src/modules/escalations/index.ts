export { createOfficeDirectory, officeForPlace, type OfficeDirectory, type OfficeRef, type OfficeCard, type PlaceMatch } from './office-directory.js';
export { officesRouter } from './offices.routes.js';
