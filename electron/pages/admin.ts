import type { AdminInfo } from '../src/local-api.js';
import { byId, localApi, say } from './dom.js';

const api = localApi();
const locked = byId<HTMLFormElement>('locked');
const panel = byId<HTMLElement>('panel');
const message = byId<HTMLElement>('message');
const pin = byId<HTMLInputElement>('pin');
const printer = byId<HTMLSelectElement>('printer');
const startAtLogin = byId<HTMLInputElement>('startAtLogin');
const confirmBox = byId<HTMLElement>('confirm');

/** Settings left open on a public screen close by themselves. */
const IDLE_MS = 120_000;
let idle = setTimeout(back, IDLE_MS);
for (const type of ['pointerdown', 'keydown'])
  document.addEventListener(type, () => {
    clearTimeout(idle);
    idle = setTimeout(back, IDLE_MS);
  });

function back(): void {
  void api.closeAdmin();
}

function showPanel(info: AdminInfo): void {
  locked.hidden = true;
  panel.hidden = false;
  byId('device').textContent = `${info.name} (${info.role})`;
  byId('serverUrl').textContent = info.serverUrl;
  byId('version').textContent = info.version;
  printer.replaceChildren(new Option('None: show the print dialog', ''));
  const names = [...info.printers];
  if (info.printerName && !names.includes(info.printerName)) names.unshift(info.printerName);
  for (const name of names) {
    const label = info.printers.includes(name) ? name : `${name} (not connected)`;
    printer.append(new Option(label, name, false, name === info.printerName));
  }
  startAtLogin.checked = info.startAtLogin;
}

async function run(action: () => Promise<{ ok: true } | { ok: false; message: string }>): Promise<void> {
  say(message, null);
  try {
    const result = await action();
    if (!result.ok) say(message, result.message);
  } catch (failure) {
    say(message, (failure as Error).message);
  }
}

for (const button of document.querySelectorAll('.back')) button.addEventListener('click', back);

locked.addEventListener('submit', (event) => {
  event.preventDefault();
  void api.unlock(pin.value).then((result) => {
    pin.value = '';
    if (result.ok) {
      say(message, null);
      showPanel(result.info);
    } else {
      say(message, result.message);
      pin.focus();
    }
  });
});

printer.addEventListener('change', () => void run(() => api.setPrinter(printer.value || null)));
startAtLogin.addEventListener('change', () => void run(() => api.setStartAtLogin(startAtLogin.checked)));
byId('quit').addEventListener('click', () => void run(() => api.quit()));
byId('reset').addEventListener('click', () => {
  confirmBox.hidden = false;
  byId('reset-cancel').focus();
});
byId('reset-cancel').addEventListener('click', () => {
  confirmBox.hidden = true;
});
byId('reset-confirm').addEventListener('click', () => void run(() => api.resetPairing()));

void api.adminStatus().then((status) => {
  if (status.locked) {
    locked.hidden = false;
    pin.focus();
  } else showPanel(status.info);
});
