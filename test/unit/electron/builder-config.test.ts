import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { config } from '../../../build/electron-builder.config.js';
import { tempDir } from './fakes.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const require = createRequire(import.meta.url);

/** electron-builder's own loader and schema check, as `npm run dist` runs them. */
async function loadAndValidate(file: string): Promise<Record<string, unknown>> {
  const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
    getConfig(projectDir: string, configPath: string, extra: null): Promise<Record<string, unknown>>;
    validateConfiguration(config: unknown, logger: { isEnabled: boolean; add(): void }): Promise<void>;
  };
  const loaded = await getConfig(ROOT, file, null);
  await validateConfiguration(loaded, { isEnabled: false, add: () => {} });
  return loaded;
}

describe('the electron-builder configuration', () => {
  it("passes electron-builder's own loader and schema", async () => {
    const loaded = await loadAndValidate(join(ROOT, 'build/electron-builder.config.ts'));
    expect(loaded).toMatchObject({ appId: 'se.motesplats.desktop', productName: 'Mötesplats' });
  });

  it('would catch a misspelt option (the schema check is real)', async () => {
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
      validateConfiguration(config: unknown, logger: { isEnabled: boolean; add(): void }): Promise<void>;
    };
    await expect(
      validateConfiguration(
        { ...config, nsis: { ...config.nsis, onClick: false } },
        { isEnabled: false, add: () => {} },
      ),
    ).rejects.toThrow(/configuration\.nsis/);
  });

  it('names the app', () => {
    expect(config.appId).toBe('se.motesplats.desktop');
    expect(config.productName).toBe('Mötesplats');
  });

  it('builds Windows NSIS (per machine) and Linux AppImage and deb', () => {
    expect(config.win.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: true });
    expect(config.linux.target.map((t) => t.target)).toEqual(['AppImage', 'deb']);
    expect(config.linux.maintainer).toMatch(/<.+@.+>/);
  });

  it('sets the fuses', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
    expect(config.asar).toBe(true);
  });

  it('packages the bundled app folder alone, with nothing native', () => {
    expect(config.directories.app).toBe('dist/desktop');
    expect(config.files).toEqual(['package.json', 'main.cjs', 'preload.cjs', 'icon.png', 'pages/**']);
    expect(config.files.join(' ')).not.toMatch(/node_modules|server|\*\*\/\*$/);
    expect(config.npmRebuild).toBe(false);
  });

  it('has its icons', () => {
    const ico = readFileSync(join(ROOT, config.win.icon));
    expect(ico.readUInt16LE(0)).toBe(0);
    expect(ico.readUInt16LE(2)).toBe(1); // an icon resource
    expect(ico.readUInt16LE(4)).toBeGreaterThanOrEqual(5);
    expect(ico[6]).toBe(16);
    const sizes = readdirSync(join(ROOT, config.linux.icon)).sort();
    expect(sizes).toEqual(expect.arrayContaining(['16x16.png', '256x256.png', '512x512.png']));
    const png = readFileSync(join(ROOT, 'build/icon.png'));
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 512]);
  });
});

describe('the bundled app folder', () => {
  const out = join(tempDir(), 'desktop');

  beforeAll(() => {
    const result = spawnSync(process.execPath, ['electron/scripts/bundle.mjs', '--out', out], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    if (result.status !== 0) throw new Error(`bundling failed: ${result.stderr}`);
  }, 60_000);

  it('holds every file the configuration packages', () => {
    for (const file of ['package.json', 'main.cjs', 'preload.cjs', 'icon.png'])
      expect(existsSync(join(out, file)), file).toBe(true);
    expect(readdirSync(join(out, 'pages')).sort()).toEqual([
      'admin.html',
      'admin.js',
      'icon.png',
      'offline.html',
      'offline.js',
      'pages.css',
      'setup.html',
      'setup.js',
    ]);
  });

  it('has a package.json without dependencies that starts main.cjs', () => {
    const pkg = JSON.parse(readFileSync(join(out, 'package.json'), 'utf8'));
    expect(pkg).toMatchObject({ main: 'main.cjs', productName: 'Mötesplats' });
    expect(pkg.version).toBe(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
    expect(pkg).not.toHaveProperty('dependencies');
    expect(pkg).not.toHaveProperty('type');
  });

  function required(file: string): string[] {
    return [...readFileSync(join(out, file), 'utf8').matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]!);
  }

  it('needs nothing but Electron and Node built-ins in the main process', () => {
    for (const name of required('main.cjs')) expect(name).toMatch(/^(electron|node:[a-z/]+)$/);
    expect(readFileSync(join(out, 'main.cjs'), 'utf8')).not.toMatch(/better-sqlite3|socket\.io/);
  });

  it('has a preload that a sandbox can load: CommonJS requiring only electron', () => {
    expect(required('preload.cjs')).toEqual(['electron']);
    const preload = readFileSync(join(out, 'preload.cjs'), 'utf8');
    expect(preload).not.toMatch(/\bimport\s|\bexport\s/);
    expect(preload).toContain('exposeInMainWorld("motesplats"');
    expect(preload).not.toMatch(/ipcRenderer\.(send|on)\b/);
  });
});
