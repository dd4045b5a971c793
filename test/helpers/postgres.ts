import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { freePort } from './process.js';

/** Debian's `postgresql` package puts each major version's programs here. */
const DEBIAN_ROOT = '/usr/lib/postgresql';
const INSTALL_HINT = 'install it with `apt-get install -y postgresql` (Debian; .ci/run does it on CI)';

export interface TestPostgres {
  /** `postgres://postgres@127.0.0.1:<port>/motesplats_test`: an empty database of its own. */
  readonly url: string;
  readonly port: number;
  /** The temp folder holding the cluster, its socket and its log; removed by `stop`. */
  readonly dir: string;
  /** Creates an empty database and returns its URL, so that tests sharing a server stay apart. */
  createDatabase(name: string): Promise<string>;
  /** Stops the server as a crash would (`-m immediate`: no checkpoint); the data stays for `start`. */
  kill(): Promise<void>;
  /** Starts the server again on the same port and data, after `kill`. */
  start(): Promise<void>;
  /** Shuts the server down and removes its folder; safe to call twice. */
  stop(): Promise<void>;
}

/** The newest installed version's bin folder, or undefined. */
function binDir(): string | undefined {
  if (!existsSync(DEBIAN_ROOT)) return undefined;
  const versions = readdirSync(DEBIAN_ROOT)
    .filter((v) => /^\d+(\.\d+)?$/.test(v) && existsSync(join(DEBIAN_ROOT, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] && join(DEBIAN_ROOT, versions[0], 'bin');
}

/** Whether PostgreSQL's server programs are installed, for a suite to say why it skips. */
export function postgresAvailable(): boolean {
  return binDir() !== undefined;
}

/** Servers still running in this process, stopped at its exit whatever the tests did. */
const running = new Set<{ stopNow(): void }>();
process.once('exit', () => {
  for (const server of running) server.stopNow();
});

/**
 * PostgreSQL refuses to run as root, so as root every program runs as the `postgres` user that
 * Debian's package creates, in a folder that user owns.
 */
function runAs(): { prefix: string[]; owner?: { uid: number; gid: number } } {
  if (process.getuid?.() !== 0) return { prefix: [] };
  let uid: number, gid: number;
  try {
    uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }));
    gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }));
  } catch {
    throw new Error(
      `running as root, PostgreSQL needs the \`postgres\` user, which is missing: ${INSTALL_HINT}`,
    );
  }
  return { prefix: ['runuser', '-u', 'postgres', '--'], owner: { uid, gid } };
}

/**
 * A PostgreSQL server of its own in a temp folder, on a free port of 127.0.0.1, with `trust`
 * authentication for the user `postgres`. Never the machine's own service: tests may kill it.
 */
