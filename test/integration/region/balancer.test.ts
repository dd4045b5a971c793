import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { RECONNECT_DELAYS } from '../../../shared/reconnect.js';
import { bundled } from '../../helpers/bundle.js';
import { TestClient } from '../../helpers/client.js';
import { testConfig } from '../../helpers/domain.js';
import { ok } from '../../helpers/office.js';
import { freePort, redeem, spawnServer, type ServerProcess } from '../../helpers/process.js';
import { TEST_STORE } from '../../helpers/testStore.js';
import { TEMPLATE_DATABASE } from '../../setup/postgres.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const HAPROXY = '/usr/sbin/haproxy';
const NGINX = '/usr/sbin/nginx';
const exec = promisify(execFile);
const OFFICE = 'borlange';

const walkIn = {
  arrival: { kind: 'walk_in', adults: 1, children: 0 },
  language: 'ti',
  interpreterLanguage: null,
  consent: true,
} as const;

/** A balancer in the foreground, its output kept with the time each line came. */
interface Balancer {
  readonly url: string;
  readonly lines: { at: number; text: string }[];
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();
// A test worker that dies skips afterAll; the balancers must not outlive it on their ports.
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

async function startBalancer(
  file: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  url: string,
  until: () => Promise<boolean>,
): Promise<Balancer> {
  const child = spawn(file, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  const lines: { at: number; text: string }[] = [];
  const keep = (chunk: Buffer) => {
    for (const text of chunk.toString().split('\n')) if (text) lines.push({ at: Date.now(), text });
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const stop = () =>
    new Promise<void>((resolve) => {
      running.delete(child);
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${file} exited: ${lines.map((l) => l.text).join('\n')}`);
    if (await until().catch(() => false)) return { url, lines, stop };
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${file} did not come up: ${lines.map((l) => l.text).join('\n')}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The balancer's cookie in a response: which node it sent the request to. */
const stickyNode = (response: Response) =>
  /SERVERID=(node\d)/.exec(response.headers.get('set-cookie') ?? '')?.[1];

/** Pairs as a screen's page does, with the cookie the balancer gave the page. */
async function redeemOn(url: string, code: string, cookie: string): Promise<string> {
  const response = await fetch(`${url}/api/pair`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json' },
    body: JSON.stringify({ code }),
  });
  if (!response.ok) throw new Error(`pairing failed: ${response.status}`);
  return ((await response.json()) as { token: string }).token;
}

/** The page a screen loads through the balancer: the node it was given, as a cookie. */
async function pageCookie(url: string): Promise<string> {
  return `SERVERID=${stickyNode(await fetch(`${url}/health`))!}`;
}

/** A POST from a chosen loopback address (fetch cannot pick one), as from another machine. */
function postFrom(
  url: string,
  localAddress: string,
  body: string,
  headers: Record<string, string>,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', localAddress, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode!));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * deploy/haproxy.cfg and deploy/nginx.conf as they are, the real balancers in front of two real
 * node processes on one real PostgreSQL database. Both nodes serve the same office; until the
 * nodes share their broadcasts (issue 13), a node learns of the other's commands from the log
 * when its own write finds the log moved on, so what is asserted after a failover is what the
 * log gives the node a screen reconnects to, not a broadcast between them.
 */
describe.runIf(TEST_STORE === 'postgres')('the region behind a real balancer', () => {
  let dir: string;
  let url: string;
  const nodes: ServerProcess[] = [];
  const pair = async (role: string, desk?: string) => {
    const { stdout } = await exec(
      process.execPath,
      [
        await bundled('server/cli.ts'),
        '--database',
        url,
        '--office',
        OFFICE,
        'device',
        'add',
        '--role',
        role,
        ...(desk ? ['--desk', desk] : []),
      ],
      { cwd: ROOT, encoding: 'utf8' },
    );
    return decodeURIComponent(/\/pair\?code=(\S+)/.exec(stdout)![1]!);
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'motesplats-balancer-'));
    const database = `lb_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    const admin = new pg.Client({ connectionString: `${inject('postgresServer')}/postgres` });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${database} TEMPLATE ${TEMPLATE_DATABASE}`);
    await admin.end();
    url = `${inject('postgresServer')}/${database}`;
    const config = join(dir, `${OFFICE}.json`);
    writeFileSync(config, JSON.stringify(testConfig()));
    const [cli, main] = await Promise.all([bundled('server/cli.ts'), bundled('server/main.ts')]);
    await exec(
      process.execPath,
      [cli, '--database', url, 'office', 'add', '--id', OFFICE, '--config', config],
      {
        cwd: ROOT,
      },
    );
    // Each node serves every office of the database, and trusts the balancer's X-Forwarded-For,
    // as deploy/README.md starts them.
    const ports = await Promise.all([freePort(), freePort()]);
    nodes.push(
      ...(await Promise.all(
        ports.map((port) => spawnServer(dir, port, ['--database', url, '--trust-proxy', '127.0.0.1'], main)),
      )),
    );
  }, 60_000);
  afterAll(async () => {
    await Promise.all(nodes.map((n) => n.kill()));
    rmSync(dir, { recursive: true, force: true });
  });

  const nodeAddress = (i: number) => new URL(nodes[i]!.url).host;

  // Before HAProxy's, which kills a node.
  describe.skipIf(!existsSync(NGINX))(
    `nginx (deploy/nginx.conf)${existsSync(NGINX) ? '' : `: skipped, no ${NGINX} (apt-get install nginx)`}`,
    () => {
      let nginx: Balancer | undefined;
      let prefix: string;

      beforeAll(async () => {
        prefix = mkdtempSync(join(tmpdir(), 'motesplats-nginx-'));
        // As root, nginx's workers run as nobody, who must get into the prefix.
        chmodSync(prefix, 0o755);
        const port = await freePort();
        // The file's own addresses (README's try-out) swapped for this test's; each must be there.
        let conf = readFileSync(join(ROOT, 'deploy/nginx.conf'), 'utf8');
        for (const [from, to] of [
          ['server 127.0.0.1:8081 ', `server ${nodeAddress(0)} `],
          ['server 127.0.0.1:8082 ', `server ${nodeAddress(1)} `],
          ['listen 8080;', `listen 127.0.0.1:${port};`],
        ] as const) {
          expect(conf.split(from)).toHaveLength(2);
          conf = conf.replace(from, to);
        }
        writeFileSync(join(prefix, 'nginx.conf'), conf);
        writeFileSync(join(prefix, 'nginx-try.conf'), readFileSync(join(ROOT, 'deploy/nginx-try.conf')));
        const url = `http://127.0.0.1:${port}`;
        nginx = await startBalancer(
          NGINX,
          [
            '-p',
            prefix,
            '-c',
            join(prefix, 'nginx-try.conf'),
            '-e',
            join(prefix, 'early-error.log'),
            '-g',
            `daemon off; pid ${join(prefix, 'nginx.pid')};`,
          ],
          {},
          url,
          async () => (await fetch(`${url}/health`)).ok,
        );
      });
      afterAll(async () => {
        await nginx?.stop();
        if (prefix) rmSync(prefix, { recursive: true, force: true });
      });

      it('passes /health and the WebSocket upgrade, with the Host the screen sent', async () => {
        const lb = nginx!.url;
        const health = await fetch(`${lb}/health`);
        expect(health.status).toBe(200);
        expect(((await health.json()) as { status: string }).status).toBe('ok');

        const token = await redeem(lb, await pair('display'));
        // A browser's Origin is the balancer's address: the node sees the same in Host, or refuses.
        const display = new TestClient(lb, { token }, { extraHeaders: { origin: lb } });
        try {
          await display.connected();
          await display.until(() => display.publicView !== undefined, 'the display’s first view');
          expect(display.socket.io.engine.transport.name).toBe('websocket');
        } finally {
          display.close();
        }
        const foreign = new TestClient(
          lb,
          { token },
          { extraHeaders: { origin: 'http://elsewhere.example' } },
        );
        try {
          await foreign.refused();
        } finally {
          foreign.close();
        }
      });
    },
  );

  describe.skipIf(!existsSync(HAPROXY))(
    `HAProxy (deploy/haproxy.cfg)${existsSync(HAPROXY) ? '' : `: skipped, no ${HAPROXY} (apt-get install haproxy)`}`,
    () => {
      let haproxy: Balancer | undefined;
      const clients: TestClient[] = [];

      beforeAll(async () => {
        const port = await freePort();
        const url = `http://127.0.0.1:${port}`;
        haproxy = await startBalancer(
          HAPROXY,
          ['-f', join(ROOT, 'deploy/haproxy.cfg'), '-db'],
          {
            MOTESPLATS_LB_BIND: `127.0.0.1:${port}`,
            MOTESPLATS_NODE1: nodeAddress(0),
            MOTESPLATS_NODE2: nodeAddress(1),
          },
          url,
          async () => (await fetch(`${url}/health`)).ok,
        );
      });
      afterAll(async () => {
        for (const client of clients) client.close();
        await haproxy?.stop();
      });

      it('passes /health and keeps a polling session on the node that holds it', async () => {
        const lb = haproxy!.url;
        const health = await fetch(`${lb}/health`);
        expect(health.status).toBe(200);
        expect(stickyNode(health)).toMatch(/^node[12]$/);

        // Each node knows only its own polling sessions: without the cookie a session's next
        // request could land on the other node and be refused. This is what stickiness is for.
        const handshake = await fetch(`${lb}/socket.io/?EIO=4&transport=polling`, {
          headers: { cookie: 'SERVERID=node1' },
        });
        expect(handshake.status).toBe(200);
        const sid = (JSON.parse((await handshake.text()).slice(1)) as { sid: string }).sid;
        const send = (node: string, packet: string) =>
          fetch(`${lb}/socket.io/?EIO=4&transport=polling&sid=${sid}`, {
            method: 'POST',
            headers: { cookie: `SERVERID=${node}`, 'content-type': 'text/plain;charset=UTF-8' },
            body: packet,
          });
        expect((await send('node2', '6')).status).toBe(400);
        expect((await send('node1', '6')).status).toBe(200);
        expect((await send('node1', '1')).status).toBe(200);

        // A client that can only poll, keeping cookies as a browser does: many requests, one node.
        const page = await pageCookie(lb);
        const token = await redeemOn(lb, await pair('admin'), page);
        const admin = new TestClient(
          lb,
          { token },
          { transports: ['polling'], withCredentials: true, extraHeaders: { cookie: page } },
        );
        clients.push(admin);
        await admin.connected();
        await admin.until(() => admin.state !== undefined, 'the admin’s first state');
        for (let i = 0; i < 5; i++) ok(await admin.query('officer:list', {}));
        expect(admin.socket.io.engine.transport.name).toBe('polling');
      });

      it('counts wrong pairing codes per client behind the balancer, not per balancer, and cannot be fooled', async () => {
        const pairAt = `${haproxy!.url}/api/pair`;
        const wrong = (from: string, headers: Record<string, string> = {}) =>
          postFrom(pairAt, from, JSON.stringify({ code: 'WRONG-CODE' }), {
            // One node's count: each node keeps its own.
            cookie: 'SERVERID=node2',
            'content-type': 'application/json',
            ...headers,
          });
        for (let i = 0; i < 10; i++) expect(await wrong('127.0.0.2')).toBe(404);
        expect(await wrong('127.0.0.2')).toBe(429);
        // Another machine behind the same balancer is not locked out, and naming the locked-out
        // address does not make it so; nor does naming another free one help the guesser.
        expect(await wrong('127.0.0.3')).toBe(404);
        expect(await wrong('127.0.0.3', { 'x-forwarded-for': '127.0.0.2' })).toBe(404);
        expect(await wrong('127.0.0.2', { 'x-forwarded-for': '127.0.0.4' })).toBe(429);
      });

      it('moves a dead node’s screens to the other through the same address, the acked commands with them', async () => {
        const lb = haproxy!.url;
        // The screens' pages came through the balancer and got its cookie; their sockets follow
        // it, and the node it names is the one to kill.
        const cookie = await pageCookie(lb);
        const victim = /node\d/.exec(cookie)![0];
        const survivor = victim === 'node1' ? 'node2' : 'node1';
        // One that can only poll, keeping cookies as a browser does.
        const display = new TestClient(
          lb,
          { token: await redeemOn(lb, await pair('display'), cookie) },
          {
            transports: ['polling'],
            withCredentials: true,
            extraHeaders: { cookie },
            reconnectDelays: RECONNECT_DELAYS,
          },
        );
        clients.push(display);
        await display.connected();
        await display.until(() => display.publicView !== undefined, 'the display’s first view');
        // The cookie it has now: none of its own yet, while the page's holds; the balancer's
        // new one once it has been sent elsewhere.
        const jarNode = () => new Map(display.socket.io.engine._cookieJar.cookies).get('SERVERID')?.value;
        expect(jarNode()).toBeUndefined();
        const screen = (token: string) =>
          new TestClient(
            lb,
            { token },
            { extraHeaders: { cookie, origin: lb }, reconnectDelays: RECONNECT_DELAYS },
          );
        const [deskToken, kioskToken] = await Promise.all([
          redeemOn(lb, await pair('desk', 'mv-1'), cookie),
          redeemOn(lb, await pair('kiosk'), cookie),
        ]);
        const desk = screen(deskToken);
        const kiosk = screen(kioskToken);
        clients.push(desk, kiosk);
        await Promise.all([desk.connected(), kiosk.connected()]);
        await desk.until(() => desk.state !== undefined, 'the desk’s first state');
        expect(desk.socket.io.engine.transport.name).toBe('websocket');
        ok(await desk.command('desk:sign_in', { officer: 'Anna Berg' }));
        const firstId = randomUUID();
        const first = ok(await kiosk.command('visit:check_in', { commandId: firstId, ...walkIn }));
        await desk.until(
          () => desk.state?.visits.get(first.visitId) !== undefined,
          'the check-in at the desk',
        );

        // Both must lose their node (they were on it) and get back through the same address.
        const backAt = (client: TestClient) =>
          new Promise<number>((resolve) =>
            client.socket.once('disconnect', () =>
              client.socket.io.once('reconnect', () => resolve(Date.now())),
            ),
          );
        const deskBack = backAt(desk);
        const displayBack = backAt(display);
        const killedAt = Date.now();
        await nodes[Number(victim.slice(4)) - 1]!.kill('SIGKILL');
        const [back, pollingBack] = await Promise.all([deskBack, displayBack]);
        const out = await expect
          .poll(() => haproxy!.lines.find((l) => l.text.includes(`nodes/${victim} is DOWN`))?.at, {
            timeout: 5_000,
          })
          .toBeDefined()
          .then(() => haproxy!.lines.find((l) => l.text.includes(`nodes/${victim} is DOWN`))!.at);
        process.stdout.write(
          `    ${victim} killed: back through the balancer after ${back - killedAt} ms (WebSocket desk), ` +
            `${pollingBack - killedAt} ms (polling display); HAProxy's checks took the node out after ` +
            `${out - killedAt} ms\n`,
        );
        expect(back - killedAt).toBeLessThan(5_000);
        expect(pollingBack - killedAt).toBeLessThan(5_000);
        expect(desk.socket.io.engine.transport.name).toBe('websocket');
        expect(display.socket.io.engine.transport.name).toBe('polling');
        expect(jarNode()).toBe(survivor);
        // The page's next request: the cookie names a node that is out, so it is sent elsewhere
        // and told so.
        expect(stickyNode(await fetch(`${lb}/health`, { headers: { cookie } }))).toBe(survivor);

        // The kiosk's next check-in is decided on the log as the dead node left it: a ticket after
        // the first, and the desk hears of both.
        await kiosk.connected();
        const secondId = randomUUID();
        const second = ok(await kiosk.command('visit:check_in', { commandId: secondId, ...walkIn }));
        expect(second.ticket).not.toBe(first.ticket);
        await desk.until(
          () =>
            desk.state?.visits.get(first.visitId) !== undefined &&
            desk.state.visits.get(second.visitId) !== undefined,
          'both check-ins at the desk',
        );
        // The desk signed in on the dead node: the survivor knows, and calls the first arrival.
        const called = ok(await desk.command('queue:call_next', {}));
        expect(called.visitId).toBe(first.visitId);

        const db = new pg.Client({ connectionString: url });
        await db.connect();
        try {
          const { rows } = await db.query<{ command_id: string }>(
            `SELECT command_id FROM commands WHERE command_id = ANY($1) ORDER BY first_seq`,
            [[firstId, secondId]],
          );
          expect(rows.map((r) => r.command_id)).toEqual([firstId, secondId]);
        } finally {
          await db.end();
        }
      }, 30_000);
    },
  );
});
