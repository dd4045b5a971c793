import { LOCAL_SCHEME } from './urls.js';

/**
 * The app's own pages, served under `motesplats-app://local/`. Only these names resolve: a map,
 * not a path join, so that no request can reach another file of the app or the disk.
 */
const ASSETS: Readonly<Record<string, string>> = {
  '/setup.html': 'text/html; charset=utf-8',
  '/admin.html': 'text/html; charset=utf-8',
  '/offline.html': 'text/html; charset=utf-8',
  '/setup.js': 'text/javascript; charset=utf-8',
  '/admin.js': 'text/javascript; charset=utf-8',
  '/offline.js': 'text/javascript; charset=utf-8',
  '/pages.css': 'text/css; charset=utf-8',
  '/icon.png': 'image/png',
};

/** As strict as the server's: the pages load only their own script, style and icon. */
export const LOCAL_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export interface LocalAsset {
  /** The file's name inside the pages folder. */
  readonly file: string;
  readonly contentType: string;
}

export function resolveLocalAsset(requestUrl: string): LocalAsset | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${LOCAL_SCHEME}:` || url.host !== 'local') return null;
  const contentType = Object.hasOwn(ASSETS, url.pathname) ? ASSETS[url.pathname] : undefined;
  return contentType ? { file: url.pathname.slice(1), contentType } : null;
}

export function localResponseHeaders(contentType: string): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Content-Security-Policy': LOCAL_CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
  };
}
