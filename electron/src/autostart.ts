import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Start at login. Windows and macOS have it in Electron (`app.setLoginItemSettings`); on Linux
 * it is a freedesktop autostart entry. An AppImage must be started by its own path (APPIMAGE),
 * not by the temporary mount its executable runs from.
 */
export function linuxAutostartEntry(execPath: string): string {
  const quoted = `"${execPath.replace(/(["`$\\])/g, '\\$1')}"`;
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Mötesplats',
    'Comment=Mötesplats kiosk, desk and display',
    `Exec=${quoted}`,
    'X-GNOME-Autostart-enabled=true',
    'Terminal=false',
    '',
  ].join('\n');
}

export function linuxAutostartFile(
  configHome = process.env.XDG_CONFIG_HOME || join(homedir(), '.config'),
): string {
  return join(configHome, 'autostart', 'se.motesplats.desktop.desktop');
}

export function setLinuxAutostart(enabled: boolean, execPath: string, file = linuxAutostartFile()): void {
  if (!enabled) {
    rmSync(file, { force: true });
    return;
  }
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, linuxAutostartEntry(execPath), { mode: 0o644 });
}
