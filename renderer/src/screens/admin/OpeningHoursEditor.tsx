import { useTranslation } from 'react-i18next';
import { WEEKDAYS } from '../../../../shared/office.js';
import { reopenDay, setOpening, type Weekday } from './configDraft.js';
import { draftActions, draftStore, useDraft } from './draftStore.js';
import { FieldError, fieldId, useFieldError } from './fields.js';
import { Section } from './Section.js';

/** Opening hours per weekday; a closed day has none. */
export function OpeningHoursEditor() {
  const { t } = useTranslation('admin');
  return (
    <Section section="hours" intro={t('config.hours.intro')}>
      <table className="adm-table adm-table-form">
        <thead>
          <tr>
            <th scope="col">{t('config.hours.day')}</th>
            <th scope="col">{t('config.hours.open')}</th>
            <th scope="col">{t('config.hours.opens')}</th>
            <th scope="col">{t('config.hours.closes')}</th>
          </tr>
        </thead>
        <tbody>
          {WEEKDAYS.map((day) => (
            <DayRow key={day} day={day} />
          ))}
        </tbody>
      </table>
    </Section>
  );
}

function DayRow({ day }: { day: Weekday }) {
  const { t } = useTranslation('admin');
  const hours = useDraft((s) => s.draft?.edited.openingHours[day]);
  const openPath = `openingHours.${day}.open`;
  const closePath = `openingHours.${day}.close`;
  const openError = useFieldError(openPath);
  const closeError = useFieldError(closePath);
  const dayName = t(`weekday.${day}`);
  const late = hours ? hours.close <= hours.open : false;
  return (
    <tr>
      <th scope="row">{dayName}</th>
      <td>
        <input
          id={fieldId(`openingHours.${day}`)}
          type="checkbox"
          className="adm-checkbox"
          checked={hours != null}
          aria-label={t('config.hours.openOn', { day: dayName })}
          onChange={(e) => {
            const config = draftStore.getState().draft?.edited;
            if (!config) return;
            draftActions.apply(setOpening(day, e.target.checked ? reopenDay(config, day) : null));
          }}
        />
      </td>
      {hours ? (
        <>
          <td>
            <input
              id={fieldId(openPath)}
              type="time"
              className="adm-input"
              value={hours.open}
              aria-label={t('config.hours.opensOn', { day: dayName })}
              aria-invalid={openError ? true : undefined}
              aria-describedby={openError ? `${fieldId(openPath)}-error` : undefined}
              onChange={(e) => draftActions.apply(setOpening(day, { ...hours, open: e.target.value }))}
            />
            <FieldError path={openPath} error={openError} />
          </td>
          <td>
            <input
              id={fieldId(closePath)}
              type="time"
              className="adm-input"
              value={hours.close}
              aria-label={t('config.hours.closesOn', { day: dayName })}
              aria-invalid={closeError || late ? true : undefined}
              aria-describedby={closeError || late ? `${fieldId(closePath)}-error` : undefined}
              onChange={(e) => draftActions.apply(setOpening(day, { ...hours, close: e.target.value }))}
            />
            <FieldError
              path={closePath}
              error={closeError ?? (late ? t('validation.closeBeforeOpen') : null)}
            />
          </td>
        </>
      ) : (
        <td colSpan={2} className="adm-muted">
          {t('config.hours.closed')}
        </td>
      )}
    </tr>
  );
}
