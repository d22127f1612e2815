import { useEffect, useSyncExternalStore } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { getLocale, subscribeLocale, t, type Locale, type MessageKey } from '../i18n';

/** Re-renders on a language change and returns the current locale. */
export function useLocale(): Locale {
  return useSyncExternalStore(subscribeLocale, getLocale, getLocale);
}

/** Keeps the navigation bar title in the current language while the page is shown. */
export function usePageTitle(key: MessageKey): void {
  const locale = useLocale();
  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: t(key) });
  }, [key, locale]);
  useDidShow(() => {
    void Taro.setNavigationBarTitle({ title: t(key) });
  });
}
