import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildBundles } from './build.js';
import { checkinPart } from './parts/checkin.js';
import { SIZES, type Mode } from './config.js';
import { evaluateGoals, REQUIRED } from './goals.js';
import { LoadPool } from './load/pool.js';
import { describeMachine } from './machine.js';
import { durablePart } from './parts/durable.js';
import { latencyPart } from './parts/latency.js';
import { postgresPart } from './parts/postgres.js';
import { memoryPart } from './parts/memory.js';
import { displayPart } from './parts/display.js';
import { recoveryPart } from './parts/recovery.js';
import { regionPart } from './parts/region.js';
import { screensPart } from './parts/screens.js';
import { statisticsPart } from './parts/statistics.js';
import { MEMORY_DIR, type RunContext } from './parts/context.js';
import { ROOT, RUN_DIR } from './paths.js';
import { goalsTable, table, writeResults, type PartResult, type Results } from './report.js';

/**
 * `npm run bench`: every measurement of issues 6, 11 and 13 in one run, side by side with its baselines, in
 * under fifteen minutes on the two-core development machine. `--quick` for development; `--tiny`
 * (with `--quick`) only proves that everything still runs; `--only latency,durable` picks parts;
 * `--out` names the results file (default bench-results.json).
 */
const PARTS: Record<string, (ctx: RunContext) => Promise<PartResult>> = {
  latency: latencyPart,
  durable: durablePart,
  recovery: recoveryPart,
  statistics: statisticsPart,
  memory: memoryPart,
  display: displayPart,
  screens: screensPart,
  checkin: checkinPart,
  postgres: postgresPart,
  region: regionPart,
};

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    tiny: { type: 'boolean', default: false },
    only: { type: 'string' },
    out: { type: 'string', default: join(ROOT, 'bench-results.json') },
  },
});
const mode: Mode = values.tiny ? 'tiny' : values.quick ? 'quick' : 'full';
const only = values.only?.split(',').map((p) => p.trim());
const unknown = only?.filter((p) => !(p in PARTS)) ?? [];
if (unknown.length > 0)
  throw new Error(`unknown parts: ${unknown.join(', ')} (known: ${Object.keys(PARTS).join(', ')})`);

const started = Date.now();
const log = (message: string) =>
  process.stdout.write(`[${((Date.now() - started) / 1000).toFixed(0).padStart(3)} s] ${message}\n`);

rmSync(RUN_DIR, { recursive: true, force: true });
mkdirSync(RUN_DIR, { recursive: true });
await buildBundles();
const machine = describeMachine(RUN_DIR);
log(
  `${mode} run on ${machine.cpu} (${machine.cores} cores, ${machine.memoryGiB} GiB), load ${machine.loadAverage.join(' ')}`,
);

const sizes = SIZES[mode];
const pool = await LoadPool.start(Math.max(sizes.latency.workers, sizes.memory.workers));
const ctx: RunContext = { mode, sizes, pool, log };
const parts: Results['parts'] = {};
try {
  for (const [name, part] of Object.entries(PARTS)) {
    if (only && !only.includes(name)) continue;
    log(`${name}…`);
    try {
      parts[name] = await part(ctx);
    } catch (error) {
      const text = (error as Error).stack ?? String(error);
      log(`${name} FAILED: ${text}`);
      parts[name] = { error: text };
    }
  }
} finally {
  await pool.stop();
  rmSync(MEMORY_DIR, { recursive: true, force: true });
}

const written = new Set(
  Object.values(parts).flatMap((p) =>
    'figures' in p ? p.figures.filter((f) => f.value !== null).map((f) => f.id) : [],
  ),
);
const missing = REQUIRED(sizes)
  .filter((id) => !only || only.includes(id.split('.')[0]!))
  .filter((id) => !written.has(id));
const results: Results = {
  suite: 'motesplats-bench',
  mode,
  startedAt: new Date(started).toISOString(),
  seconds: Math.round((Date.now() - started) / 1000),
  machine,
  parts,
  goals: evaluateGoals(parts),
  missing,
};
writeResults(values.out, results);
process.stdout.write(`\n${table(results)}\n\n${goalsTable(results.goals)}\n\n`);
log(`results in ${values.out}${missing.length ? `; MISSING: ${missing.join(', ')}` : ''}`);
// Exit now: pooled HTTP keep-alive sockets would otherwise hold the process for seconds.
process.exit(missing.length > 0 || Object.values(parts).some((p) => 'error' in p) ? 1 : 0);
