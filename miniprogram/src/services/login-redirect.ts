import Taro from '@tarojs/taro';

const LOGIN_PAGE = '/pages/login/index';
const STAFF_LOGIN_PAGE = '/subpackages/staff/login/index';
// Tab pages show their own signed-out state; they are never replaced by the login page.
const TAB_PAGES = ['/pages/index/index', '/pages/products/index', '/pages/me/index'];
// Taro's own bookkeeping in the H5 query, not part of the page's address.
const ROUTER_PARAMS = new Set(['stamp', '$taroTimestamp']);

/** The page on screen as a URL to come back to: `/route?query`. */
function currentPageUrl(): string | null {
  const router = Taro.getCurrentInstance().router;
  if (!router) return null;
  const path = `/${router.path.split('?')[0].replace(/^\//, '')}`;
  const query = Object.entries(router.params)
    .filter(([name, value]) => !ROUTER_PARAMS.has(name) && value !== undefined)
    .map(([name, value]) => `${name}=${encodeURIComponent(String(value))}`)
    .join('&');
  return query ? `${path}?${query}` : path;
}

// Several calls of one page fail together; only the first one navigates.
let navigating = false;

/**
 * Replaces the current page by the login page (the staff login on staff pages), which comes back
 * here after logging in (`returnAfterLogin`). Tab and login pages stay where they are.
 */
export function sendToLogin(): void {
  const url = currentPageUrl();
  if (navigating || !url) return;
  const path = url.split('?')[0];
  if (TAB_PAGES.includes(path) || path === LOGIN_PAGE || path === STAFF_LOGIN_PAGE) return;
  const login = path.startsWith('/subpackages/staff/') ? STAFF_LOGIN_PAGE : LOGIN_PAGE;
  navigating = true;
  void Taro.redirectTo({
    url: `${login}?redirect=${encodeURIComponent(url)}`,
    complete: () => {
      navigating = false;
    },
  });
}

/** After a login: back to the page that sent the user to log in, if any. */
export async function returnAfterLogin(redirect: string | undefined): Promise<boolean> {
  if (!redirect) return false;
  // H5 hands the query over still encoded, WeChat decoded.
  const url = redirect.startsWith('%2F') ? decodeURIComponent(redirect) : redirect;
  await Taro.redirectTo({ url });
  return true;
}
