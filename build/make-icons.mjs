// Renders build/icon.svg (the screens' favicon mark) to the PNG and ICO files electron-builder
// uses: build/icon.png (512 px), build/icons/<n>x<n>.png for Linux, build/icon.ico for Windows
// (PNG-compressed entries, which Windows Vista and later read). Run it after changing the SVG:
//
//   node build/make-icons.mjs            (uses Chromium at /usr/bin/chromium or $CHROMIUM)
import { chromium } from 'playwright-core';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const svg = readFileSync(join(here, 'icon.svg'), 'utf8');
const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512];
const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});
const pngs = new Map();
try {
  const page = await browser.newPage();
  for (const size of [...new Set([...LINUX_SIZES, ...ICO_SIZES])].sort((a, b) => a - b)) {
    await page.setViewportSize({ width: size, height: size });
    await page.setContent(
      `<html><body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body></html>`,
    );
    pngs.set(
      size,
      await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } }),
    );
  }
} finally {
  await browser.close();
}

mkdirSync(join(here, 'icons'), { recursive: true });
for (const size of LINUX_SIZES) writeFileSync(join(here, 'icons', `${size}x${size}.png`), pngs.get(size));
writeFileSync(join(here, 'icon.png'), pngs.get(512));

/** ICONDIR, one ICONDIRENTRY per size, then the PNGs. */
function ico(images) {
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach(([size, png], i) => {
    const entry = 6 + 16 * i;
    header.writeUInt8(size >= 256 ? 0 : size, entry);
    header.writeUInt8(size >= 256 ? 0 : size, entry + 1);
    header.writeUInt8(0, entry + 2);
    header.writeUInt8(0, entry + 3);
    header.writeUInt16LE(1, entry + 4);
    header.writeUInt16LE(32, entry + 6);
    header.writeUInt32LE(png.length, entry + 8);
    header.writeUInt32LE(offset, entry + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...images.map(([, png]) => png)]);
}
writeFileSync(join(here, 'icon.ico'), ico(ICO_SIZES.map((size) => [size, pngs.get(size)])));
console.log('[motesplats] icons written to build/');
