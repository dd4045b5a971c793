import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { deskOf } from '../../../../shared/office.js';
import { useOffice } from '../../stores/office.js';
import { run } from './deskCommands.js';
import { InlineNotice } from './InlineNotice.js';
import { useDesk } from './deskStore.js';
import { useStationLabel } from './labels.js';

/** An officer signs in at the paired desk so that the log says who did what. */
export function SignIn({ deskId }: { deskId: string }) {
  const { t } = useTranslation('desk');
  const desk = useOffice((s) => (s.office ? deskOf(s.office.config, deskId) : undefined));
  const requirePin = useOffice((s) => s.office?.config.requireOfficerPin ?? false);
  const pending = useDesk((s) => s.pending !== null);
  const stationLabel = useStationLabel();
  const [officer, setOfficer] = useState('');
  const [pin, setPin] = useState('');
  const pinHelp = useId();
  const nameRef = useRef<HTMLInputElement>(null);
  const pinRef = useRef<HTMLInputElement>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const name = officer.trim();
    if (!name || pending) return;
    const ack = await run('desk:sign_in', { officer: name, ...(requirePin && { pin }) });
    setPin('');
    if (!ack.ok) (ack.error.code === 'BAD_PIN' ? pinRef : nameRef).current?.focus();
  }

  return (
    <main className="centered desk-signin" id="desk-main">
      <form className="card signin-card" onSubmit={(e) => void submit(e)}>
        <h2>{t('signIn.title')}</h2>
        <p className="muted">
          {t('signIn.intro', {
            desk: desk?.name ?? deskId,
            station: desk ? stationLabel(desk.stationId) : '',
          })}
        </p>
        <label className="field">
          <span>{t('signIn.officer')}</span>
          <input
            name="officer"
            value={officer}
            onChange={(e) => setOfficer(e.target.value)}
            ref={nameRef}
            autoComplete="username"
            maxLength={80}
            required
            autoFocus
          />
        </label>
        {requirePin && (
          <label className="field">
            <span>{t('signIn.pin')}</span>
            <input
              name="pin"
              ref={pinRef}
              type="password"
              inputMode="numeric"
              pattern="\d{4,8}"
              autoComplete="current-password"
              value={pin}
              onChange={(e) => setPin(e.target.value.replace(/\D/g, ''))}
              maxLength={8}
              required
              aria-describedby={pinHelp}
            />
            <span id={pinHelp} className="hint">
              {t('signIn.pinHelp')}
            </span>
          </label>
        )}
        <InlineNotice />
        <button className="btn btn-primary" type="submit" aria-disabled={pending || undefined}>
          {t('action.signIn')}
        </button>
      </form>
    </main>
  );
}
