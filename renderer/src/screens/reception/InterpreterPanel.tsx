import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import type { Visit } from '../../../../shared/visit.js';
import { useOffice } from '../../stores/office.js';
import { Feedback } from './Feedback.js';
import { languageName } from './format.js';
import { receptionActions } from './receptionActions.js';
import { useCommand } from './useCommand.js';
import { useStaffLang } from './useStaffLang.js';
import { attachedInterpreter, freeInterpreters } from './visitOptions.js';
import { SelectField } from './Fields.js';

/** An on-site interpreter follows the household across the desks until released. */
export function InterpreterPanel({ visit }: { visit: Visit }) {
  const { t } = useTranslation('reception');
  const lang = useStaffLang();
  const attached = useOffice((s) => (s.office ? attachedInterpreter(s.office, visit) : undefined));
  const free = useOffice(useShallow((s) => (s.office ? freeInterpreters(s.office, visit) : [])));
  const [chosen, setChosen] = useState('');
  const command = useCommand();
  const pick = chosen && free.some((i) => i.id === chosen) ? chosen : (free[0]?.id ?? '');

  return (
    <section className="rcp-form" aria-labelledby="rcp-interpreter-heading">
      <h3 id="rcp-interpreter-heading" className="rcp-subtitle">
        {t('interpreter.title')}
      </h3>
      {attached ? (
        <div className="rcp-form-actions">
          <p className="rcp-inline">
            {t('interpreter.with', {
              name: attached.name,
              language: languageName(attached.language, lang),
              mode: t(`interpreter.mode.${attached.mode}`),
            })}
          </p>
          <button
            type="button"
            className="btn"
            disabled={command.busy}
            onClick={() => void command.run(() => receptionActions.releaseInterpreter(attached.id))}
          >
            {t('interpreter.release')}
          </button>
        </div>
      ) : free.length === 0 ? (
        <p className="rcp-muted">{t('interpreter.noneFree')}</p>
      ) : (
        <div className="rcp-form-actions">
          <SelectField
            label={t('interpreter.choose')}
            value={pick}
            onChange={(e) => setChosen(e.target.value)}
          >
            {free.map((i) => (
              <option key={i.id} value={i.id}>
                {i.name} – {languageName(i.language, lang)} ({t(`interpreter.mode.${i.mode}`)})
              </option>
            ))}
          </SelectField>
          <button
            type="button"
            className="btn"
            disabled={command.busy || !pick}
            onClick={() => void command.run(() => receptionActions.attachInterpreter(visit.id, pick))}
          >
            {t('interpreter.attach')}
          </button>
        </div>
      )}
      <Feedback error={command.error} done={command.done} doneText={t('saved')} />
    </section>
  );
}
