import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Agency } from '../../../../shared/office.js';
import type { NoteVisibility } from '../../../../shared/visit.js';
import type { Availability } from './actionRules.js';
import { Icon } from './Icon.js';

/** Who may read a note: the agencies on the journey (with consent) or only the author's agency. */
export function VisibilityChoice({
  name,
  value,
  shared,
  agency,
  onChange,
}: {
  name: string;
  value: NoteVisibility;
  shared: Availability;
  agency: Agency | undefined;
  onChange: (value: NoteVisibility) => void;
}) {
  const { t } = useTranslation('desk');
  const reasonId = useId();
  return (
    <fieldset className="visibility">
      <legend>{t('notes.visibility')}</legend>
      <label className={`radio${shared.enabled ? '' : ' is-disabled'}`}>
        <input
          type="radio"
          name={name}
          value="shared"
          checked={value === 'shared'}
          disabled={!shared.enabled}
          aria-describedby={shared.enabled ? undefined : reasonId}
          onChange={() => onChange('shared')}
        />
        <span>{t('notes.visibleShared')}</span>
      </label>
      <label className="radio">
        <input
          type="radio"
          name={name}
          value="agency"
          checked={value === 'agency'}
          onChange={() => onChange('agency')}
        />
        <span>{t('notes.visibleAgency', { agency: agency ? t(`common:agency.${agency}`) : '' })}</span>
      </label>
      {!shared.enabled && (
        <p id={reasonId} className="hint hint-warn">
          <Icon name="lock" />
          {t(shared.reason.key)}
        </p>
      )}
    </fieldset>
  );
}
