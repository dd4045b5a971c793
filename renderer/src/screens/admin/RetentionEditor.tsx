import { useTranslation } from 'react-i18next';
import { AGENCIES, DATA_CLASSES, type Agency, type DataClass } from '../../../../shared/office.js';
import { adminActions } from './adminStore.js';
import {
  addRetentionOverride,
  removeRetentionOverride,
  setRetentionDays,
  updateRetentionOverride,
} from './configDraft.js';
import { draftActions, draftStore, useDraft } from './draftStore.js';
import { NumberField, SelectField, fieldId } from './fields.js';
import { focusSoon } from './focus.js';
import { Section } from './Section.js';

/**
 * How long personal data is kept after the visit (GDPR: no longer than needed), with other
 * periods for a class of data or one agency's notes. Anonymous statistics are kept regardless.
 */
const NO_OVERRIDES: readonly never[] = [];

export function RetentionEditor() {
  const { t } = useTranslation('admin');
  const { t: tc } = useTranslation('common');
  const days = useDraft((s) => s.draft?.edited.retention.days ?? 30);
  const overrides = useDraft((s) => s.draft?.edited.retention.overrides ?? NO_OVERRIDES);
  return (
    <Section section="retention" intro={t('config.retention.intro')}>
      <NumberField
        path="retention.days"
        label={t('config.retention.days')}
        hint={t('config.retention.daysHint')}
        value={days}
        min={1}
        max={3650}
        unit={t('unit.days')}
        onChange={(v) => draftActions.apply(setRetentionDays(v))}
      />
      <h4>{t('config.retention.overrides')}</h4>
      {overrides.length === 0 && <p className="adm-muted">{t('config.retention.noOverrides')}</p>}
      <ul className="adm-plain-list adm-stack-sm">
        {overrides.map((o, i) => {
          const path = `retention.overrides.${i}`;
          return (
            <li key={i}>
              <fieldset className="adm-override">
                <legend className="visually-hidden">{t('config.retention.overrideN', { n: i + 1 })}</legend>
                <SelectField<DataClass>
                  path={`${path}.dataClass`}
                  label={t('config.retention.dataClass')}
                  value={o.dataClass}
                  options={DATA_CLASSES.map((c) => ({ value: c, label: t(`dataClass.${c}`) }))}
                  onChange={(dataClass) => draftActions.apply(updateRetentionOverride(i, { dataClass }))}
                />
                {o.dataClass === 'notes' && (
                  <SelectField<Agency | 'all'>
                    path={`${path}.agency`}
                    label={t('config.retention.agency')}
                    value={o.agency ?? 'all'}
                    options={[
                      { value: 'all', label: t('config.retention.allAgencies') },
                      ...AGENCIES.map((a) => ({ value: a, label: tc(`agency.${a}`) })),
                    ]}
                    onChange={(agency) =>
                      draftActions.apply(
                        updateRetentionOverride(i, { agency: agency === 'all' ? null : agency }),
                      )
                    }
                  />
                )}
                <NumberField
                  path={`${path}.days`}
                  label={t('config.retention.days')}
                  value={o.days}
                  min={1}
                  max={3650}
                  unit={t('unit.days')}
                  onChange={(d) => draftActions.apply(updateRetentionOverride(i, { days: d }))}
                />
                <button
                  type="button"
                  id={`${fieldId(path)}-remove`}
                  className="btn btn-danger btn-small"
                  onClick={() => {
                    draftActions.apply(removeRetentionOverride(i));
                    adminActions.announce(t('config.retention.removed'));
                    focusSoon(`${fieldId(`retention.overrides.${i - 1}`)}-remove`, 'cfg-add-override');
                  }}
                >
                  {t('config.retention.remove', { n: i + 1 })}
                </button>
              </fieldset>
            </li>
          );
        })}
      </ul>
      <button
        id="cfg-add-override"
        type="button"
        className="btn"
        onClick={() => {
          draftActions.apply(addRetentionOverride());
          const n = draftStore.getState().draft?.edited.retention.overrides.length ?? 0;
          focusSoon(fieldId(`retention.overrides.${n - 1}.dataClass`));
        }}
      >
        <span aria-hidden="true">+</span> {t('config.retention.add')}
      </button>
    </Section>
  );
}
