import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PORT, readOfficeFile, readSettings, SettingsError } from '../../../server/settings.js';
import { demoOffice } from '../../../server/office/demo.js';

describe('server settings', () => {
  it('take the command line over the environment over the defaults', () => {
    expect(readSettings([], {})).toMatchObject({
      port: DEFAULT_PORT,
      host: '0.0.0.0',
      dataDir: resolve('data'),
    });
    expect(readSettings([], { PORT: '9000', MOTESPLATS_DATA: '/srv/m' })).toMatchObject({
      port: 9000,
      dataDir: '/srv/m',
    });
    expect(readSettings(['--port', '9100'], { PORT: '9000' }).port).toBe(9100);
    expect(readSettings([], { MOTESPLATS_ALLOWED_ORIGINS: 'http://a:1,http://b:2' }).allowedOrigins).toEqual([
      'http://a:1',
      'http://b:2',
    ]);
  });

  it('refuse what they cannot mean, with a clear message', () => {
    expect(() => readSettings(['--port', 'eighty'], {})).toThrow(SettingsError);
    expect(() => readSettings(['--port', '70000'], {})).toThrow(/port/);
    expect(() => readSettings(['--bogus'], {})).toThrow(SettingsError);
    expect(() => readSettings(['--public-url', 'ftp://x'], {})).toThrow(/publicUrl/);
  });

  it('read an office file, or the demo office without one', () => {
    expect(readOfficeFile(undefined)).toEqual(demoOffice());
    const dir = mkdtempSync(join(tmpdir(), 'motesplats-settings-'));
    try {
      const good = join(dir, 'office.json');
      writeFileSync(good, JSON.stringify({ ...demoOffice(), name: 'Borlänge' }));
      expect(readOfficeFile(good).name).toBe('Borlänge');
      const corrupt = join(dir, 'corrupt.json');
      writeFileSync(corrupt, '{ "name": ');
      expect(() => readOfficeFile(corrupt)).toThrow(/cannot read the office file/);
      const wrong = join(dir, 'wrong.json');
      writeFileSync(wrong, JSON.stringify({ ...demoOffice(), chain: ['mv', 'nowhere'] }));
      expect(() => readOfficeFile(wrong)).toThrow(/chain.1: no station "nowhere"/);
      const zone = join(dir, 'zone.json');
      writeFileSync(zone, JSON.stringify({ ...demoOffice(), timeZone: 'Mars/Olympus' }));
      expect(() => readOfficeFile(zone)).toThrow(/unknown time zone/);
      expect(() => readOfficeFile(join(dir, 'missing.json'))).toThrow(SettingsError);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
