import { useSyncExternalStore } from 'react';
import Taro from '@tarojs/taro';

const STORAGE_KEY = 'lensloop.largeText';
// WeChat's standard font size; its larger settings and care mode (关怀模式) raise it.
const WECHAT_STANDARD_FONT_SIZE = 17;

function storedChoice(): boolean | null {
  try {
    const value: unknown = Taro.getStorageSync(STORAGE_KEY);
    return typeof value === 'boolean' ? value : null;
  } catch {
    return null;
  }
}

/** Without a choice made on 我的, the weapp follows WeChat's own font-size setting. */
function wechatWantsLargeText(): boolean {
  if (process.env.TARO_ENV !== 'weapp') return false;
  return (Taro.getSystemInfoSync().fontSizeSetting ?? WECHAT_STANDARD_FONT_SIZE) > WECHAT_STANDARD_FONT_SIZE;
}

let largeText = storedChoice() ?? wechatWantsLargeText();
const listeners = new Set<() => void>();

// H5 styles the mode from one class on <html> (app.scss).
function apply(): void {
  if (process.env.TARO_ENV === 'h5') document.documentElement.classList.toggle('large-text', largeText);
}
apply();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function setLargeText(on: boolean): void {
  largeText = on;
  Taro.setStorageSync(STORAGE_KEY, on);
  apply();
  listeners.forEach((listener) => listener());
}

/** The large-text mode (适老化): bigger text, prices and touch targets. */
export function useLargeText(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => largeText,
    () => largeText,
  );
}
