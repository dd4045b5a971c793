import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { emit, serve } from '../lib/child.js';
import { eventLoopMonitor, filler } from '../lib/eventLoop.js';

/**
 * The second baseline: a bare socket.io server with the office's transport settings that, for
 * each command, acks the sender and `io.emit`s one update of the office's average size to all.
 * The office server is socket.io too, so this is what it could be at best.
 */
let padding = '';
let seq = 0;
const http = createServer();
const io = new Server(http, { serveClient: false, pingInterval: 10_000, pingTimeout: 8_000 });
io.on('connection', (socket) => {
  socket.on('cmd', (_payload: unknown, ack: (reply: { seq: number }) => void) => {
    seq += 1;
    ack({ seq });
    io.emit('update', { seq, p: padding });
  });
});
http.listen(0, '127.0.0.1', () => emit('listening', { port: (http.address() as AddressInfo).port }));

serve({
  ...eventLoopMonitor(),
  payload: (m) => {
    padding = filler(m.bytes as number, `2["update",${JSON.stringify({ seq: 1000, p: '' })}]`.length);
  },
  close: async () => {
    await io.close();
    setImmediate(() => process.exit(0));
  },
});
