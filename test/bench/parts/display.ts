import { OfficeStore } from '../../../server/store/store.js';
import { launchChromium, heapAfterGc } from '../browser.js';
import { ensureRenderer } from '../build.js';
import type { LoopSpec } from '../load/protocol.js';
import { benchOffice } from '../office/benchOffice.js';
import { householdsPerDesk } from '../office/households.js';
import { deskClient, officeClients, startOffice } from '../office/officeRun.js';
import { figure, type PartResult } from '../report.js';
import { freshDir, MEMORY_DIR, type RunContext } from './context.js';

const MB = 2 ** 20;
const EACH = 4;

/**
 * Part 5b: the waiting-room display's JS heap after 10,000 calls, in Chromium. The display is
 * paired as an office's would be (opening /pair?code=…); twelve desks call and return their own
 * households back to back, every call a new line on the screen, its chime and its call-out. The
 * office's data lives on tmpfs here: what is measured is the page, not the disk.
 */
export async function displayPart(ctx: RunContext): Promise<PartResult> {
  const { calls, settleMs } = ctx.sizes.display;
  const rendererDir = ensureRenderer();
  const config = benchOffice({ recallPauseSeconds: 0 });
  const office = await startOffice({
    dir: freshDir('display', MEMORY_DIR),
    mix: { desks: 12, displays: 0, kiosks: 1, reception: 0, admin: 0, statusPages: 0 },
    visits: 12 * EACH,
    config,
    rendererDir,
  });
  const browser = await launchChromium();
  const checkpoints: { calls: number; heapMB: number }[] = [];
  try {
    const desks = office.devices.filter((d) => d.role === 'desk');
    const own = await householdsPerDesk(
      office.server.url,
      desks.find((d) => d.deskId!.startsWith('mv-'))!.token,
      desks.map((d) => d.deskId!),
      office.visitors,
      EACH,
    );
    const store = OfficeStore.open(office.dataFile);
    const code = store.devices.create(
      { name: 'Waiting room', role: 'display', deskId: null },
      Date.now(),
    ).code;
    store.close();
    const page = await (await browser.newContext({ viewport: { width: 1920, height: 1080 } })).newPage();
    await page.goto(`${office.server.url}/pair?code=${code}`);
    await page.waitForURL('**/display');
    await page.locator('.dsp-main').waitFor();

    const { drivers } = officeClients(office.devices, [], 0);
    await ctx.pool.connect('office', office.server.url, drivers, []);
    const loops: LoopSpec[] = desks.map((d) => ({
      client: deskClient(d.deskId!),
      cycle: own.get(d.deskId!)!.flatMap((visitId) => [
        { name: 'visit:call', payload: { visitId } },
        { name: 'visit:return_to_queue', payload: { visitId } },
      ]),
    }));
    // A warm-up, then the heap after each fifth of the calls.
    const warmup = Math.min(100, Math.ceil(calls / 10));
    let done = 0;
    const callMore = async (n: number) => {
      const result = await ctx.pool.loop(loops, { count: 2 * n }, 0);
      done += Math.floor(result.ok / 2);
      // Let the page take in the last views before its heap is read.
      await page.waitForTimeout(settleMs);
      checkpoints.push({ calls: done, heapMB: (await heapAfterGc(page)) / MB });
    };
    const started = Date.now();
    await callMore(warmup);
    for (let k = 0; k < 5; k++) await callMore(Math.ceil((calls - warmup) / 5));
    const nodes = await page.evaluate('document.getElementsByTagName("*").length');
    const first = checkpoints[0]!;
    const last = checkpoints[checkpoints.length - 1]!;
    ctx.log(
      `  heap ${first.heapMB.toFixed(1)} MB after ${first.calls} calls → ${last.heapMB.toFixed(1)} MB after ${last.calls} (${((Date.now() - started) / 1000).toFixed(0)} s)`,
    );
    return {
      figures: [
        figure('display.heap.start', `display JS heap after ${first.calls} calls`, first.heapMB, 'MB'),
        figure('display.heap.end', `display JS heap after ${last.calls} calls`, last.heapMB, 'MB'),
        figure(
          'display.heap.growth',
          'display JS heap growth over the calls',
          (100 * (last.heapMB - first.heapMB)) / first.heapMB,
          '%',
        ),
      ],
      details: { checkpoints, domNodes: nodes, seconds: (Date.now() - started) / 1000 },
    };
  } finally {
    await browser.close();
    await ctx.pool.disconnect();
    await office.server.stop();
  }
}
