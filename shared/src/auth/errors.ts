/** Codes of member (WeChat) and staff login. */
export const AuthErrorCode = {
  WECHAT_CODE_INVALID: 'WECHAT_CODE_INVALID',
  INVALID_CREDENTIALS: 'INVALID_CREDENTIALS',
} as const;
export type AuthErrorCode = (typeof AuthErrorCode)[keyof typeof AuthErrorCode];
