import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../browser.js';
import { ensureRenderer } from '../build.js';
import { median } from '../lib/stats.js';
import { benchOffice } from '../office/benchOffice.js';
import { startOffice } from '../office/officeRun.js';
import type { PairedDevice } from '../office/setup.js';
import { figure, type PartResult } from '../report.js';
import { freshDir, MEMORY_DIR, type RunContext } from './context.js';

const KB = 1024;

/** A browser context in which this device is already paired (its token where the renderer keeps it). */
async function pairedContext(browser: Browser, device: PairedDevice) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  const stored = JSON.stringify({
    token: device.token,
    role: device.role,
    deskId: device.deskId,
    name: device.role,
  });
  await context.addInitScript(
    `localStorage.setItem('motesplats.device', ${JSON.stringify(stored)}); localStorage.setItem('motesplats.staffLanguage', 'en');`,
  );
  return context;
}

/** What these checks need of the page's DOM (the test project has no DOM types). */
interface PageDom {
  readonly document: {
    querySelector(selector: string): { getAttribute(name: string): string | null } | null;
    querySelectorAll(selector: string): { readonly length: number };
  };
}

/** The kiosk's first screen is interactive: its language buttons, and the prompt in each language. */
function kioskReady(): number | false {
  const { document } = globalThis as unknown as PageDom;
  return (
    document.querySelectorAll('.kiosk-language-btn').length > 0 &&
    document.querySelector('.kiosk-prompts li') !== null &&
    performance.now()
  );
}

/** The desk's queue holds every waiting household and "Call next" can be pressed. */
function deskReady(rows: number): number | false {
  const { document } = globalThis as unknown as PageDom;
  const button = document.querySelector('.call-next-button button');
  return (
    document.querySelectorAll('.queue-panel tbody tr').length >= rows &&
    button !== null &&
    button.getAttribute('aria-disabled') !== 'true' &&
    performance.now()
  );
}

/**
 * Part 6: the screens in Chromium. The kiosk's initial JavaScript, gzipped: every script /kiosk
 * loads (from the Vite build) before its first screen is interactive. The desk's time from
 * navigation to an interactive queue of 500 waiting households, with an empty cache and warm.
 */
export async function screensPart(ctx: RunContext): Promise<PartResult> {
  const rows = ctx.sizes.screens.queue;
  const rendererDir = ensureRenderer();
  const office = await startOffice({
    dir: freshDir('screens', MEMORY_DIR),
    mix: { desks: 4, displays: 0, kiosks: 1, reception: 0, admin: 0, statusPages: 0 },
    visits: rows,
    config: benchOffice(),
    rendererDir,
  });
  const browser = await launchChromium();
  try {
    const url = office.server.url;
    // The kiosk, with an empty cache: which scripts it loads before its first screen can be used.
    const kiosk = await pairedContext(
      browser,
      office.devices.find((d) => d.role === 'kiosk')!,
    );
    const page = await kiosk.newPage();
    const scripts = new Set<string>();
    page.on('response', (response) => {
      if (response.request().resourceType() === 'script') scripts.add(new URL(response.url()).pathname);
    });
    await page.goto(`${url}/kiosk`, { waitUntil: 'commit' });
    const kioskAt = Number(
      await (
        await page.waitForFunction(kioskReady, undefined, { polling: 'raf', timeout: 60_000 })
      ).jsonValue(),
    );
    const loaded = [...scripts].sort();
    const files = loaded.map((path) => {
      const bytes = readFileSync(join(rendererDir, path));
      return { path, bytes: bytes.length, gzipped: gzipSync(bytes).length };
    });
    const entry = /<script[^>]+src="([^"]+)"/.exec(
      readFileSync(join(rendererDir, 'index.html'), 'utf8'),
    )?.[1];
    if (!entry || !loaded.includes(entry)) throw new Error(`the kiosk did not load the entry chunk ${entry}`);
    const gzipped = files.reduce((n, f) => n + f.gzipped, 0) / KB;
    await kiosk.close();

    // The desk of the first station, its officer signed in, 500 households waiting.
    const deskDevice = office.devices.find((d) => d.deskId === 'mv-1')!;
    const desk = await pairedContext(browser, deskDevice);
    const deskPage = await desk.newPage();
    const open = async (reload: boolean) => {
      if (reload) await deskPage.reload({ waitUntil: 'commit' });
      else await deskPage.goto(`${url}/desk`, { waitUntil: 'commit' });
      const ready = await deskPage.waitForFunction(deskReady, rows, {
        polling: 'raf',
        timeout: 120_000,
      });
      return Number(await ready.jsonValue());
    };
    const cold = await open(false);
    const warm = [await open(true), await open(true), await open(true)];
    await desk.close();
    ctx.log(
      `  kiosk: ${files.length} scripts, ${gzipped.toFixed(1)} KB gzipped, interactive at ${kioskAt.toFixed(0)} ms; desk with ${rows} waiting: ${cold.toFixed(0)} ms cold, ${median(warm).toFixed(0)} ms warm`,
    );
    return {
      figures: [
        figure('screens.kiosk.js', 'kiosk initial JS, gzipped', gzipped, 'KB', {
          note: `${files.length} scripts, ${(files.reduce((n, f) => n + f.bytes, 0) / KB).toFixed(0)} KB before compression`,
        }),
        figure('screens.kiosk.tti', 'kiosk: navigation to interactive (empty cache)', kioskAt, 'ms'),
        figure(
          'screens.desk.tti',
          `desk: navigation to an interactive queue of ${rows} (empty cache)`,
          cold,
          'ms',
        ),
        figure(
          'screens.desk.ttiWarm',
          `desk: the same, reloaded (warm cache, median of 3)`,
          median(warm),
          'ms',
        ),
      ],
      details: { kioskScripts: files, deskWarmRuns: warm },
    };
  } finally {
    await browser.close();
    await office.server.stop();
  }
}
