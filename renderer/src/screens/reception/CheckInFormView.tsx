import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import type { VisitorLanguage } from '../../../../shared/languages.js';
import type { CheckInAck } from '../../../../shared/protocol.js';
import { newCommandId } from '../../net/socket.js';
import { useOffice } from '../../stores/office.js';
import { checkInPayload, emptyCheckIn, type CheckInForm, type CheckInProblem } from './checkInForm.js';
import { Counter } from './Counter.js';
import { Feedback } from './Feedback.js';
import { languageName, optionName } from './format.js';
import { receptionActions } from './receptionActions.js';
import { useCommand } from './useCommand.js';
import { useStaffLang } from './useStaffLang.js';
import { interpreterLanguages } from './visitOptions.js';
import { SelectField, TextField } from './Fields.js';

export function CheckInFormView({ onCheckedIn }: { onCheckedIn: (ticket: CheckInAck) => void }) {
  const { t } = useTranslation('reception');
  const lang = useStaffLang();
  const languages = useOffice(useShallow((s) => s.office?.config.languages ?? []));
  const interpreterChoices = useOffice(
    useShallow((s) => (s.office ? interpreterLanguages(s.office.config) : [])),
  );
  const [form, setForm] = useState<CheckInForm>(() => emptyCheckIn(languages[0] ?? 'sv'));
  // Problems show once a check-in was tried, and then follow the form as it is corrected.
  const [tried, setTried] = useState(false);
  // Every press of this form sends the same id: if an answer was lost, the server gives the
  // first ticket again instead of making a second one.
  const [commandId] = useState(newCommandId);
  const command = useCommand();
  const patch = (p: Partial<CheckInForm>) => setForm((f) => ({ ...f, ...p }));
  const checked = checkInPayload(form);
  const problems: CheckInProblem[] = tried && !checked.ok ? checked.problems : [];
  const bad = (p: CheckInProblem) => problems.includes(p) || undefined;

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    setTried(true);
    if (!checked.ok) return;
    const { payload } = checked;
    void command
      .run(() => receptionActions.checkIn(payload, commandId))
      .then((o) => {
        if (o.ok) onCheckedIn(o.value);
      });
  }

  function setLanguage(language: VisitorLanguage) {
    // The interpreter's language follows the visitor's until someone chooses another.
    patch({
      language,
      ...(form.interpreterLanguage === '' || form.interpreterLanguage === form.language
        ? { interpreterLanguage: language === 'sv' ? '' : language }
        : {}),
    });
  }

  return (
    <form className="rcp-checkin" onSubmit={onSubmit} noValidate>
      <fieldset className="rcp-choice">
        <legend>{t('checkIn.arrival')}</legend>
        {(['walk_in', 'booked'] as const).map((a) => (
          <label key={a} className={`rcp-choice-option${form.arrival === a ? ' is-current' : ''}`}>
            <input
              type="radio"
              name="arrival"
              value={a}
              checked={form.arrival === a}
              onChange={() => patch({ arrival: a })}
              data-autofocus={a === 'walk_in' ? true : undefined}
            />
            <span>{t(`checkIn.${a}`)}</span>
          </label>
        ))}
      </fieldset>

      {form.arrival === 'booked' ? (
        <TextField
          label={t('checkIn.bookingRef')}
          hint={t('checkIn.bookingRefHint')}
          value={form.bookingRef}
          onChange={(e) => patch({ bookingRef: e.target.value })}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          aria-invalid={bad('bookingRef')}
        />
      ) : (
        <div className="rcp-form-row">
          <Counter
            label={t('checkIn.adults')}
            value={form.adults}
            min={1}
            max={20}
            onChange={(adults) => patch({ adults })}
            lessLabel={t('checkIn.fewerAdults')}
            moreLabel={t('checkIn.moreAdults')}
            invalid={problems.includes('adults')}
          />
          <Counter
            label={t('checkIn.children')}
            value={form.children}
            min={0}
            max={20}
            onChange={(children) => patch({ children })}
            lessLabel={t('checkIn.fewerChildren')}
            moreLabel={t('checkIn.moreChildren')}
            invalid={problems.includes('children')}
          />
        </div>
      )}

      <div className="rcp-form-row">
        <SelectField
          label={t('checkIn.language')}
          value={form.language}
          onChange={(e) => setLanguage(e.target.value as VisitorLanguage)}
        >
          {languages.map((l) => (
            <option key={l} value={l}>
              {optionName(l, lang)}
            </option>
          ))}
        </SelectField>
        <div className="field">
          <label className="rcp-check">
            <input
              type="checkbox"
              checked={form.needsInterpreter}
              onChange={(e) => patch({ needsInterpreter: e.target.checked })}
            />
            <span>{t('checkIn.needsInterpreter')}</span>
          </label>
          {form.needsInterpreter && (
            <SelectField
              label={t('checkIn.interpreterLanguage')}
              value={form.interpreterLanguage}
              aria-invalid={bad('interpreterLanguage')}
              onChange={(e) => patch({ interpreterLanguage: e.target.value })}
            >
              <option value="" disabled>
                {t('checkIn.chooseLanguage')}
              </option>
              {interpreterChoices.map((l) => (
                <option key={l} value={l}>
                  {languageName(l, lang)}
                </option>
              ))}
            </SelectField>
          )}
        </div>
      </div>

      <fieldset className="rcp-choice" aria-invalid={bad('consent')} aria-describedby="rcp-consent-hint">
        <legend>{t('checkIn.consent')}</legend>
        <p id="rcp-consent-hint" className="rcp-hint">
          {t('checkIn.consentHint')}
        </p>
        {([true, false] as const).map((c) => (
          <label key={String(c)} className={`rcp-choice-option${form.consent === c ? ' is-current' : ''}`}>
            <input
              type="radio"
              name="consent"
              checked={form.consent === c}
              onChange={() => patch({ consent: c })}
            />
            <span>{c ? t('checkIn.consentYes') : t('checkIn.consentNo')}</span>
          </label>
        ))}
      </fieldset>

      {problems.length > 0 && (
        <ul className="alert alert-error rcp-problems" role="alert">
          {problems.map((p) => (
            <li key={p}>{t(`checkIn.problem.${p}`)}</li>
          ))}
        </ul>
      )}
      <div className="dialog-actions">
        <Feedback error={command.error} done={false} doneText="" />
        <button type="button" className="btn" onClick={receptionActions.closeCheckIn}>
          {t('checkIn.cancel')}
        </button>
        <button type="submit" className="btn btn-primary" disabled={command.busy}>
          {command.busy ? t('checkIn.submitting') : t('checkIn.submit')}
        </button>
      </div>
    </form>
  );
}
