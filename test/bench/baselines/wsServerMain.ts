import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { emit, serve } from '../lib/child.js';
import { eventLoopMonitor, filler } from '../lib/eventLoop.js';

/**
 * The first baseline: a bare `ws` server that, for each command, acks the sender and sends one
 * pre-serialised frame of the office's average update size to every socket. Nothing is stored,
 * validated or computed: the floor for broadcasting on this machine.
 */
let padding = '';
let seq = 0;
const http = createServer();
const wss = new WebSocketServer({ server: http });
wss.on('connection', (socket: WebSocket) => {
  socket.on('message', (data: Buffer) => {
    const { id } = JSON.parse(data.toString()) as { id: number };
    seq += 1;
    socket.send(JSON.stringify({ t: 'a', id, seq }));
    const frame = JSON.stringify({ t: 'u', seq, p: padding });
    for (const client of wss.clients) client.send(frame);
  });
});
http.listen(0, '127.0.0.1', () => emit('listening', { port: (http.address() as AddressInfo).port }));

serve({
  ...eventLoopMonitor(),
  payload: (m) => {
    padding = filler(m.bytes as number, JSON.stringify({ t: 'u', seq: 1000, p: '' }).length);
  },
  close: () => {
    for (const client of wss.clients) client.terminate();
    setImmediate(() => process.exit(0));
  },
});
