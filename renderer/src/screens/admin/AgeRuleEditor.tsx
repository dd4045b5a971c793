import { useTranslation } from 'react-i18next';
import type { StationRule } from '../../../../shared/office.js';
import { DEFAULT_RULE, setStationRule } from './configDraft.js';
import { draftActions } from './draftStore.js';
import { CheckboxField, OptionalNumberField } from './fields.js';

/**
 * A station's condition on the household's adults' ages: outside it the step is passed by with
 * the rule as the reason (Arbetsförmedlingen: 20–64, and 18–19 without parents in Sweden).
 */
export function AgeRuleEditor({
  stationId,
  path,
  rule,
}: {
  stationId: string;
  path: string;
  rule: StationRule | null;
}) {
  const { t } = useTranslation('admin');
  const set = (patch: Partial<StationRule>) =>
    rule && draftActions.apply(setStationRule(stationId, { ...rule, ...patch }));
  return (
    <fieldset className="adm-fieldset">
      <legend>{t('config.rule.title')}</legend>
      <CheckboxField
        path={`${path}.on`}
        label={t('config.rule.enabled')}
        hint={t('config.rule.hint')}
        checked={rule !== null}
        onChange={(on) => draftActions.apply(setStationRule(stationId, on ? DEFAULT_RULE : null))}
      />
      {rule && (
        <>
          <div className="adm-grid">
            <OptionalNumberField
              path={`${path}.minAge`}
              label={t('config.rule.minAge')}
              hint={t('config.rule.noLimit')}
              value={rule.minAge}
              min={0}
              max={130}
              unit={t('unit.years')}
              onChange={(minAge) => set({ minAge })}
            />
            <OptionalNumberField
              path={`${path}.maxAge`}
              label={t('config.rule.maxAge')}
              hint={t('config.rule.noLimit')}
              value={rule.maxAge}
              min={0}
              max={130}
              unit={t('unit.years')}
              onChange={(maxAge) => set({ maxAge })}
            />
            <OptionalNumberField
              path={`${path}.withoutParentsFromAge`}
              label={t('config.rule.withoutParents')}
              hint={t('config.rule.withoutParentsHint')}
              value={rule.withoutParentsFromAge}
              min={0}
              max={130}
              unit={t('unit.years')}
              onChange={(withoutParentsFromAge) => set({ withoutParentsFromAge })}
            />
          </div>
          <fieldset className="adm-radios">
            <legend>{t('config.rule.whenUnknown')}</legend>
            {(['keep', 'skip'] as const).map((choice) => (
              <label key={choice} className="adm-radio">
                <input
                  type="radio"
                  name={`${path}.whenUnknown`}
                  value={choice}
                  checked={rule.whenUnknown === choice}
                  onChange={() => set({ whenUnknown: choice })}
                />
                {t(`config.rule.unknown.${choice}`)}
              </label>
            ))}
          </fieldset>
        </>
      )}
    </fieldset>
  );
}
