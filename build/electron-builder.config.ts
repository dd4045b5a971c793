import type { Configuration } from 'electron-builder';

/**
 * Installers for the desktop app: Windows NSIS for agency PCs, Linux AppImage and deb for
 * kiosks and displays. `npm run dist` bundles the app into dist/desktop (electron/scripts/
 * bundle.mjs) and packages that folder alone: its package.json has no dependencies, so nothing
 * of the server (better-sqlite3 and friends) is copied. test/unit/electron/builder-config.test.ts
 * checks this file against electron-builder's own schema.
 */
export const config = {
  appId: 'se.motesplats.desktop',
  productName: 'Mötesplats',
  executableName: 'motesplats',
  copyright: 'Mötesplats contributors, EUPL-1.2',
  directories: { app: 'dist/desktop', output: 'dist/installers', buildResources: 'build' },
  files: ['package.json', 'main.cjs', 'preload.cjs', 'icon.png', 'pages/**'],
  asar: true,
  // Nothing native is shipped: no rebuild, no node_modules.
  npmRebuild: false,
  nodeGypRebuild: false,
  // Electron's fuses, flipped in the packaged binary (https://www.electronjs.org/docs/latest/tutorial/fuses).
  electronFuses: {
    runAsNode: false,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableCookieEncryption: true,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    // The app serves its own pages through a custom protocol, never file:.
    grantFileProtocolExtraPrivileges: false,
  },
  win: {
    target: [{ target: 'nsis', arch: ['x64'] }],
    icon: 'build/icon.ico',
    artifactName: 'Motesplats-Setup-${version}.${ext}',
  },
  nsis: {
    // Agency IT installs it once per machine, also silently from deployment tools (`/S`).
    oneClick: false,
    perMachine: true,
    allowToChangeInstallationDirectory: true,
    createDesktopShortcut: true,
    createStartMenuShortcut: true,
    shortcutName: 'Mötesplats',
    // The pairing (device token) stays unless the admin resets it.
    deleteAppDataOnUninstall: false,
  },
  linux: {
    target: [
      { target: 'AppImage', arch: ['x64'] },
      { target: 'deb', arch: ['x64'] },
    ],
    icon: 'build/icons',
    category: 'Office',
    synopsis: 'Kiosk, desk and waiting-room display of a Mötesplats service office',
    // Set to whoever ships the packages.
    maintainer: 'Mötesplats <motesplats@example.org>',
    artifactName: 'Motesplats-${version}-${arch}.${ext}',
  },
  deb: { priority: 'optional' },
  publish: null,
} satisfies Configuration;

export default config;
