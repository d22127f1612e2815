import Taro from '@tarojs/taro';
import {
  REFERRAL_CODE_PATTERN,
  referralCodeOfScene,
  type MyReferral,
  type WechatLoginRequest,
} from '@lensloop/shared';
import { callApi } from './request';
import { launchQuery } from './launch';

const TOUCH_STORAGE_KEY = 'lensloop.referral';
/** How long the first friend's code is kept for the first login (the rule's default attribution days). */
const TOUCH_DAYS = 7;
const DAY_MS = 24 * 60 * 60 * 1000;

interface ReferralTouch {
  code: string;
  /** ISO instant of the first scan or share-link opening. */
  scannedAt: string;
  scene: string | null;
}

function readTouch(): ReferralTouch | null {
  try {
    const stored: unknown = Taro.getStorageSync(TOUCH_STORAGE_KEY);
    if (!stored || typeof stored !== 'object') return null;
    const touch = stored as Partial<ReferralTouch>;
    if (typeof touch.code !== 'string' || typeof touch.scannedAt !== 'string') return null;
    return { code: touch.code, scannedAt: touch.scannedAt, scene: touch.scene ?? null };
  } catch {
    return null;
  }
}

/**
 * Keeps the first friend's code the app was opened with (first touch), replaced only once it is
 * older than the attribution days, and records the scan for the funnel. Called at launch.
 */
export function captureReferral(query: Record<string, string | undefined> = launchQuery()): void {
  const scene = query.scene ? decodeURIComponent(query.scene) : null;
  const code = (query.ref ?? referralCodeOfScene(scene) ?? '').trim().toUpperCase();
  if (!REFERRAL_CODE_PATTERN.test(code)) return;
  const existing = readTouch();
  if (existing && Date.now() - Date.parse(existing.scannedAt) < TOUCH_DAYS * DAY_MS) return;
  const touch: ReferralTouch = { code, scannedAt: new Date().toISOString(), scene };
  Taro.setStorageSync(TOUCH_STORAGE_KEY, touch);
  // Counted for the funnel only; a failure changes nothing for the customer.
  callApi((api) => api.recordReferralScan({ code })).catch(() => undefined);
}

/** What the first login sends about the friend who invited this customer. */
export function referralForLogin(): Pick<WechatLoginRequest, 'referralCode' | 'scannedAt' | 'scene'> {
  const touch = readTouch();
  if (!touch || Date.now() - Date.parse(touch.scannedAt) >= TOUCH_DAYS * DAY_MS) return {};
  return {
    referralCode: touch.code,
    scannedAt: touch.scannedAt,
    ...(touch.scene ? { scene: touch.scene } : {}),
  };
}

/** After a login the touch has done its work (the server attributes new members only). */
export function forgetReferral(): void {
  Taro.removeStorageSync(TOUCH_STORAGE_KEY);
}

export function fetchMyReferral(): Promise<MyReferral> {
  return callApi((api) => api.myReferral());
}

/** The page a friend's share card and link open, carrying the code. */
export function referralSharePath(code: string): string {
  return `/pages/index/index?ref=${code}`;
}

/** The H5 share link (hash router). */
export function referralShareLink(code: string): string {
  const origin = process.env.TARO_ENV === 'h5' ? window.location.origin : '';
  return `${origin}/#${referralSharePath(code)}`;
}
