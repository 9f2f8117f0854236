import { createContext, useContext } from 'react';
import type { Role, UserDto } from '../../src/contracts/index.js';

/** Who is signed in, for views deep in the tree that decide by role (case editing, audit). */
export const CurrentUserContext = createContext<UserDto | null>(null);

export function useCurrentUser(): UserDto {
  const user = useContext(CurrentUserContext);
  if (!user) throw new Error('useCurrentUser outside CurrentUserContext');
  return user;
}

/** Roles that work cases (edit, notes, merges); admins only look, without people's data. */
export const worksCases = (role: Role): boolean => role === 'agent' || role === 'supervisor';
/** Roles that reach cases at all: the search and the case panel. */
export const seesCases = (role: Role): boolean => role === 'agent' || role === 'supervisor' || role === 'admin';
