import { useTranslation } from 'react-i18next';
import type { Visit } from '../../../../shared/visit.js';
import { useOffice } from '../../stores/office.js';
import { clockTime } from './format.js';
import { useDeskLabel, useStaffLanguage } from './labels.js';
import { NoteEditor } from './NoteEditor.js';
import { Icon } from './Icon.js';

/**
 * The notes this desk may read (its agency's own, and shared ones when the visitor consented),
 * oldest first like a case history, with who wrote each and where; then the editor.
 */
export function Notes({ deskId, visit }: { deskId: string; visit: Visit }) {
  const { t } = useTranslation('desk');
  const ui = useStaffLanguage();
  const details = useOffice((s) => s.details[visit.id]);
  const timeZone = useOffice((s) => s.office?.config.timeZone ?? 'Europe/Stockholm');
  const deskLabel = useDeskLabel();
  const notes = details?.notes ?? [];

  return (
    <section className="block notes" aria-labelledby="notes-title">
      <h3 id="notes-title">{t('notes.title', { count: notes.length })}</h3>
      {!details ? (
        <p className="muted" aria-busy="true">
          {t('notes.loading')}
        </p>
      ) : notes.length === 0 ? (
        <p className="muted">{t('notes.none')}</p>
      ) : (
        <ol className="note-list">
          {notes.map((note) => (
            <li key={note.id} className="note">
              <p className="note-meta">
                <strong>{t(`common:agency.${note.agency}`)}</strong>
                <span>
                  {deskLabel(note.deskId)} · {note.officer}
                </span>
                <span className="note-when">
                  <time dateTime={new Date(note.at).toISOString()}>{clockTime(note.at, ui, timeZone)}</time>
                  <span className={`tag ${note.visibility === 'shared' ? 'tag-shared' : 'tag-agency'}`}>
                    <Icon name={note.visibility === 'shared' ? 'share' : 'lock'} />
                    {note.visibility === 'shared'
                      ? t('notes.shared')
                      : t('notes.agencyOnly', { agency: t(`common:agency.${note.agency}`) })}
                  </span>
                </span>
              </p>
              <p className="note-text">{note.text}</p>
            </li>
          ))}
        </ol>
      )}
      <NoteEditor deskId={deskId} visit={visit} />
    </section>
  );
}
