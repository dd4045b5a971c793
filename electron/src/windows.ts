import type { DesktopRole } from './urls.js';

export type WindowKind = 'setup' | DesktopRole;

/** Where a window's menu items lead; the main process maps them to the shell. */
export type MenuAction = 'settings' | 'reload' | 'quit';

export type MenuItemSpec =
  | { readonly label: string; readonly action: MenuAction; readonly accelerator?: string }
  | { readonly role: 'undo' | 'redo' | 'cut' | 'copy' | 'paste' | 'selectAll' }
  | { readonly role: 'resetZoom' | 'zoomIn' | 'zoomOut' | 'togglefullscreen' | 'toggleDevTools' }
  | { readonly separator: true };

export interface MenuSpec {
  readonly label: string;
  readonly items: readonly MenuItemSpec[];
}

/** The window a role runs in, apart from its web preferences (main.ts keeps those in one literal). */
export interface WindowSpec {
  readonly kind: WindowKind;
  readonly title: string;
  /** Kiosk mode: full screen, no frame, no way out but the admin chord. */
  readonly kiosk: boolean;
  readonly width: number;
  readonly height: number;
  readonly hideCursor: boolean;
  /** No pinch or Ctrl+wheel zoom on a touch screen. */
  readonly lockZoom: boolean;
  /** Keep the screen from sleeping. */
  readonly keepAwake: boolean;
  /** The display chimes with nobody to tap it first. */
  readonly autoplayWithoutGesture: boolean;
  /** A kiosk or display closes only when the admin quits it (or the system shuts down). */
  readonly guardClose: boolean;
  /** null: no menu at all. */
  readonly menu: readonly MenuSpec[] | null;
}

const EDIT_MENU: MenuSpec = {
  label: 'Edit',
  items: [
    { role: 'undo' },
    { role: 'redo' },
    { separator: true },
    { role: 'cut' },
    { role: 'copy' },
    { role: 'paste' },
    { role: 'selectAll' },
  ],
};

function staffMenu(devTools: boolean): readonly MenuSpec[] {
  return [
    {
      label: 'Mötesplats',
      items: [
        { label: 'Settings and pairing…', action: 'settings' },
        { label: 'Reload', action: 'reload', accelerator: 'CmdOrCtrl+R' },
        { separator: true },
        { label: 'Quit', action: 'quit', accelerator: 'CmdOrCtrl+Q' },
      ],
    },
    EDIT_MENU,
    {
      label: 'View',
      items: [
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { separator: true },
        { role: 'togglefullscreen' },
        ...(devTools ? [{ role: 'toggleDevTools' } as const] : []),
      ],
    },
  ];
}

/** `devTools` only for an unpackaged app (development). */
export function windowSpecFor(kind: WindowKind, options: { devTools: boolean }): WindowSpec {
  const unattended = kind === 'kiosk' || kind === 'display';
  const base = {
    kind,
    kiosk: unattended,
    hideCursor: kind === 'display',
    lockZoom: unattended,
    keepAwake: unattended,
    autoplayWithoutGesture: kind === 'display',
    guardClose: unattended,
  };
  switch (kind) {
    case 'setup':
      return {
        ...base,
        title: 'Mötesplats — set up this device',
        width: 720,
        height: 760,
        menu: [EDIT_MENU],
      };
    case 'kiosk':
    case 'display':
      return { ...base, title: 'Mötesplats', width: 1280, height: 800, menu: null };
    case 'desk':
    case 'reception':
      return { ...base, title: 'Mötesplats', width: 1280, height: 860, menu: staffMenu(options.devTools) };
  }
}
