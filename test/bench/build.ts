import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { BUILD_DIR, ROOT } from './paths.js';

/**
 * Everything that runs in a child process is bundled by esbuild first, as `npm run build`
 * compiles the server: a process then starts in a fraction of a second, and no TypeScript is
 * compiled while it is being measured. Packages stay in node_modules, as in production.
 */
export const BUNDLES = {
  officeServer: 'test/bench/office/serverMain.ts',
  /** A region node: every office of a PostgreSQL database, beside other nodes. */
  regionNode: 'test/bench/office/nodeMain.ts',
  /** The statistics worker, found by the server beside itself as `worker.js`. */
  worker: 'server/stats/worker.ts',
  clients: 'test/bench/load/clientsMain.ts',
  wsServer: 'test/bench/baselines/wsServerMain.ts',
  ioServer: 'test/bench/baselines/ioServerMain.ts',
  disk: 'test/bench/baselines/diskMain.ts',
  history: 'test/bench/history/historyMain.ts',
} as const;
export type BundleName = keyof typeof BUNDLES;

export function bundlePath(name: BundleName): string {
  return join(BUILD_DIR, `${name}.js`);
}

export async function buildBundles(): Promise<void> {
  mkdirSync(BUILD_DIR, { recursive: true });
  await build({
    absWorkingDir: ROOT,
    entryPoints: Object.fromEntries(Object.entries(BUNDLES).map(([name, file]) => [name, file])),
    outdir: BUILD_DIR,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
}

/** The screens, built by Vite, unless a build is already there (`npm run bench` builds first). */
export function ensureRenderer(): string {
  const dir = join(ROOT, 'dist', 'renderer');
  if (!existsSync(join(dir, 'index.html')))
    execFileSync(
      process.execPath,
      [
        join(ROOT, 'node_modules/vite/bin/vite.js'),
        'build',
        '--config',
        'renderer/vite.config.ts',
        '--logLevel',
        'warn',
      ],
      {
        cwd: ROOT,
        stdio: 'inherit',
      },
    );
  return dir;
}
