import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Role } from '../../shared/events.js';
import { OfficeStore } from '../../server/store/store.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** A free TCP port on loopback, so a restarted server comes back at the same address. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

export interface ServerProcess {
  readonly url: string;
  readonly process: ChildProcess;
  /** Everything the server printed so far. */
  output(): string;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * The office server in its own process (from source), as `npm start` runs it; or, given
 * `script`, from a bundle of server/main.ts (see bundle.ts), which starts several times faster.
 */
export async function spawnServer(
  dir: string,
  port: number,
  extraArgs: string[] = [],
  script?: string,
): Promise<ServerProcess> {
  const child = spawn(
    process.execPath,
    [
      ...(script ? [script] : ['--import', 'tsx', 'server/main.ts']),
      '--data',
      dir,
      '--port',
      String(port),
      '--host',
      '127.0.0.1',
      '--log-level',
      'silent',
      ...extraArgs,
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  let stdout = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited: ${stderr}`);
    try {
      if ((await fetch(`${url}/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`the server did not start: ${stderr}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url,
    process: child,
    output: () => stdout,
    kill(signal = 'SIGKILL') {
      return new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill(signal);
      });
    },
  };
}

/** Creates a device in a running server's database (from beside it, as the CLI does) and pairs it over HTTP. */
export async function pairWithServer(
  url: string,
  dbFile: string,
  role: Role,
  deskId: string | null = null,
): Promise<string> {
  const store = OfficeStore.open(dbFile);
  let code: string;
  try {
    code = store.devices.create({ name: `${role} ${deskId ?? ''}`.trim(), role, deskId }, Date.now()).code;
  } finally {
    store.close();
  }
  return redeem(url, code);
}

/** Redeems a pairing code at a running server over HTTP, as a device does; returns its token. */
export async function redeem(url: string, code: string): Promise<string> {
  const response = await fetch(`${url}/api/pair`, { method: 'POST', body: JSON.stringify({ code }) });
  if (!response.ok) throw new Error(`pairing failed: ${response.status}`);
  return ((await response.json()) as { token: string }).token;
}
