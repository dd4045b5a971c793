import { useTranslation } from 'react-i18next';
import type { OfficeConfig } from '../../../../shared/office.js';
import { setField, setQueueRule } from './configDraft.js';
import { draftActions, useDraft } from './draftStore.js';
import { CheckboxField, NumberField, TextField, validationText } from './fields.js';
import { Section } from './Section.js';

function useEdited<T>(select: (c: OfficeConfig) => T): T | undefined {
  return useDraft((s) => (s.draft ? select(s.draft.edited) : undefined));
}

export function GeneralSection() {
  const { t } = useTranslation('admin');
  const name = useEdited((c) => c.name) ?? '';
  const timeZone = useEdited((c) => c.timeZone) ?? '';
  return (
    <Section section="general">
      <div className="adm-grid">
        <TextField
          path="name"
          label={t('config.general.name')}
          value={name}
          maxLength={100}
          className="adm-field-wide"
          onChange={(v) => draftActions.apply(setField('name', v))}
        />
        <div className="field adm-field">
          <span className="adm-label">{t('config.general.timeZone')}</span>
          <span className="adm-readonly">{timeZone}</span>
        </div>
      </div>
    </Section>
  );
}

/** Calling, the queue's rules, the wait warning and the tickets' letters. */
export function CallingSection() {
  const { t } = useTranslation('admin');
  const recalls = useEdited((c) => c.noShowRecallLimit) ?? 0;
  const pause = useEdited((c) => c.recallPauseSeconds) ?? 0;
  const warning = useEdited((c) => c.waitWarningMinutes) ?? 0;
  const handedOverFirst = useEdited((c) => c.queueRules.handedOverFirst) ?? false;
  const dueBookingsFirst = useEdited((c) => c.queueRules.dueBookingsFirst) ?? false;
  const dueWindow = useEdited((c) => c.queueRules.dueWindowMinutes) ?? 0;
  const booked = useEdited((c) => c.ticketPrefixes.booked) ?? '';
  const walkIn = useEdited((c) => c.ticketPrefixes.walkIn) ?? '';
  const prefixes = useEdited((c) => c.ticketPrefixes);
  const setPrefix = (key: 'booked' | 'walkIn', value: string) =>
    prefixes && draftActions.apply(setField('ticketPrefixes', { ...prefixes, [key]: value.toUpperCase() }));
  return (
    <Section section="calling">
      <div className="adm-grid">
        <NumberField
          path="noShowRecallLimit"
          label={t('config.calling.recalls')}
          hint={t('config.calling.recallsHint')}
          value={recalls}
          min={0}
          max={10}
          onChange={(v) => draftActions.apply(setField('noShowRecallLimit', v))}
        />
        <NumberField
          path="recallPauseSeconds"
          label={t('config.calling.pause')}
          hint={t('config.calling.pauseHint')}
          value={pause}
          min={0}
          max={600}
          unit={t('unit.seconds')}
          onChange={(v) => draftActions.apply(setField('recallPauseSeconds', v))}
        />
        <NumberField
          path="waitWarningMinutes"
          label={t('config.calling.warning')}
          hint={t('config.calling.warningHint')}
          value={warning}
          min={1}
          max={600}
          unit={t('unit.minutes')}
          onChange={(v) => draftActions.apply(setField('waitWarningMinutes', v))}
        />
      </div>
      <fieldset className="adm-fieldset">
        <legend>{t('config.calling.rules')}</legend>
        <CheckboxField
          path="queueRules.handedOverFirst"
          label={t('config.calling.handedOverFirst')}
          hint={t('config.calling.handedOverFirstHint')}
          checked={handedOverFirst}
          onChange={(v) => draftActions.apply(setQueueRule('handedOverFirst', v))}
        />
        <CheckboxField
          path="queueRules.dueBookingsFirst"
          label={t('config.calling.dueBookingsFirst')}
          hint={t('config.calling.dueBookingsFirstHint')}
          checked={dueBookingsFirst}
          onChange={(v) => draftActions.apply(setQueueRule('dueBookingsFirst', v))}
        />
        <NumberField
          path="queueRules.dueWindowMinutes"
          label={t('config.calling.dueWindow')}
          hint={t('config.calling.dueWindowHint')}
          value={dueWindow}
          min={0}
          max={240}
          unit={t('unit.minutes')}
          onChange={(v) => draftActions.apply(setQueueRule('dueWindowMinutes', v))}
        />
      </fieldset>
      <fieldset className="adm-fieldset">
        <legend>{t('config.calling.prefixes')}</legend>
        <div className="adm-grid">
          <TextField
            path="ticketPrefixes.booked"
            label={t('config.calling.booked')}
            value={booked}
            maxLength={1}
            className="adm-field-short"
            onChange={(v) => setPrefix('booked', v)}
          />
          <TextField
            path="ticketPrefixes.walkIn"
            label={t('config.calling.walkIn')}
            value={walkIn}
            maxLength={1}
            className="adm-field-short"
            onChange={(v) => setPrefix('walkIn', v)}
          />
        </div>
        {/* The refinement names the pair, not either field. */}
        <PrefixError />
      </fieldset>
    </Section>
  );
}

function PrefixError() {
  const { t } = useTranslation('admin');
  const error = useDraft((s) => s.errors.find((e) => e.path === 'ticketPrefixes'));
  if (!error) return null;
  return (
    <p id="cfg-ticketPrefixes" className="adm-field-error" tabIndex={-1}>
      <span aria-hidden="true">⚠ </span>
      {validationText(t, error)}
    </p>
  );
}
