/** Codes of members and their family profiles. */
export const MembersErrorCode = {
  MEMBER_NOT_FOUND: 'MEMBER_NOT_FOUND',
  PROFILE_NOT_FOUND: 'PROFILE_NOT_FOUND',
} as const;
export type MembersErrorCode = (typeof MembersErrorCode)[keyof typeof MembersErrorCode];
