import { expect, test } from '@playwright/test';
import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Region } from '../../server/region/region.js';
import { connect, migrate } from '../../server/store/postgres/connect.js';
import { copyOfficeFromSqlite } from '../../server/store/postgres/copyFromSqlite.js';
import { startPostgres, type TestPostgres } from '../helpers/postgres.js';
import { freePort, spawnServer, type ServerProcess } from '../helpers/process.js';
import { expectAccessible, RENDERER } from './support/office.js';

/**
 * The region's screen in Chromium: two offices with weeks of history in one PostgreSQL database
 * (each seeded on SQLite and moved over as `office migrate` moves one), a real server on it, and
 * a region device paired through /pair. The figures on the screen are held to numbers worked out
 * here from the offices' raw rows.
 */

const ROOT = join(import.meta.dirname, '../..');
const SHOTS = '/tmp/region-shots';
const OFFICES = [
  { id: 'borlange', name: 'Borlänge Mötesplats', seed: 11, perDay: 8 },
  { id: 'ludvika', name: 'Ludvika Mötesplats', seed: 29, perDay: 5 },
] as const;

test.describe.configure({ mode: 'serial' });

let postgres: TestPostgres;
let server: ServerProcess;
let dir: string;
const planted: string[] = [];

interface Expected {
  households: number;
  persons: number;
  leadMedian: number | null;
  leadP90: number | null;
  noShows: number;
  interpreterNeeded: number;
  interpreterUsed: number;
  days: string[];
}

/** Median and nearest-rank 90th percentile in tenths of minutes, worked out here once more. */
function medianP90(ms: number[]): [number | null, number | null] {
  const s = [...ms].sort((a, b) => a - b);
  const n = s.length;
  if (n === 0) return [null, null];
  const tenth = (v: number) => Math.round((v / 60_000) * 10) / 10;
  return [
    tenth(n % 2 ? s[(n - 1) / 2]! : (s[n / 2 - 1]! + s[n / 2]!) / 2),
    tenth(s[Math.ceil(0.9 * n) - 1]!),
  ];
}

const expected = new Map<string, Expected>();

function expectedOf(file: string): Expected {
  const db = new Database(file, { readonly: true });
  try {
    const visits = db
      .prepare(
        `SELECT day, status, created_at, ended_at, adults, children, interpreter_language, interpreter_used FROM visits`,
      )
      .all() as {
      day: string;
      status: string;
      created_at: number;
      ended_at: number | null;
      adults: number;
      children: number;
      interpreter_language: string | null;
      interpreter_used: number;
    }[];
    const registered = visits.filter((v) => v.status === 'registered');
    const [leadMedian, leadP90] = medianP90(registered.map((v) => v.ended_at! - v.created_at));
    const noShows = (db.prepare(`SELECT status FROM visit_steps`).all() as { status: string }[]).filter(
      (s) => s.status === 'no_show',
    ).length;
    return {
      households: registered.length,
      persons: registered.reduce((sum, v) => sum + v.adults + v.children, 0),
      leadMedian,
      leadP90,
      noShows,
      interpreterNeeded: visits.filter((v) => v.interpreter_language !== null).length,
      interpreterUsed: visits.filter((v) => v.interpreter_used === 1).length,
      days: [...new Set(visits.map((v) => v.day))].sort(),
    };
  } finally {
    db.close();
  }
}

const number = (n: number | null) =>
  n === null ? '–' : new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 }).format(n);

test.beforeAll(async () => {
  test.setTimeout(240_000);
  dir = mkdtempSync(join(tmpdir(), 'motesplats-region-e2e-'));
  postgres = await startPostgres();
  const pool = connect(postgres.url, { max: 2 });
  try {
    await migrate(pool);
    for (const office of OFFICES) {
      const data = join(dir, office.id);
      execFileSync(
        process.execPath,
        [
          '--import',
          'tsx',
          join(ROOT, 'test/e2e/support/seedRegion.ts'),
          data,
          office.name,
          String(office.seed),
          String(office.perDay),
        ],
        { cwd: ROOT, stdio: 'inherit' },
      );
      const file = join(data, 'motesplats.sqlite');
      expected.set(office.id, expectedOf(file));
      const p = JSON.parse(readFileSync(join(data, 'planted.json'), 'utf8')) as Record<string, string[]>;
      planted.push(...p.names!, ...p.bookingRefs!, ...p.notes!, ...p.statusTokens!);
      await copyOfficeFromSqlite(file, pool, office.id);
    }
  } finally {
    await pool.end();
  }
  const port = await freePort();
  server = await spawnServer(join(dir, 'server'), port, [
    '--database',
    postgres.url,
    '--office',
    'borlange',
    '--renderer',
    RENDERER,
    '--public-url',
    `http://127.0.0.1:${port}`,
  ]);
});

