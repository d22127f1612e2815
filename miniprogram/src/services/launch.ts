import Taro from '@tarojs/taro';

/**
 * The query the mini-program was opened with: `scene` of a mini-program code, `ref` of a share
 * card. In H5 it is the query after the hash route (or the page's own query).
 */
export function launchQuery(): Record<string, string | undefined> {
  if (process.env.TARO_ENV === 'h5') {
    const hash = window.location.hash;
    const search = hash.includes('?') ? hash.slice(hash.indexOf('?')) : window.location.search;
    return Object.fromEntries(new URLSearchParams(search).entries());
  }
  return (Taro.getLaunchOptionsSync().query ?? {}) as Record<string, string | undefined>;
}
