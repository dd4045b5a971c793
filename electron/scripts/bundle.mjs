// Builds the desktop app into one folder (default dist/desktop) that electron-builder packages
// as it is: main and preload bundled into single CommonJS files (a sandboxed preload can require
// nothing but `electron`), the app's own pages, the icon, and a package.json without
// dependencies, so that no node_modules (least of all the server's better-sqlite3) is shipped.
//
//   node electron/scripts/bundle.mjs [--out <dir>]
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const { values } = parseArgs({ options: { out: { type: 'string' } } });
const out = resolve(values.out ?? join(root, 'dist/desktop'));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, 'pages'), { recursive: true });

const common = {
  bundle: true,
  logLevel: 'warning',
  legalComments: 'none',
  sourcemap: false,
  charset: 'utf8',
};

await Promise.all([
  build({
    ...common,
    entryPoints: [join(root, 'electron/src/main.ts')],
    outfile: join(out, 'main.cjs'),
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    external: ['electron'],
  }),
  build({
    ...common,
    entryPoints: [join(root, 'electron/src/preload.ts')],
    outfile: join(out, 'preload.cjs'),
    platform: 'browser',
    format: 'cjs',
    target: 'es2022',
    external: ['electron'],
  }),
  build({
    ...common,
    entryPoints: ['setup', 'admin', 'offline'].map((page) => join(root, `electron/pages/${page}.ts`)),
    outdir: join(out, 'pages'),
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  }),
]);

for (const file of ['setup.html', 'admin.html', 'offline.html', 'pages.css'])
  copyFileSync(join(root, 'electron/pages', file), join(out, 'pages', file));
copyFileSync(join(root, 'build/icon.png'), join(out, 'pages/icon.png'));
copyFileSync(join(root, 'build/icon.png'), join(out, 'icon.png'));

writeFileSync(
  join(out, 'package.json'),
  JSON.stringify(
    {
      name: 'motesplats-desktop',
      productName: 'Mötesplats',
      version: pkg.version,
      description: 'Mötesplats desktop app: the kiosk, desk and waiting-room display of a service office',
      license: pkg.license,
      author: { name: 'Mötesplats' },
      private: true,
      main: 'main.cjs',
    },
    null,
    2,
  ) + '\n',
);

console.log(`[motesplats] desktop app bundled in ${out}`);
