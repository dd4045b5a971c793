import type { LocalApi } from '../src/local-api.js';

declare global {
  interface Window {
    /** Present on the app's own pages only (electron/src/preload.ts). */
    motesplatsLocal?: LocalApi;
  }
}

export function byId<T extends HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`#${id} is missing`);
  return element as T;
}

/** Shows a message in an alert element, or hides it when the message is null. */
export function say(element: HTMLElement, message: string | null): void {
  element.textContent = message ?? '';
  element.hidden = message === null;
}

export function localApi(): LocalApi {
  const api = window.motesplatsLocal;
  if (!api) throw new Error('This page works only inside the Mötesplats desktop app.');
  return api;
}
