import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Mode, Sizes } from '../config.js';
import type { LoadPool } from '../load/pool.js';
import { RUN_DIR } from '../paths.js';

export { MEMORY_DIR } from '../paths.js';

/** What every part gets from the entry. */
export interface RunContext {
  readonly mode: Mode;
  readonly sizes: Sizes;
  /** The load generators, shared by the parts that connect many clients. */
  readonly pool: LoadPool;
  log(message: string): void;
}

/** An empty folder for one part's data, on the same disk as the repository. */
export function freshDir(name: string, base = RUN_DIR): string {
  const dir = join(base, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}
