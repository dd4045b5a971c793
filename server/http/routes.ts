import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import sirv from 'sirv';
import { z } from 'zod';
import type { ErrorCode } from '../../shared/errors.js';
import type { Clock } from '../clock.js';
import { loggableError, type Logger } from '../log.js';
import type { OfficeEngine } from '../office/engine.js';
import { originAllowed } from '../realtime/auth.js';
import { deviceInfo } from '../realtime/handlers.js';
import { toRegionInfo } from '../region/devices.js';
import type { Region } from '../region/region.js';
import type { OfficeData } from '../store/seam.js';
import { clientAddress, plainAddress } from './clientAddress.js';
import { setSecurityHeaders } from './security.js';

const PairRequestSchema = z.strictObject({ code: z.string().min(4).max(20) });
const MAX_BODY_BYTES = 1024;

/** The paths the screens live at; the renderer routes them. */
const SCREEN_PATHS = /^\/(kiosk|desk|display|admin|reception|region|pair|status\/[A-Za-z0-9_-]+)?\/?$/;

/** An office a server serves, as its HTTP side sees it. */
export interface HttpOffice {
  readonly officeId: string;
  readonly engine: OfficeEngine;
  readonly store: OfficeData;
}

export interface HttpDeps {
  /** The offices this server serves now (one, or a region node's). */
  readonly offices: () => readonly HttpOffice[];
  /** The offices whose jobs (day turn, retention, rollups) this node holds (a region's nodes). */
  readonly jobsHeld?: () => readonly string[];
  readonly schemaVersion: number;
  readonly clock: Clock;
  readonly log: Logger;
  /** The built renderer (`dist/renderer`); the screens are unavailable until it exists. */
  readonly rendererDir: string;
  readonly version: string;
  /** Origins besides the server's own that may pair (as for sockets: `--allowed-origin`). */
  readonly allowedOrigins: readonly string[];
  /** Balancers whose X-Forwarded-For is believed (`--trust-proxy`); none by default. */
  readonly trustedProxies?: readonly string[];
  /** On PostgreSQL: a code that is no office's device may be one of the region's. */
  readonly region?: Region;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.end(JSON.stringify(body));
}

function sendError(
  res: ServerResponse,
  status: number,
  code: ErrorCode | 'NOT_FOUND' | 'UNKNOWN_CODE',
  message: string,
) {
  sendJson(res, status, { error: { code, message } });
}

async function readBody(req: IncomingMessage): Promise<string | undefined> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Node passes on request targets that are no URL at all (`GET http://[/ HTTP/1.1`). */
function requestUrl(req: IncomingMessage): URL | undefined {
  try {
    return new URL(req.url ?? '/', 'http://localhost');
  } catch {
    return undefined;
  }
}

