import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  linuxAutostartEntry,
  linuxAutostartFile,
  setLinuxAutostart,
} from '../../../electron/src/autostart.js';
import { tempDir } from './fakes.js';

describe('start at login on Linux', () => {
  it('is a freedesktop autostart entry that starts the app by its path', () => {
    const entry = linuxAutostartEntry('/opt/Mötesplats/motesplats');
    expect(entry).toMatch(/^\[Desktop Entry\]\n/);
    expect(entry).toContain('Type=Application');
    expect(entry).toContain('Exec="/opt/Mötesplats/motesplats"');
  });

  it('quotes what the shell would expand', () => {
    expect(linuxAutostartEntry('/home/a b/$HOME/`x`/"q"/Motesplats.AppImage')).toContain(
      'Exec="/home/a b/\\$HOME/\\`x\\`/\\"q\\"/Motesplats.AppImage"',
    );
  });

  it('lives in the autostart folder of the XDG config home', () => {
    expect(linuxAutostartFile('/home/kiosk/.config')).toBe(
      '/home/kiosk/.config/autostart/se.motesplats.desktop.desktop',
    );
  });

  it('is written when enabled and removed when not', () => {
    const file = linuxAutostartFile(join(tempDir(), 'config'));
    setLinuxAutostart(true, '/opt/motesplats', file);
    expect(readFileSync(file, 'utf8')).toContain('Exec="/opt/motesplats"');
    setLinuxAutostart(false, '/opt/motesplats', file);
    expect(existsSync(file)).toBe(false);
    setLinuxAutostart(false, '/opt/motesplats', file);
  });
});
