import { byId } from './dom.js';

/** Names the server it waits for; the main process probes it and replaces this page. */
const params = new URLSearchParams(location.search);
const server = params.get('server');
if (server) for (const element of document.querySelectorAll('.server')) element.textContent = server;
const reason = params.get('reason');
if (reason) {
  const element = byId('reason');
  element.textContent = reason;
  element.hidden = false;
}