export function createRequestHandler(deps: HttpDeps) {
  const { clock, log } = deps;
  // Pairing codes are short enough that guessing must be slow: 10 wrong codes a minute per address.
  const failedPairings = new RateLimiterMemory({ points: 10, duration: 60 });
  const trustedProxies = new Set((deps.trustedProxies ?? []).map(plainAddress));
  const hasScreens = () => existsSync(join(deps.rendererDir, 'index.html'));
  // Created on first use: sirv indexes the folder once, and it exists only after a build.
  let assets: ReturnType<typeof sirv> | undefined;
  const serveAssets = () =>
    (assets ??= sirv(deps.rendererDir, {
      dev: false,
      etag: true,
      gzip: false,
      setHeaders: (res, path) => {
        if (path.startsWith('/assets/'))
          res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
      },
    }));

  async function pair(req: IncomingMessage, res: ServerResponse) {
    // A page on another site must not spend (or guess) the office's pairing codes.
    if (!originAllowed(req, deps.allowedOrigins))
      return sendError(res, 403, 'FORBIDDEN', 'pairing is allowed from this server’s own pages only');
    const address = clientAddress(req, trustedProxies);
    // Every try costs a point before the code is looked at, so that parallel guesses cannot
    // all slip in before the first wrong one is counted; a right code gets its point back.
    try {
      await failedPairings.consume(address);
    } catch {
      return sendError(res, 429, 'RATE_LIMITED', 'too many wrong pairing codes; wait a minute');
    }
    const body = await readBody(req);
    if (body === undefined) return sendError(res, 413, 'VALIDATION_FAILED', 'request too large');
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      return sendError(res, 400, 'VALIDATION_FAILED', 'the body must be JSON');
    }
    const parsed = PairRequestSchema.safeParse(json);
    if (!parsed.success) return sendError(res, 400, 'VALIDATION_FAILED', 'a pairing code is required');
    // A code is one office's; a node serving several asks each until one knows it.
    let paired;
    for (const office of deps.offices()) {
      paired = await office.store.devices.pair(parsed.data.code, clock.now());
      if (paired) break;
    }
    paired ??= await deps.region?.devices.pair(parsed.data.code, clock.now());
    if (!paired) {
      return sendError(res, 404, 'UNKNOWN_CODE', 'unknown, used or expired pairing code');
    }
    await failedPairings.reward(address);
    log.info({ device: paired.device.id, role: paired.device.role }, 'device paired');
    const device = paired.device.role === 'region' ? toRegionInfo(paired.device) : deviceInfo(paired.device);
    sendJson(res, 200, { token: paired.token, device });
  }

  /**
   * 200 while every office here can be written; a balancer takes a node that answers 503 out.
   * One office's server says where its log ends and which day it is at the top level.
   */
  function sendHealth(res: ServerResponse) {
    const offices = deps.offices();
    const healthy = offices.every((o) => o.engine.healthy);
    const one = offices.length === 1 ? offices[0]!.engine : undefined;
    sendJson(res, healthy ? 200 : 503, {
      status: healthy ? 'ok' : 'storage_unavailable',
      version: deps.version,
      schemaVersion: deps.schemaVersion,
      ...(one && { head: one.head, day: one.state.day }),
      ...(deps.jobsHeld && {
        offices: offices.map((o) => ({ id: o.officeId, head: o.engine.head, day: o.engine.state.day })),
        jobs: deps.jobsHeld(),
      }),
      screens: hasScreens(),
    });
  }

  function handle(req: IncomingMessage, res: ServerResponse) {
    setSecurityHeaders(res);
    const url = requestUrl(req);
    if (url === undefined) return sendError(res, 400, 'VALIDATION_FAILED', 'not a valid request target');
    if (url.pathname === '/health' && req.method === 'GET') return sendHealth(res);
    if (url.pathname === '/api/pair') {
      if (req.method !== 'POST') return sendError(res, 405, 'VALIDATION_FAILED', 'use POST');
      pair(req, res).catch((error: unknown) => {
        log.error({ err: (error as Error).name }, 'pairing failed');
        if (!res.headersSent) sendError(res, 500, 'INTERNAL', 'pairing failed');
      });
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return sendError(res, 405, 'VALIDATION_FAILED', 'not allowed');
    if (!hasScreens()) {
      res.statusCode = 503;
      res.setHeader('Content-Type', 'text/plain; charset=utf-8');
      return res.end('The screens are not built yet: run `npm run build` and reload.\n');
    }
    if (SCREEN_PATHS.test(url.pathname)) req.url = '/index.html';
    serveAssets()(req, res, () => sendError(res, 404, 'NOT_FOUND', 'no such page'));
  }

  // One bad request must cost that request, never the office's server.
  return (req: IncomingMessage, res: ServerResponse) => {
    try {
      handle(req, res);
    } catch (error) {
      log.error({ ...loggableError(error) }, 'request failed');
      if (!res.headersSent) sendError(res, 500, 'INTERNAL', 'the request failed');
      else res.destroy();
    }
  };
}
