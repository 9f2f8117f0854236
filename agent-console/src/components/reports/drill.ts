import type { SearchFilters } from '../search/SearchForm.js';

/** Opens the case search with these filters (the rest empty): supervisors only, who see the cases themselves. */
export type Drill = (filters: Partial<SearchFilters>) => void;
