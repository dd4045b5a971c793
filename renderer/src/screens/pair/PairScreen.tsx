import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { loadDevice, pairDevice, ROLE_PATHS } from '../../net/device.js';
import { setStaffLanguage, staffLanguage } from '../../i18n/index.js';

/** Redeems a pairing link (`/pair?code=…`) or a typed code, then opens the device's screen. */
export function PairScreen() {
  const { t } = useTranslation('setup');
  const [code, setCode] = useState(() => new URLSearchParams(location.search).get('code') ?? '');
  const [state, setState] = useState<'idle' | 'pairing' | { error: string }>('idle');

  useEffect(() => {
    void setStaffLanguage(staffLanguage());
    const fromLink = new URLSearchParams(location.search).get('code');
    if (fromLink) void submit(fromLink);
    else if (location.pathname === '/')
      void loadDevice().then((found) => {
        if (found?.device) location.replace(ROLE_PATHS[found.device.role]);
      });
  }, []);

  async function submit(value: string) {
    setState('pairing');
    const outcome = await pairDevice(value.trim());
    if (outcome.ok) location.replace(ROLE_PATHS[outcome.device.role]);
    else setState({ error: outcome.code });
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    void submit(code);
  }

  const error = typeof state === 'object' ? state.error : null;
  return (
    <main className="centered">
      <form className="card" style={{ maxWidth: 520, display: 'grid', gap: 16 }} onSubmit={onSubmit}>
        <h1 style={{ margin: 0 }}>{t('title')}</h1>
        <p style={{ margin: 0 }}>{t('intro')}</p>
        <label className="field">
          <span>{t('code')}</span>
          <input
            name="code"
            value={code}
            onChange={(e) => setCode(e.target.value)}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            required
            placeholder="ABCD-2345"
          />
        </label>
        {error && (
          <p className="alert alert-error" role="alert">
            {t(`errors.${error}`, { defaultValue: t('errors.generic') })}
          </p>
        )}
        <button className="btn btn-primary" type="submit" disabled={state === 'pairing'}>
          {state === 'pairing' ? t('pairing') : t('pair')}
        </button>
      </form>
    </main>
  );
}