test.afterAll(async () => {
  await server?.kill('SIGKILL');
  await postgres?.stop();
  rmSync(dir, { recursive: true, force: true });
});

test('the region sees both offices’ figures side by side, as their raw rows say, and nothing personal', async ({
  browser,
}) => {
  mkdirSync(SHOTS, { recursive: true });
  const region = new Region(connect(postgres.url, { max: 1 }));
  const { code } = await region.devices.create('Region Dalarna', Date.now());
  await region.pool.end();

  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await context.addInitScript(() => localStorage.setItem('motesplats.staffLanguage', 'en'));
  const page = await context.newPage();
  await page.goto(`${server.url}/pair?code=${code}`);
  await page.waitForURL('**/region');
  await expect(page.getByRole('heading', { name: 'Region', level: 1 })).toBeVisible();

  // Now: each office a row; the history's days are over, so nobody waits and no desk is open.
  const now = page.getByRole('table', { name: 'Queues now, per office' });
  for (const office of OFFICES) {
    const row = now.getByRole('row', { name: new RegExp(office.name) });
    await expect(row.getByRole('cell')).toHaveText(['0', '–', '0']);
  }

  // The whole history, typed in by hand.
  const days = [...expected.values()].flatMap((e) => e.days).sort();
  await page.getByLabel('From', { exact: true }).fill(days[0]!);
  await page.getByLabel('To', { exact: true }).fill(days[days.length - 1]!);
  await page.getByRole('button', { name: 'Show', exact: true }).click();
  const table = page.getByRole('table', { name: 'Figures per office' });
  for (const office of OFFICES) {
    const e = expected.get(office.id)!;
    expect(e.households).toBeGreaterThan(10);
    const row = table.getByRole('row', { name: new RegExp(office.name) });
    await expect(row.getByRole('cell')).toHaveText(
      [
        /\d/,
        number(e.households),
        number(e.persons),
        number(e.leadMedian),
        number(e.leadP90),
        number(e.noShows),
        number(e.interpreterNeeded),
        number(e.interpreterUsed),
      ],
      { timeout: 15_000 },
    );
  }
  // The two offices differ, so the rows cannot both be right by accident.
  expect(expected.get('borlange')!.households).not.toBe(expected.get('ludvika')!.households);

  await expect(page.getByRole('img', { name: /Lead time, check-in to registered/ })).toBeVisible();
  await expect(page.locator('.rgn-chart canvas')).toHaveCount(4);
  const text = (await page.content()) + (await page.evaluate(() => document.body.innerText));
  for (const needle of planted) expect(text.includes(needle), needle).toBe(false);

  await page.screenshot({ path: join(SHOTS, 'region-en.png'), fullPage: true });
  await expectAccessible(page, 'region screen');

  // The CSV is the table, with the admin's escaping and a file name of the period.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download CSV: Figures per office' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe(`motesplats-region-offices-${days[0]}--${days[days.length - 1]}.csv`);
  const csv = readFileSync(await file.path(), 'utf8');
  const b = expected.get('borlange')!;
  expect(csv.split('\r\n').find((line) => line.startsWith('Borlänge Mötesplats,'))).toContain(
    `,${b.households},${b.persons},`,
  );
  expect(csv.split('\r\n')[0]).toContain('Households registered');

  // Swedish, and a narrow window.
  await page.getByRole('button', { name: 'Svenska' }).click();
  await expect(page.getByRole('heading', { name: 'Just nu' })).toBeVisible();
  await page.screenshot({ path: join(SHOTS, 'region-sv.png'), fullPage: true });
  await page.setViewportSize({ width: 800, height: 1000 });
  await page.screenshot({ path: join(SHOTS, 'region-sv-narrow.png'), fullPage: true });
  await expectAccessible(page, 'region screen in Swedish');

  // A range that is no range is refused on the screen, and nothing is asked.
  await page.getByLabel('Från', { exact: true }).fill(days[days.length - 1]!);
  await page.getByLabel('Till', { exact: true }).fill(days[0]!);
  await page.getByRole('button', { name: 'Visa', exact: true }).click();
  await expect(page.getByRole('alert')).toHaveText(/”Från” får inte vara efter ”Till”/);
  await context.close();
});
