import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { basename, dirname, join } from 'node:path';
import { ROOT } from './paths.js';

export interface Machine {
  readonly cpu: string;
  readonly cores: number;
  readonly memoryGiB: number;
  /** Load averages when the run started: a busy machine makes every figure noisier. */
  readonly loadAverage: number[];
  readonly os: string;
  readonly node: string;
  readonly sqlite: string;
  readonly packages: Record<string, string>;
  readonly disk: { device: string; filesystem: string; rotational: boolean | null; kind: string };
  readonly chromium: string | null;
  readonly git: { commit: string; dirty: boolean } | null;
}

const run = (file: string, args: string[]) => {
  try {
    return execFileSync(file, args, {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return null;
  }
};

/** The block device under a folder, and what kind of disk it is (as far as Linux says). */
function disk(dir: string): Machine['disk'] {
  const [source = '?', fstype = '?'] =
    (run('df', ['--output=source,fstype', dir]) ?? '').split('\n')[1]?.trim().split(/\s+/) ?? [];
  const name = basename(source);
  let sys = join('/sys/class/block', name);
  if (existsSync(sys) && !existsSync(join(sys, 'queue'))) sys = dirname(realpathSync(sys));
  const read = (file: string) =>
    existsSync(join(sys, file)) ? readFileSync(join(sys, file), 'utf8').trim() : null;
  const rotational = read('queue/rotational');
  const kind = name.startsWith('vd')
    ? "virtio block device (a virtual machine's disk)"
    : name.startsWith('nvme')
      ? 'NVMe SSD'
      : rotational === '0'
        ? 'SSD'
        : rotational === '1'
          ? 'rotational disk'
          : 'unknown';
  return {
    device: source,
    filesystem: fstype,
    rotational: rotational === null ? null : rotational === '1',
    kind,
  };
}

export function describeMachine(dataDir: string): Machine {
  const require = createRequire(join(ROOT, 'package.json'));
  const version = (name: string) => (require(`${name}/package.json`) as { version: string }).version;
  const db = new Database(':memory:');
  const sqlite = db.prepare('SELECT sqlite_version()').pluck().get() as string;
  db.close();
  const commit = run('git', ['rev-parse', 'HEAD']);
  return {
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    sqlite,
    packages: Object.fromEntries(
      ['better-sqlite3', 'socket.io', 'socket.io-client', 'ws', 'playwright-core'].map((p) => [
        p,
        version(p),
      ]),
    ),
    disk: disk(dataDir),
    chromium: run('/usr/bin/chromium', ['--version']),
    git: commit ? { commit, dirty: (run('git', ['status', '--porcelain']) ?? '') !== '' } : null,
  };
}
