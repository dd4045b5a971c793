import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { stationOf } from '../../../../shared/office.js';
import { activeStep, type Visit } from '../../../../shared/visit.js';
import { useOffice } from '../../stores/office.js';
import { run } from './deskCommands.js';
import { checklistRows } from './deskView.js';
import { useStaffLanguage } from './labels.js';

/** The station's checklist for this visit; each tick is saved at once and shows on every desk. */
export function Checklist({ deskId, visit }: { deskId: string; visit: Visit }) {
  const { t } = useTranslation('desk');
  const language = useStaffLanguage();
  const station = useOffice((s) => {
    const desk = s.office?.config.desks.find((d) => d.id === deskId);
    return desk && s.office ? stationOf(s.office.config, desk.stationId) : undefined;
  });
  // A tick shows at once (the office's state follows a moment later); a refusal reverts it.
  const [ticking, setTicking] = useState<Readonly<Record<string, boolean>>>({});
  if (!station || station.checklist.length === 0) return null;
  const rows = checklistRows(station, activeStep(visit), language).map((row) =>
    ticking[row.id] === undefined ? row : { ...row, checked: ticking[row.id]! },
  );

  async function toggle(itemId: string, checked: boolean) {
    setTicking((s) => ({ ...s, [itemId]: checked }));
    const ack = await run(
      'visit:set_checklist_item',
      { visitId: visit.id, itemId, checked },
      { block: false },
    );
    if (!ack.ok) setTicking(({ [itemId]: _refused, ...rest }) => rest);
  }
  const done = rows.filter((r) => r.checked).length;

  return (
    <fieldset className="block checklist">
      <legend>
        <h3>
          {t('checklist.title')}{' '}
          <span className="count">{t('checklist.progress', { done, total: rows.length })}</span>
        </h3>
      </legend>
      {rows.map((row) => (
        <label key={row.id} className="check">
          <input
            type="checkbox"
            checked={row.checked}
            onChange={(e) => void toggle(row.id, e.target.checked)}
          />
          <span>{row.label}</span>
        </label>
      ))}
    </fieldset>
  );
}
