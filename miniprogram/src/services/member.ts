import type { Member, MemberCode } from '@lensloop/shared';
import { callApi } from './request';

/** The rotating member code (`GET /me/member-code`), drawn as a QR code and a barcode on 我的. */
export const fetchMemberCode = (): Promise<MemberCode> => callApi((api) => api.memberCode());

/** Binds the phone number behind a `getPhoneNumber` code (H5: the fake's `dev-phone-<number>`). */
export const bindPhone = (code: string): Promise<{ member: Member }> =>
  callApi((api) => api.bindPhone({ code }));
