import Taro from '@tarojs/taro';
import type {
  Member,
  MemberExport,
  StaffLoginResponse,
  WechatLoginRequest,
  WechatLoginResponse,
} from '@lensloop/shared';
import { callApi } from './request';

/** A WeChat login code: from `Taro.login()` in the mini-program, typed in by hand in H5. */
export async function wechatLoginCode(): Promise<string> {
  const { code } = await Taro.login();
  return code;
}

export function loginWithWechatCode(
  code: string,
  arrival: Omit<WechatLoginRequest, 'code'> = {},
): Promise<WechatLoginResponse> {
  return callApi((api) => api.wechatLogin({ code, ...arrival }));
}

export function fetchMe(): Promise<Member> {
  return callApi((api) => api.me());
}

export function loginStaff(username: string, password: string): Promise<StaffLoginResponse> {
  return callApi((api) => api.staffLogin({ username, password }));
}

export function exportMyData(): Promise<MemberExport> {
  return callApi((api) => api.exportMyData());
}

export function deleteMyData(): Promise<void> {
  return callApi((api) => api.deleteMe());
}
