/** Codes of the store directory. */
export const StoresErrorCode = {
  STORE_NOT_FOUND: 'STORE_NOT_FOUND',
} as const;
export type StoresErrorCode = (typeof StoresErrorCode)[keyof typeof StoresErrorCode];
