import { useId, useMemo, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { stationOf } from '../../../../shared/office.js';
import type { Visit } from '../../../../shared/visit.js';
import { useOffice } from '../../stores/office.js';
import { ActionButton } from './ActionButton.js';
import { defaultNoteVisibility, noteAvailability, sharedNoteAvailability } from './actionRules.js';
import { run } from './deskCommands.js';
import { deskActions, useDesk, type NoteDraft } from './deskStore.js';
import { VisibilityChoice } from './VisibilityChoice.js';

const NOTE_MAX = 4000;

/** Writes a note on the visit; shared with the journey's agencies only with the visitor's consent. */
export function NoteEditor({ deskId, visit }: { deskId: string; visit: Visit }) {
  const { t } = useTranslation('desk');
  const draft = useDesk((s) => s.drafts[visit.id]);
  const agency = useOffice((s) => {
    const desk = s.office?.config.desks.find((d) => d.id === deskId);
    return desk && s.office ? stationOf(s.office.config, desk.stationId)?.agency : undefined;
  });
  const textId = useId();
  const current: NoteDraft = draft ?? { text: '', visibility: defaultNoteVisibility(visit) };
  // Consent withdrawn while writing: the draft falls back to the agency.
  const visibility = visit.consent ? current.visibility : 'agency';
  const shared = useMemo(() => sharedNoteAvailability(visit), [visit]);
  const text = current.text.trim();
  const canAdd = noteAvailability(text);

  async function add(event?: FormEvent) {
    event?.preventDefault();
    if (!canAdd.enabled) return;
    const ack = await run(
      'visit:add_note',
      { visitId: visit.id, note: { text, visibility } },
      { done: () => ({ key: 'done.noteAdded', values: { ticket: visit.ticket } }) },
    );
    if (ack.ok) deskActions.clearDraft(visit.id);
  }

  return (
    <form className="note-editor" onSubmit={(e) => void add(e)}>
      <label className="field-label" htmlFor={textId}>
        {t('notes.new')}
      </label>
      <textarea
        id={textId}
        className="note-input"
        rows={3}
        maxLength={NOTE_MAX}
        value={current.text}
        onChange={(e) => deskActions.setDraft(visit.id, { ...current, text: e.target.value })}
      />
      <VisibilityChoice
        name={`note-visibility-${visit.id}`}
        value={visibility}
        shared={shared}
        agency={agency}
        onChange={(v) => deskActions.setDraft(visit.id, { ...current, visibility: v })}
      />
      <ActionButton availability={canAdd} onClick={() => void add()}>
        {t('action.addNote')}
      </ActionButton>
    </form>
  );
}
