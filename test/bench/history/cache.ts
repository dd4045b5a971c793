import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { SCHEMA_VERSION } from '../../../server/store/migrations/index.js';
import { bundlePath } from '../build.js';
import type { Sizes } from '../config.js';
import { Child } from '../lib/child.js';
import { benchOffice } from '../office/benchOffice.js';
import { CACHE_DIR } from '../paths.js';
import { addDays, LAST_DAY, officeDays } from './calendar.js';
import type { HistoryJob } from './historyMain.js';
import { newDevices } from './simulate.js';
import type { Erasure } from './writer.js';

/** Bump when the generator writes anything differently: cached histories are then made again. */
export const GENERATOR_VERSION = 2;

export interface HistoryInfo {
  readonly officeDays: number;
  readonly firstDay: string;
  readonly lastDay: string;
  readonly visits: number;
  readonly events: number;
  /** How long generating it took, the first time. */
  readonly seconds: number;
  readonly dbBytes: number;
  readonly walBytes: number;
}

export interface History {
  readonly dir: string;
  readonly info: HistoryInfo;
}

const FILE = 'motesplats.sqlite';

/**
 * A year of history, generated once per generator version, schema version and size, and kept
 * under .bench/cache: the database file and the WAL a crash left beside it.
 */
export async function ensureHistory(sizes: Sizes['history'], log: (m: string) => void): Promise<History> {
  const key = `history-v${GENERATOR_VERSION}-schema${SCHEMA_VERSION}-${sizes.days}x${sizes.visitsPerDay}-wal${sizes.walDays}`;
  const dir = join(CACHE_DIR, key);
  if (existsSync(join(dir, 'info.json')))
    return { dir, info: JSON.parse(readFileSync(join(dir, 'info.json'), 'utf8')) as HistoryInfo };

  log(`  generating ${sizes.days} office days of history (cached in ${key})…`);
  const started = Date.now();
  const work = `${dir}.partial`;
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const file = join(work, FILE);
  const days = officeDays(sizes.days);
  const bulk = days.slice(0, days.length - sizes.walDays);
  const tail = days.slice(bulk.length);
  const halves = [bulk.slice(0, Math.ceil(bulk.length / 2)), bulk.slice(Math.ceil(bulk.length / 2))].filter(
    (h) => h.length > 0,
  );
  const config = benchOffice();
  const devices = newDevices(config);
  const erase: Erasure = {
    personalBefore: addDays(LAST_DAY, -30),
    tokensBefore: LAST_DAY,
    commandsFrom: addDays(LAST_DAY, -1),
  };
  const common = { visitsPerDay: sizes.visitsPerDay, devices, erase };

  // The two halves of the year side by side (two cores), then one file.
  const parts = halves.map((_, k) => (k === 0 ? file : join(work, `part-${k}.sqlite`)));
  const written = await Promise.all(
    halves.map((half, k) =>
      runJob(
        {
          job: 'days',
          file: parts[k]!,
          days: half,
          from: k === 0 ? half[0]! : halves[k - 1]!.at(-1)!,
          seed: 2026 + k,
          ...common,
        },
        log,
      ),
    ),
  );
  const perDay = Object.assign({}, ...written.map((w) => w.perDay)) as Record<string, number>;
  await runJob({ job: 'merge', file, parts: parts.slice(1), erase, visitsPerDay: perDay }, log);
  for (const part of parts.slice(1))
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${part}${suffix}`, { force: true });
  const last =
    tail.length > 0
      ? await runJob({ job: 'tail', file, days: tail, from: bulk.at(-1)!, seed: 2030, ...common }, log, true)
      : undefined;
  rmSync(`${file}-shm`, { force: true });

  const size = (f: string) => (existsSync(f) ? statSync(f).size : 0);
  const info: HistoryInfo = {
    officeDays: days.length,
    firstDay: days[0]!,
    lastDay: days.at(-1)!,
    visits: [...written, ...(last ? [last] : [])].reduce((n, w) => n + w.visits, 0),
    events: [...written, ...(last ? [last] : [])].reduce((n, w) => n + w.events, 0),
    seconds: (Date.now() - started) / 1000,
    dbBytes: size(file),
    walBytes: size(`${file}-wal`),
  };
  writeFileSync(join(work, 'info.json'), JSON.stringify(info, null, 2));
  rmSync(dir, { recursive: true, force: true });
  renameSync(work, dir);
  log(`  ${info.visits} visits, ${info.events} events in ${info.seconds.toFixed(0)} s`);
  return { dir, info };
}

interface Written {
  readonly visits: number;
  readonly events: number;
  readonly perDay: Record<string, number>;
}

/** One job of the history writer in its own process; a tail is killed once written, as in a crash. */
async function runJob(job: HistoryJob, log: (m: string) => void, crash = false): Promise<Written> {
  const child = Child.fork(bundlePath('history'), [JSON.stringify(job)]);
  const off = child.on((e) => {
    if (e.type === 'progress') log(`    ${job.job}: ${e.days as number} days`);
  });
  try {
    const done = await child.nextEvent('done', 900_000);
    return done as unknown as Written;
  } finally {
    off();
    if (crash) await child.kill('SIGKILL');
    else await child.exited;
  }
}

/** A working copy of the history (database and WAL, never the stale -shm), as a server finds it. */
export function copyHistory(history: History, toDir: string): string {
  mkdirSync(toDir, { recursive: true });
  const target = join(toDir, FILE);
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${target}${suffix}`, { force: true });
  copyFileSync(join(history.dir, FILE), target);
  if (existsSync(join(history.dir, `${FILE}-wal`)))
    copyFileSync(join(history.dir, `${FILE}-wal`), `${target}-wal`);
  return target;
}