export async function startPostgres(): Promise<TestPostgres> {
  const bin = binDir();
  if (!bin)
    throw new Error(`PostgreSQL is not installed (no ${DEBIAN_ROOT}/<version>/bin/initdb): ${INSTALL_HINT}`);
  const { prefix, owner } = runAs();
  const dir = mkdtempSync(join(tmpdir(), 'motesplats-pg-'));
  const data = join(dir, 'data');
  const socketDir = join(dir, 'socket');
  mkdirSync(socketDir);
  if (owner) {
    chownSync(dir, owner.uid, owner.gid);
    chownSync(socketDir, owner.uid, owner.gid);
  }
  const command = (program: string, args: string[]): [string, string[]] => {
    const [head, ...rest] = [...prefix, join(bin, program), ...args];
    return [head!, rest];
  };
  // cwd: the postgres user may not be allowed into the repository's folder.
  const run = (program: string, args: string[]) =>
    new Promise<void>((resolve, reject) => {
      const [file, argv] = command(program, args);
      execFile(file, argv, { cwd: dir, timeout: 60_000 }, (error, stdout, stderr) => {
        if (!error) return resolve();
        const log = existsSync(join(dir, 'log')) ? readFileSync(join(dir, 'log'), 'utf8').slice(-2000) : '';
        reject(
          new Error(`${program} ${args.join(' ')} failed: ${stderr || stdout || error.message}\n${log}`),
        );
      });
    });
  const runSync = (program: string, args: string[]) => {
    const [file, argv] = command(program, args);
    try {
      execFileSync(file, argv, { cwd: dir, stdio: 'ignore', timeout: 30_000 });
    } catch {
      // already stopped
    }
  };

  let port = 0;
  let up = false;
  // pg_ctl hands -o to a shell, hence the quotes. fsync and synchronous_commit are the defaults,
  // set anyway: the durability tests must not pass because of a faster, looser server.
  const pgCtlStart = () =>
    run('pg_ctl', [
      'start',
      '-D',
      data,
      '-l',
      join(dir, 'log'),
      '-w',
      '-t',
      '60',
      '-o',
      `-p ${port} -k '${socketDir}' -c listen_addresses=127.0.0.1 -c fsync=on -c synchronous_commit=on`,
    ]);
  const urlOf = (database: string) => `postgres://postgres@127.0.0.1:${port}/${database}`;
  const query = async (sql: string) => {
    const client = new Client({ connectionString: urlOf('postgres') });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  // pg_ctl -w already waits for "ready"; this also proves the TCP listener takes a login.
  const waitForConnections = async () => {
    const deadline = Date.now() + 30_000;
    for (;;) {
      try {
        return await query('SELECT 1');
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  };

  // A Ctrl-C or a killed test worker skips 'exit' handlers, and pg_ctl detaches the server from
  // our session: a detached shell watches this process and stops the server once it is gone.
  const watchdog: ChildProcess = spawn(
    '/bin/sh',
    [
      '-c',
      'parent=$1 dir=$2; shift 2; while kill -0 "$parent" 2>/dev/null; do sleep 1; done; "$@" >/dev/null 2>&1; rm -rf "$dir"',
      'motesplats-pg-watchdog',
      String(process.pid),
      dir,
      ...command('pg_ctl', ['stop', '-D', data, '-m', 'immediate', '-w']).flat(),
    ],
    { detached: true, stdio: 'ignore' },
  );
  watchdog.unref();
  const entry = {
    stopNow() {
      running.delete(entry);
      if (up) runSync('pg_ctl', ['stop', '-D', data, '-m', 'immediate', '-w']);
      up = false;
      watchdog.kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  running.add(entry);

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      running.delete(entry);
      try {
        if (up) await run('pg_ctl', ['stop', '-D', data, '-m', 'fast', '-w']);
      } finally {
        up = false;
        watchdog.kill();
        rmSync(dir, { recursive: true, force: true });
      }
    })());

  try {
    await run('initdb', [
      '-D',
      data,
      '-U',
      'postgres',
      '-A',
      'trust',
      '-E',
      'UTF8',
      '--locale=C',
      '--no-sync',
    ]);
    // Another process may take the free port before the server binds it: try another.
    for (let attempt = 1; ; attempt++) {
      port = await freePort();
      try {
        await pgCtlStart();
        break;
      } catch (error) {
        if (attempt >= 3 || !/could not (bind|create listen)/i.test(String(error))) throw error;
      }
    }
    up = true;
    await waitForConnections();
    await query('CREATE DATABASE motesplats_test');
  } catch (error) {
    await stop().catch(() => {});
    throw error;
  }

  return {
    url: urlOf('motesplats_test'),
    port,
    dir,
    async createDatabase(name) {
      if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain database name: ${name}`);
      await query(`CREATE DATABASE ${name}`);
      return urlOf(name);
    },
    async kill() {
      if (!up || stopping) return;
      await run('pg_ctl', ['stop', '-D', data, '-m', 'immediate', '-w']);
      up = false;
    },
    async start() {
      if (stopping) throw new Error('this PostgreSQL was stopped for good');
      if (up) return;
      await pgCtlStart();
      up = true;
      await waitForConnections();
    },
    stop,
  };
}
