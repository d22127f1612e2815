import type { Role } from '@lensloop/shared';

/** Who is calling, taken from a verified token. */
export interface Principal {
  /** Member id for customers, staff id for staff. */
  id: number;
  role: Role;
  storeId: number | null;
}

export interface TokenClaims {
  sub: number;
  role: Role;
  storeId: number | null;
}

export const STAFF_ROLES_ALL: Role[] = ['clerk', 'optometrist', 'manager', 'admin'];
