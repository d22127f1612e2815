import Taro from '@tarojs/taro';
import { ApiClient, ApiError, type ErrorBody, type Transport } from '@lensloop/shared';
import { sendToLogin } from './login-redirect';

const TOKEN_STORAGE_KEY = 'lensloop.token';
const REQUEST_TIMEOUT_MS = 15_000;

/**
 * `/api/v1` base URL. The H5 build is served by the API server itself, so it stays on the same
 * origin; the weapp needs an absolute URL fixed at build time (`API_BASE_URL`).
 */
export const apiBaseUrl: string = process.env.TARO_ENV === 'h5' ? '/api/v1' : API_BASE_URL;

/** Origin of the API (`http://host:port`), empty in H5 where everything is same-origin. */
const apiOrigin: string =
  process.env.TARO_ENV === 'h5' ? '' : (/^https?:\/\/[^/]+/.exec(API_BASE_URL)?.[0] ?? '');

/** Turns a server-relative asset URL such as `/static/products/frame-01.svg` into a loadable one. */
export function assetUrl(url: string): string {
  if (!url || /^(https?:)?\/\//.test(url) || url.startsWith('data:')) return url;
  return `${apiOrigin}${url.startsWith('/') ? url : `/${url}`}`;
}

export function readToken(): string | null {
  try {
    const token: unknown = Taro.getStorageSync(TOKEN_STORAGE_KEY);
    return typeof token === 'string' && token ? token : null;
  } catch {
    return null;
  }
}

export function writeToken(token: string | null): void {
  if (token) Taro.setStorageSync(TOKEN_STORAGE_KEY, token);
  else Taro.removeStorageSync(TOKEN_STORAGE_KEY);
}

const unauthenticatedListeners = new Set<() => void>();

/** Called when the server rejects the stored token, so the session can forget it. */
export function onUnauthenticated(listener: () => void): () => void {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
}

/** Answers kept for conditional GETs (the catalog sends an ETag), by URL and session; newest last. */
const conditionalCache = new Map<string, { etag: string; body: unknown }>();
const CONDITIONAL_CACHE_SIZE = 40;

function headerOf(headers: Record<string, string> | undefined, name: string): string | undefined {
  const key = Object.keys(headers ?? {}).find((candidate) => candidate.toLowerCase() === name);
  return key === undefined ? undefined : headers?.[key];
}

// The one place in the app that calls Taro.request.
const taroTransport: Transport = async ({ method, path, body, headers }) => {
  const url = `${apiBaseUrl}${path}`;
  const cacheKey = method === 'GET' ? `${headers.authorization ?? ''} ${url}` : null;
  const cached = cacheKey === null ? undefined : conditionalCache.get(cacheKey);
  const response = await Taro.request<unknown>({
    url,
    method,
    header: cached ? { ...headers, 'if-none-match': cached.etag } : headers,
    data: method === 'GET' || body === undefined ? undefined : (body as Record<string, unknown>),
    dataType: 'json',
    timeout: REQUEST_TIMEOUT_MS,
  });
  if (cacheKey !== null) {
    // 304: the copy we hold is still what the server would send.
    if (response.statusCode === 304 && cached) return { status: 200, body: cached.body };
    const etag = headerOf(response.header as Record<string, string> | undefined, 'etag');
    conditionalCache.delete(cacheKey);
    if (response.statusCode === 200 && etag) {
      conditionalCache.set(cacheKey, { etag, body: response.data });
      if (conditionalCache.size > CONDITIONAL_CACHE_SIZE) {
        conditionalCache.delete(conditionalCache.keys().next().value as string);
      }
    }
  }
  return { status: response.statusCode, body: response.data };
};

const client = new ApiClient(taroTransport, readToken);

/**
 * Runs a call on the typed API client. Throws `ApiError`. A missing or expired session clears the
 * token and sends the user to log in, and from there back to this page.
 */
export async function callApi<T>(call: (api: ApiClient) => Promise<T>): Promise<T> {
  try {
    return await call(client);
  } catch (error) {
    if (error instanceof ApiError && error.code === 'UNAUTHENTICATED') {
      writeToken(null);
      unauthenticatedListeners.forEach((listener) => listener());
      sendToLogin();
    }
    throw error;
  }
}

/**
 * Uploads a local file (from chooseImage/chooseMedia) as multipart field `file` with the session's
 * bearer token; `Taro.uploadFile` works in the weapp and in H5 (blob URLs). Throws `ApiError`.
 */
export async function uploadFile<T>(path: string, filePath: string): Promise<T> {
  const token = readToken();
  let response: Taro.uploadFile.SuccessCallbackResult;
  try {
    response = await Taro.uploadFile({
      url: `${apiBaseUrl}${path}`,
      filePath,
      name: 'file',
      header: token ? { authorization: `Bearer ${token}` } : {},
    });
  } catch (error) {
    throw new ApiError(0, 'NETWORK_ERROR', error instanceof Error ? error.message : 'Network error');
  }
  let body: unknown = response.data;
  try {
    body = typeof response.data === 'string' ? JSON.parse(response.data) : response.data;
  } catch {
    // not JSON: handled below
  }
  if (response.statusCode >= 200 && response.statusCode < 300) return body as T;
  const error = body as Partial<ErrorBody> | null;
  if (error && typeof error.code === 'string') {
    if (error.code === 'UNAUTHENTICATED') {
      writeToken(null);
      unauthenticatedListeners.forEach((listener) => listener());
      sendToLogin();
    }
    throw new ApiError(response.statusCode, error.code, error.message ?? '', error.details);
  }
  throw new ApiError(response.statusCode, 'INTERNAL_ERROR', `HTTP ${response.statusCode}`);
}
