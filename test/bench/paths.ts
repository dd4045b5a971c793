import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** Builds, the cached history and the data of each run; ignored by git. */
export const BENCH_DIR = join(ROOT, '.bench');
/** The history is made once and shared by every run. */
export const CACHE_DIR = join(BENCH_DIR, 'cache');
/**
 * A run's own folder. BENCH_WORK moves it, so that the test suite's run cannot disturb yours; it
 * must lie inside the repository, where the bundles find node_modules.
 */
export const WORK_DIR = process.env.BENCH_WORK ?? BENCH_DIR;
export const BUILD_DIR = join(WORK_DIR, 'build');
export const RUN_DIR = join(WORK_DIR, 'run');
/** tmpfs, where the disk is not what is measured (the browser parts): commits cost no fsync. */
export const MEMORY_DIR = process.env.BENCH_WORK
  ? join(process.env.BENCH_WORK, 'memory')
  : existsSync('/dev/shm')
    ? '/dev/shm/motesplats-bench'
    : join(BENCH_DIR, 'memory');
