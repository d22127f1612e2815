import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { join, resolve } from 'node:path';

/** `server/static`, served at `/static/` (from `src/common` and from `dist/common` alike). */
export const STATIC_DIRECTORY = resolve(__dirname, '../../static');

/** A year: what a URL that names its file's content can be kept for. */
export const IMMUTABLE_CACHE_CONTROL = 'public, max-age=31536000, immutable';
/** A file asked for without its version may change under the same URL: a day, then revalidate (ETag). */
export const STATIC_CACHE_CONTROL = 'public, max-age=86400';

const versions = new Map<string, { key: string; version: string }>();

/** The first 10 hex digits of the SHA-1 of a file's content, cached until its size or mtime changes. */
export function fileVersion(path: string): string {
  const stat = statSync(path);
  const key = `${stat.size}:${stat.mtimeMs}`;
  const known = versions.get(path);
  if (known?.key === key) return known.version;
  const version = createHash('sha1').update(readFileSync(path)).digest('hex').slice(0, 10);
  versions.set(path, { key, version });
  return version;
}

/**
 * The URL of a file under `server/static` fingerprinted by its content, e.g.
 * `/static/products/frame-01.svg?v=3f2a9c01be`: a changed image gets a new URL, so the old one can
 * be cached for good.
 */
export function staticAssetUrl(relativePath: string, directory = STATIC_DIRECTORY): string {
  return `/static/${relativePath}?v=${fileVersion(join(directory, relativePath))}`;
}

/**
 * `setHeaders` of the `/static/` files: a year and `immutable` when the URL's `v` is the file's
 * current version, a day otherwise (ETag and Last-Modified come from @fastify/static either way).
 */
export function setStaticCacheHeaders(
  response: { setHeader(name: string, value: string): unknown },
  path: string,
): void {
  // @fastify/static hands over the raw ServerResponse, which knows its request.
  const url = (response as { req?: IncomingMessage }).req?.url ?? '';
  const version = new URLSearchParams(url.split('?')[1] ?? '').get('v');
  let fingerprinted = false;
  try {
    fingerprinted = version !== null && version === fileVersion(path);
  } catch {
    // unreadable: @fastify/static answers for the file itself
  }
  response.setHeader('cache-control', fingerprinted ? IMMUTABLE_CACHE_CONTROL : STATIC_CACHE_CONTROL);
}

/**
 * `setHeaders` of the H5 build: its scripts and styles are named by their content hash
 * (`js/app.013a275e.js`), so they are kept for good; `index.html`, which names them, is revalidated
 * on every load.
 */
export function setH5CacheHeaders(
  response: { setHeader(name: string, value: string): unknown },
  path: string,
): void {
  const hashed = /[/\\](js|css)[/\\][\w.-]+\.[0-9a-f]{8}\.(js|css)$/.test(path);
  response.setHeader('cache-control', hashed ? IMMUTABLE_CACHE_CONTROL : 'no-cache');
}
