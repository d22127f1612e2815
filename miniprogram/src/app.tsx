import { useEffect, type PropsWithChildren } from 'react';
import Taro from '@tarojs/taro';
import { ConfigProvider } from '@nutui/nutui-react-taro';
import enUS from '@nutui/nutui-react-taro/dist/es/locales/en-US';
import zhCN from '@nutui/nutui-react-taro/dist/es/locales/zh-CN';
import { t, type MessageKey } from './i18n';
import { useLocale } from './hooks/use-locale';
import { enableKeyboardAccess } from './services/keyboard-access';
import { captureCustomerScene } from './services/customers';
import { captureReferral } from './services/referral';
import { prefetchFeaturedProducts } from './services/catalog';
// Applies the stored large-text choice from the first page on, not only once 我的 is opened.
import './stores/large-text';
import './app.scss';

const TAB_KEYS: MessageKey[] = ['tab.home', 'tab.products', 'tab.me'];

if (process.env.TARO_ENV === 'h5') enableKeyboardAccess(document);
// H5 opened on the home page: fetch its chunk and its featured products now, beside the app's
// start-up, instead of after the router has mounted and the page has rendered (the same chunk the
// router loads: webpack loads it once; the page takes the prefetched answer once).
if (
  process.env.TARO_ENV === 'h5' &&
  /^(#\/?(pages\/index\/index)?)?$/.test(window.location.hash.split('?')[0])
) {
  void import('./pages/index/index');
  prefetchFeaturedProducts();
}
// A friend's invitation (share card, link or mini-program code) is kept from the first opening on.
captureReferral();
if (process.env.TARO_ENV === 'weapp') Taro.onAppShow((options) => captureReferral(options.query));
// A staff, store, regional or counter code: reported once the customer is signed in.
captureCustomerScene();
if (process.env.TARO_ENV === 'weapp') Taro.onAppShow((options) => captureCustomerScene(options.query));

function App({ children }: PropsWithChildren) {
  const locale = useLocale();

  useEffect(() => {
    TAB_KEYS.forEach((key, index) => {
      Taro.setTabBarItem({ index, text: t(key) }).catch(() => undefined);
    });
  }, [locale]);

  return <ConfigProvider locale={locale === 'en' ? enUS : zhCN}>{children}</ConfigProvider>;
}

export default App;
