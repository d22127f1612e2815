import Taro from '@tarojs/taro';
import { ApiError, type ErrorCode } from '@lensloop/shared';
import { en } from './en';
import { zhCN, type MessageKey } from './zh-CN';

export type { MessageKey } from './zh-CN';
export type Locale = 'zh-CN' | 'en';

const LOCALE_STORAGE_KEY = 'lensloop.locale';
const TABLES: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };

function readStoredLocale(): Locale {
  try {
    const stored: unknown = Taro.getStorageSync(LOCALE_STORAGE_KEY);
    return stored === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

let currentLocale: Locale = readStoredLocale();
const listeners = new Set<() => void>();

export function getLocale(): Locale {
  return currentLocale;
}

export function setLocale(locale: Locale): void {
  if (locale === currentLocale) return;
  currentLocale = locale;
  Taro.setStorageSync(LOCALE_STORAGE_KEY, locale);
  listeners.forEach((listener) => listener());
}

export function subscribeLocale(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

// Every API error code has a message in `zh-CN.ts` (and so in `en.ts`): a code added to `shared/`
// without one fails to compile here, naming the missing `error.CODE` key.
type MessageKeyOnly<Key extends MessageKey> = Key;
export type ErrorMessageKey = MessageKeyOnly<`error.${ErrorCode}`>;

export function hasMessage(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(zhCN, key);
}

/** The message for `key` in the current locale, with `{name}` placeholders filled from `params`. */
export function t(key: MessageKey, params?: Record<string, string | number>): string {
  const template = TABLES[currentLocale][key] ?? zhCN[key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (match, name: string) =>
    name in params ? String(params[name]) : match,
  );
}

/** A localized message for a failed call, chosen by the API error `code`. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    const key = `error.${error.code}`;
    if (hasMessage(key)) return t(key);
  }
  return t('error.fallback');
}
