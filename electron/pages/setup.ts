import { byId, localApi, say } from './dom.js';

const api = localApi();
const form = byId<HTMLFormElement>('setup');
const fields = {
  server: byId<HTMLInputElement>('server'),
  code: byId<HTMLInputElement>('code'),
  pin: byId<HTMLInputElement>('pin'),
};
const pinRepeat = byId<HTMLInputElement>('pinRepeat');
const startAtLogin = byId<HTMLInputElement>('startAtLogin');
const submit = byId<HTMLButtonElement>('submit');
const error = byId<HTMLElement>('error');
const done = byId<HTMLElement>('done');

void api.setupState().then((state) => say(byId('notice'), state.notice));
fields.server.focus();

form.addEventListener('submit', (event) => {
  event.preventDefault();
  void pair();
});

async function pair(): Promise<void> {
  say(error, null);
  for (const input of Object.values(fields)) input.removeAttribute('aria-invalid');
  submit.disabled = true;
  submit.textContent = 'Pairing…';
  try {
    const result = await api.pair({
      server: fields.server.value,
      code: fields.code.value,
      pin: fields.pin.value,
      pinRepeat: pinRepeat.value,
      startAtLogin: startAtLogin.checked,
    });
    if (result.ok) {
      say(done, `Paired as ${result.role} “${result.name}”. Opening its screen…`);
      return;
    }
    say(error, result.message);
    if (result.field) {
      fields[result.field].setAttribute('aria-invalid', 'true');
      fields[result.field].focus();
    }
  } catch (failure) {
    say(error, `Pairing failed: ${(failure as Error).message}`);
  }
  submit.disabled = false;
  submit.textContent = 'Pair this device';
}
