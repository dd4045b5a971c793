import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, test } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

mkdirSync(join(ROOT, '.bench'), { recursive: true });
// Inside the repository (the bundles find node_modules from there), apart from a developer's runs.
const work = mkdtempSync(join(ROOT, '.bench', 'test-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/**
 * The benchmarks are not timed here (timings stay out of the test suite): this only runs the
 * whole suite at tiny sizes, so that a change that breaks a part of it shows at once.
 */
test('npm run bench -- --quick runs every part at tiny sizes and writes every figure', async () => {
  const out = join(work, 'bench-results.json');
  const { code, output } = await new Promise<{ code: number | null; output: string }>((resolve) => {
    const child = execFile(
      process.execPath,
      ['--import', 'tsx', 'test/bench/run.ts', '--quick', '--tiny', '--out', out],
      { cwd: ROOT, env: { ...process.env, BENCH_WORK: work }, timeout: 170_000, maxBuffer: 16 * 2 ** 20 },
      (_error, stdout, stderr) => resolve({ code: child.exitCode, output: `${stdout}\n${stderr}` }),
    );
  });
  expect(code, output).toBe(0);
  const results = JSON.parse(readFileSync(out, 'utf8')) as {
    missing: string[];
    parts: Record<string, { error?: string; figures?: { id: string; value: number | null }[] }>;
    machine: { cpu: string; node: string; sqlite: string };
    goals: unknown[];
  };
  expect(results.missing).toEqual([]);
  for (const [name, part] of Object.entries(results.parts)) {
    expect(part.error, name).toBeUndefined();
    expect(part.figures?.length, name).toBeGreaterThan(0);
  }
  expect(Object.keys(results.parts).sort()).toEqual(
    [
      'checkin',
      'display',
      'durable',
      'latency',
      'memory',
      'postgres',
      'recovery',
      'region',
      'screens',
      'statistics',
    ].sort(),
  );
  expect(results.machine.node).toBe(process.version);
  expect(results.goals).toHaveLength(15);
}, 180_000);
