import { useId, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  STEP_OUTCOMES,
  type NoteVisibility,
  type StepOutcome,
  type Visit,
} from '../../../../shared/visit.js';
import { useOffice } from '../../stores/office.js';
import { Dialog } from '../../ui/Dialog.js';
import { defaultNoteVisibility, sharedNoteAvailability } from './actionRules.js';
import { run } from './deskCommands.js';
import { deskActions, useDesk } from './deskStore.js';
import { InlineNotice } from './InlineNotice.js';
import {
  handoverChoices,
  handoverStation,
  handoverTarget,
  initialHandoverForm,
  type HandoverForm,
} from './handover.js';
import { useStationLabel } from './labels.js';
import { VisibilityChoice } from './VisibilityChoice.js';

/**
 * The warm handover: the household is walked to the next station in the chain (preselected),
 * or to another station it has still to pass, or to a named desk, with the step's outcome and
 * an optional note for the next officer.
 */
export function HandoverDialog({ visit }: { visit: Visit }) {
  const { t } = useTranslation('desk');
  const office = useOffice((s) => s.office);
  const pending = useDesk((s) => s.pending !== null);
  const stationLabel = useStationLabel();
  const members = useOffice((s) => s.details[visit.id]?.private?.members);
  const choices = useMemo(
    () => (office ? handoverChoices(office, visit, members ?? []) : null),
    [office, visit, members],
  );
  const [form, setForm] = useState<HandoverForm>(() =>
    choices ? initialHandoverForm(choices) : { mode: 'next', stationId: '', deskId: '' },
  );
  const [outcome, setOutcome] = useState<StepOutcome>('done');
  const [note, setNote] = useState('');
  const [visibility, setVisibility] = useState<NoteVisibility>(() => defaultNoteVisibility(visit));
  const ids = { outcome: useId(), note: useId(), summary: useId(), station: useId(), desk: useId() };
  const interpreter = useOffice((s) =>
    visit.interpreterId ? s.office?.interpreters[visit.interpreterId] : undefined,
  );
  if (!choices) return null;

  const target = handoverTarget(form, choices);
  const toStation = handoverStation(form, choices);
  const toDesk = form.mode === 'desk' ? choices.desks.find((d) => d.deskId === form.deskId) : undefined;
  const noteVisibility = visit.consent ? visibility : 'agency';

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!target || pending) return;
    const text = note.trim();
    const ack = await run(
      'visit:hand_over',
      { visitId: visit.id, to: target, outcome, ...(text && { note: { text, visibility: noteVisibility } }) },
      {
        done: () => ({
          key: 'done.handedOver',
          values: {
            ticket: visit.ticket,
            to: toDesk ? toDesk.name : toStation ? stationLabel(toStation) : '',
          },
        }),
      },
    );
    if (ack.ok) deskActions.closeDialog();
  }

  return (
    <Dialog
      title={t('handover.title', { ticket: visit.ticket })}
      onClose={deskActions.closeDialog}
      wide
      describedBy={ids.summary}
      returnFocus={() => document.querySelector<HTMLElement>('.call-next-button button')}
    >
      <form className="dialog-form" onSubmit={(e) => void submit(e)}>
        <fieldset className="choice">
          <legend>{t('handover.to')}</legend>
          <label className="radio">
            <input
              type="radio"
              name="handover-mode"
              checked={form.mode === 'next'}
              disabled={choices.next === null}
              data-autofocus
              onChange={() => setForm((f) => ({ ...f, mode: 'next' }))}
            />
            <span>
              {t('handover.next')}{' '}
              <strong>{choices.next ? stationLabel(choices.next) : t('handover.noNext')}</strong>
            </span>
          </label>
          <div className="radio-with-select">
            <label className="radio">
              <input
                type="radio"
                name="handover-mode"
                checked={form.mode === 'station'}
                onChange={() => setForm((f) => ({ ...f, mode: 'station' }))}
              />
              <span>{t('handover.station')}</span>
            </label>
            <select
              aria-label={t('handover.stationSelect')}
              value={form.stationId}
              onChange={(e) => setForm((f) => ({ ...f, mode: 'station', stationId: e.target.value }))}
            >
              {choices.stations.map((id) => (
                <option key={id} value={id}>
                  {stationLabel(id)}
                  {id === choices.next ? ` (${t('handover.nextShort')})` : ''}
                </option>
              ))}
            </select>
          </div>
          <div className="radio-with-select">
            <label className="radio">
              <input
                type="radio"
                name="handover-mode"
                checked={form.mode === 'desk'}
                disabled={choices.desks.length === 0}
                onChange={() => setForm((f) => ({ ...f, mode: 'desk' }))}
              />
              <span>{t('handover.desk')}</span>
            </label>
            <select
              aria-label={t('handover.deskSelect')}
              value={form.deskId}
              disabled={choices.desks.length === 0}
              onChange={(e) => setForm((f) => ({ ...f, mode: 'desk', deskId: e.target.value }))}
            >
              {choices.desks.map((d) => (
                <option key={d.deskId} value={d.deskId}>
                  {d.name} –{' '}
                  {d.officer ? t('handover.deskOpen', { officer: d.officer }) : t('handover.deskClosed')}
                </option>
              ))}
            </select>
          </div>
        </fieldset>
        <label className="field">
          <span>{t('outcome.label')}</span>
          <select
            id={ids.outcome}
            value={outcome}
            onChange={(e) => setOutcome(e.target.value as StepOutcome)}
          >
            {STEP_OUTCOMES.map((o) => (
              <option key={o} value={o}>
                {t(`outcome.${o}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field-label" htmlFor={ids.note}>
          {t('handover.note')}
        </label>
        <textarea
          id={ids.note}
          className="note-input"
          rows={2}
          maxLength={4000}
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
        <VisibilityChoice
          name="handover-note-visibility"
          value={noteVisibility}
          shared={sharedNoteAvailability(visit)}
          agency={
            office?.config.stations.find((s) => s.id === visit.steps[visit.current ?? 0]?.stationId)?.agency
          }
          onChange={setVisibility}
        />
        <p id={ids.summary} className="summary">
          {toDesk
            ? t('handover.summaryDesk', { ticket: visit.ticket, desk: toDesk.name })
            : toStation
              ? t('handover.summaryStation', { ticket: visit.ticket, station: stationLabel(toStation) })
              : t('handover.summaryNone')}
          {form.mode === 'next' && choices.passedByRule.length > 0 && (
            <>
              {' '}
              {t('handover.passedByRule', { stations: choices.passedByRule.map(stationLabel).join(', ') })}
            </>
          )}
          {interpreter && <> {t('handover.interpreterFollows', { name: interpreter.name })}</>}
        </p>
        <InlineNotice />
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={deskActions.closeDialog}>
            {t('dialog.cancel')}
          </button>
          <button type="submit" className="btn btn-primary" aria-disabled={!target || pending || undefined}>
            {t('action.handOver')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
