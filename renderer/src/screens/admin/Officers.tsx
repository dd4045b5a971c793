import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { setField } from './configDraft.js';
import { deviceActions, useDevices } from './devicesStore.js';
import { draftActions, useDraft } from './draftStore.js';
import { errorText } from '../../ui/errors.js';
import { CheckboxField } from './fields.js';
import { Section } from './Section.js';

/**
 * Whether officers sign in at a desk with a PIN (part of the draft), and the officers' PINs
 * themselves, which are set at once and never shown again.
 */
export function OfficersSection() {
  const { t } = useTranslation('admin');
  const requirePin = useDraft((s) => s.draft?.edited.requireOfficerPin ?? false);
  return (
    <Section section="officers">
      <CheckboxField
        path="requireOfficerPin"
        label={t('config.officers.requirePin')}
        hint={t('config.officers.requirePinHint')}
        checked={requirePin}
        onChange={(v) => draftActions.apply(setField('requireOfficerPin', v))}
      />
      <OfficerPins />
    </Section>
  );
}

function OfficerPins() {
  const { t } = useTranslation('admin');
  const officers = useDevices((s) => s.officers);
  const loadError = useDevices((s) => s.officersError);
  const listId = useId();
  const [name, setName] = useState('');
  const [pin, setPin] = useState('');
  const [problem, setProblem] = useState<'name' | 'pin' | null>(null);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void deviceActions.loadOfficers();
  }, []);

  async function submit() {
    if (busy) return;
    const cleanName = name.trim();
    if (!cleanName) return setProblem('name');
    if (!/^\d{4,8}$/.test(pin)) return setProblem('pin');
    setProblem(null);
    setBusy(true);
    const outcome = await deviceActions.setPin(cleanName, pin);
    setBusy(false);
    if (outcome.ok) {
      setPin('');
      setName('');
      setResult({ ok: true, text: t('config.officers.pinSet', { name: cleanName }) });
    } else setResult({ ok: false, text: errorText(t, outcome.error) });
  }

  return (
    <div className="adm-subsection">
      <h4>{t('config.officers.title')}</h4>
      <p className="adm-muted">{t('config.officers.intro')}</p>
      {loadError && <p className="alert alert-error">{errorText(t, loadError)}</p>}
      {officers && officers.length > 0 ? (
        <ul className="adm-chips" aria-label={t('config.officers.list')}>
          {officers.map((o) => (
            <li key={o}>{o}</li>
          ))}
        </ul>
      ) : (
        officers && <p className="adm-muted">{t('config.officers.none')}</p>
      )}
      {/* Its own small form: a PIN is set at once, outside the draft. */}
      <div className="adm-add-row" role="group" aria-label={t('config.officers.setPin')}>
        <div className="field adm-field">
          <label htmlFor="cfg-officer-name">{t('config.officers.name')}</label>
          <input
            id="cfg-officer-name"
            type="text"
            list={listId}
            value={name}
            maxLength={80}
            autoComplete="off"
            aria-invalid={problem === 'name' || undefined}
            aria-describedby={problem === 'name' ? 'cfg-officer-name-error' : undefined}
            onChange={(e) => setName(e.target.value)}
          />
          <datalist id={listId}>
            {officers?.map((o) => (
              <option key={o} value={o} />
            ))}
          </datalist>
          {problem === 'name' && (
            <p id="cfg-officer-name-error" className="adm-field-error">
              <span aria-hidden="true">⚠ </span>
              {t('validation.required')}
            </p>
          )}
        </div>
        <div className="field adm-field adm-field-short">
          <label htmlFor="cfg-officer-pin">{t('config.officers.pin')}</label>
          <span id="cfg-officer-pin-hint" className="adm-hint">
            {t('config.officers.pinHint')}
          </span>
          <input
            id="cfg-officer-pin"
            type="password"
            inputMode="numeric"
            autoComplete="new-password"
            value={pin}
            maxLength={8}
            aria-invalid={problem === 'pin' || undefined}
            aria-describedby={`cfg-officer-pin-hint${problem === 'pin' ? ' cfg-officer-pin-error' : ''}`}
            onChange={(e) => setPin(e.target.value.replace(/\D/g, ''))}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                void submit();
              }
            }}
          />
          {problem === 'pin' && (
            <p id="cfg-officer-pin-error" className="adm-field-error">
              <span aria-hidden="true">⚠ </span>
              {t('validation.pin')}
            </p>
          )}
        </div>
        <button type="button" className="btn" aria-disabled={busy || undefined} onClick={() => void submit()}>
          {t('config.officers.setPin')}
        </button>
      </div>
      <div role="status">
        {result && <p className={`alert ${result.ok ? 'alert-ok' : 'alert-error'}`}>{result.text}</p>}
      </div>
    </div>
  );
}
