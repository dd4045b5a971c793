import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Server as SocketIoServer } from 'socket.io';

/**
 * Sent with every response. The screens load nothing from elsewhere; sockets go to the same
 * origin; QR codes are data: images. `no-referrer` keeps a visitor's status token (in the URL)
 * from leaking to any other site.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "media-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export function setSecurityHeaders(res: ServerResponse): void {
  res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=()');
}

/**
 * socket.io answers `/socket.io/` itself, out of the app's routes' sight: handshakes, polls and
 * its refusals (400 for an unknown session, 403 for a foreign origin), which it writes straight
 * to the response past its own `headers` events. Its middlewares run before any of these, and
 * what they set goes into a WebSocket's 101 as well. (Only a refused WebSocket upgrade is written
 * raw on the socket; no page ever renders that answer.)
 */
export function secureSocketIo(engine: SocketIoServer['engine']): void {
  engine.use((_req: IncomingMessage, res: ServerResponse, next: () => void) => {
    setSecurityHeaders(res);
    next();
  });
}
