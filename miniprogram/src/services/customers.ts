import Taro from '@tarojs/taro';
import {
  parseCustomerScene,
  type ArrivalResult,
  type CustomerOwnership,
  type CustomerSummary,
  type Page,
  type StaffMemberSummary,
  type StaffQrCode,
  type TransferRequest,
  type TransferResult,
} from '@lensloop/shared';
import { t } from '../i18n';
import { locate } from './location';
import { callApi, readToken } from './request';
import { launchQuery } from './launch';

const SCENE_STORAGE_KEY = 'lensloop.scene';

/**
 * Keeps a staff (`s:`), store (`st:`), regional (`r:`) or counter (`c:`) scene the app was opened
 * with until the customer is signed in, then reports it. Called at launch and on every show.
 */
export function captureCustomerScene(query: Record<string, string | undefined> = launchQuery()): void {
  const raw = query.scene ? decodeURIComponent(query.scene) : null;
  if (!raw || !parseCustomerScene(raw)) return;
  Taro.setStorageSync(SCENE_STORAGE_KEY, raw);
  if (readToken()) void reportCustomerScene();
}

/** The scene kept for the first login (it also attributes the owner at once on the server). */
export function sceneForLogin(): { scene?: string } {
  const stored: unknown = Taro.getStorageSync(SCENE_STORAGE_KEY);
  return typeof stored === 'string' && stored ? { scene: stored } : {};
}

let reporting: Promise<ArrivalResult | null> | null = null;

/**
 * Reports the kept scene (`POST /me/arrivals`) once a customer is signed in: the owner and the
 * welcome coupon for an add-me code, the arrival for a counter code. A regional code sends the
 * location so the nearest store is chosen. Says what happened in a toast.
 */
export function reportCustomerScene(): Promise<ArrivalResult | null> {
  reporting ??= (async () => {
    const { scene } = sceneForLogin();
    if (!scene) return null;
    try {
      const parsed = parseCustomerScene(scene);
      const location = parsed?.kind === 'regional' ? await locate() : null;
      const result = await callApi((api) =>
        api.recordArrival({
          scene,
          ...(location && !location.fallback ? { lat: location.lat, lng: location.lng } : {}),
        }),
      );
      Taro.removeStorageSync(SCENE_STORAGE_KEY);
      const message = arrivalMessage(result);
      if (message) void Taro.showToast({ title: message, icon: 'none', duration: 2500 });
      return result;
    } catch {
      // A staff session or a code that no longer works: the customer can carry on regardless.
      Taro.removeStorageSync(SCENE_STORAGE_KEY);
      return null;
    } finally {
      reporting = null;
    }
  })();
  return reporting;
}

function arrivalMessage(result: ArrivalResult): string | null {
  if (result.kind === 'counter') return result.arrived ? t('arrival.welcomeBack') : null;
  if (!result.added) return null;
  return result.welcomeCouponId ? t('arrival.welcomeCoupon') : t('arrival.welcome');
}

export function fetchMyQrCode(): Promise<StaffQrCode> {
  return callApi((api) => api.myStaffQrCode());
}

export function fetchOwnership(memberId: number): Promise<CustomerOwnership> {
  return callApi((api) => api.customerOwnership(memberId));
}

export function listStaffMembers(): Promise<StaffMemberSummary[]> {
  return callApi((api) => api.listStaffMembers());
}

export function listStaffCustomers(staffId: number): Promise<Page<CustomerSummary>> {
  return callApi((api) => api.staffMemberCustomers(staffId, { pageSize: 100 }));
}

export function transferCustomers(request: TransferRequest): Promise<TransferResult> {
  return callApi((api) => api.transferCustomers(request));
}
