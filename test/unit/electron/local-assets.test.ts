import { describe, expect, it } from 'vitest';
import {
  LOCAL_CONTENT_SECURITY_POLICY,
  localResponseHeaders,
  resolveLocalAsset,
} from '../../../electron/src/local-assets.js';
import { LOCAL_ORIGIN } from '../../../electron/src/urls.js';

describe("the app's own pages", () => {
  it('serves the known files with their types', () => {
    expect(resolveLocalAsset(`${LOCAL_ORIGIN}/setup.html`)).toEqual({
      file: 'setup.html',
      contentType: 'text/html; charset=utf-8',
    });
    expect(resolveLocalAsset(`${LOCAL_ORIGIN}/offline.html?server=http%3A%2F%2Fx`)).toMatchObject({
      file: 'offline.html',
    });
    expect(resolveLocalAsset(`${LOCAL_ORIGIN}/admin.js`)?.contentType).toMatch(/javascript/);
    expect(resolveLocalAsset(`${LOCAL_ORIGIN}/icon.png`)?.contentType).toBe('image/png');
  });

  it.each([
    `${LOCAL_ORIGIN}/`,
    `${LOCAL_ORIGIN}/main.cjs`,
    `${LOCAL_ORIGIN}/../main.cjs`,
    `${LOCAL_ORIGIN}/%2e%2e/main.cjs`,
    `${LOCAL_ORIGIN}/..%2fpreload.cjs`,
    `${LOCAL_ORIGIN}/pages/../../package.json`,
    `${LOCAL_ORIGIN}/constructor`,
    `${LOCAL_ORIGIN}/__proto__`,
    'motesplats-app://other/setup.html',
    'file:///setup.html',
    'http://local/setup.html',
    'nonsense',
  ])('serves nothing else: %s', (url) => {
    expect(resolveLocalAsset(url)).toBeNull();
  });

  it('sends a strict Content-Security-Policy', () => {
    expect(LOCAL_CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(LOCAL_CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(LOCAL_CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-(inline|eval)/);
    expect(localResponseHeaders('text/html')).toMatchObject({
      'Content-Security-Policy': LOCAL_CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
    });
  });
});
