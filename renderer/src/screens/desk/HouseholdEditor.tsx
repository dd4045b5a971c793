import { useId, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Member, Visit } from '../../../../shared/visit.js';
import { useOffice } from '../../stores/office.js';
import { run } from './deskCommands.js';
import { useDesk } from './deskStore.js';
import {
  asksParents,
  blankMember,
  householdDraft,
  householdPayload,
  householdProblems,
  type HouseholdDraft,
  type MemberDraft,
} from './household.js';

/** Sets the household's size and its members' names and birth dates. */
export function HouseholdEditor({
  visit,
  members,
  onDone,
}: {
  visit: Visit;
  members: readonly Member[];
  onDone: () => void;
}) {
  const { t } = useTranslation('desk');
  const today = useOffice((s) => s.office?.day ?? '');
  const stations = useOffice((s) => s.office?.config.stations);
  const rules = useMemo(() => (stations ?? []).map((st) => st.rule), [stations]);
  const pending = useDesk((s) => s.pending !== null);
  const [draft, setDraft] = useState<HouseholdDraft>(() => householdDraft(visit, members));
  const [tried, setTried] = useState(false);
  const errorsId = useId();
  const problems = householdProblems(draft, today);
  const shown = tried ? problems : [];

  const setMember = (key: string, change: Partial<MemberDraft>) =>
    setDraft((d) => ({ ...d, members: d.members.map((m) => (m.key === key ? { ...m, ...change } : m)) }));

  async function save(event: FormEvent) {
    event.preventDefault();
    setTried(true);
    if (problems.length > 0 || pending) return;
    const ack = await run('visit:set_household', householdPayload(visit.id, draft, today, rules), {
      done: () => ({ key: 'done.household', values: { ticket: visit.ticket } }),
    });
    if (ack.ok) onDone();
  }

  const problemText = (p: (typeof problems)[number]) =>
    'index' in p ? t(p.key, { n: p.index + 1 }) : 'count' in p ? t(p.key, { count: p.count }) : t(p.key);
  const memberHas = (index: number, key: string) =>
    shown.some((p) => 'index' in p && p.index === index && p.key === key);

  return (
    <form
      className="household-editor"
      onSubmit={(e) => void save(e)}
      noValidate
      aria-describedby={shown.length ? errorsId : undefined}
    >
      <div className="counts">
        <label className="field field-inline">
          <span>{t('household.adultsLabel')}</span>
          <input
            type="number"
            min={1}
            max={20}
            value={draft.adults}
            onChange={(e) => setDraft((d) => ({ ...d, adults: Number(e.target.value) }))}
          />
        </label>
        <label className="field field-inline">
          <span>{t('household.childrenLabel')}</span>
          <input
            type="number"
            min={0}
            max={20}
            value={draft.children}
            onChange={(e) => setDraft((d) => ({ ...d, children: Number(e.target.value) }))}
          />
        </label>
      </div>
      {draft.members.length > 0 && (
        <ol className="member-list">
          {draft.members.map((m, index) => (
            <li key={m.key} className="member-row">
              <label className="field">
                <span>{t('household.nameOf', { n: index + 1 })}</span>
                <input
                  value={m.name}
                  maxLength={120}
                  autoComplete="off"
                  aria-invalid={memberHas(index, 'household.error.name') || undefined}
                  onChange={(e) => setMember(m.key, { name: e.target.value })}
                />
              </label>
              <label className="field">
                <span>{t('household.birthDateOf', { n: index + 1 })}</span>
                <input
                  type="date"
                  value={m.birthDate}
                  max={today}
                  aria-invalid={memberHas(index, 'household.error.birthDate') || undefined}
                  onChange={(e) => setMember(m.key, { birthDate: e.target.value })}
                />
              </label>
              <label className="field">
                <span>{t('household.kindOf', { n: index + 1 })}</span>
                <select
                  value={m.kind}
                  onChange={(e) => setMember(m.key, { kind: e.target.value as Member['kind'] })}
                >
                  <option value="adult">{t('household.kind_adult')}</option>
                  <option value="child">{t('household.kind_child')}</option>
                </select>
              </label>
              {asksParents(m, today, rules) && (
                <label className="field">
                  <span>{t('household.parentsOf', { n: index + 1 })}</span>
                  <select
                    value={m.parentsInSweden === null ? '' : String(m.parentsInSweden)}
                    onChange={(e) =>
                      setMember(m.key, {
                        parentsInSweden: e.target.value === '' ? null : e.target.value === 'true',
                      })
                    }
                  >
                    <option value="">{t('household.parentsUnknown')}</option>
                    <option value="true">{t('household.parentsYes')}</option>
                    <option value="false">{t('household.parentsNo')}</option>
                  </select>
                </label>
              )}
              <button
                type="button"
                className="btn btn-small btn-danger"
                onClick={() => setDraft((d) => ({ ...d, members: d.members.filter((x) => x.key !== m.key) }))}
              >
                {t('household.remove')}
                <span className="visually-hidden"> {t('household.memberN', { n: index + 1 })}</span>
              </button>
            </li>
          ))}
        </ol>
      )}
      <div className="editor-tools">
        <button
          type="button"
          className="btn btn-small"
          onClick={() => setDraft((d) => ({ ...d, members: [...d.members, blankMember('adult')] }))}
        >
          {t('household.addAdult')}
        </button>
        <button
          type="button"
          className="btn btn-small"
          onClick={() => setDraft((d) => ({ ...d, members: [...d.members, blankMember('child')] }))}
        >
          {t('household.addChild')}
        </button>
      </div>
      {shown.length > 0 && (
        <ul id={errorsId} className="alert alert-error problems" role="alert">
          {shown.map((p, i) => (
            <li key={i}>{problemText(p)}</li>
          ))}
        </ul>
      )}
      <div className="editor-tools editor-submit">
        <button type="button" className="btn" onClick={onDone}>
          {t('dialog.cancel')}
        </button>
        <button type="submit" className="btn btn-primary" aria-disabled={pending || undefined}>
          {t('household.save')}
        </button>
      </div>
    </form>
  );
}
