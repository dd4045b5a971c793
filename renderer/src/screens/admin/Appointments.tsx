import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CsvRowError } from '../../../../shared/appointments.js';
import { useOffice } from '../../stores/office.js';
import { errorText } from '../../ui/errors.js';
import { dayText, languageName } from './format.js';
import { importActions, useImport } from './importStore.js';
import { focusSoon } from './focus.js';
import { groupByLine, lineOf, MAX_CSV_CHARS, problemKey } from './importView.js';
import { useStaffLanguage } from './useStaffLanguage.js';
import { ScrollArea } from './ScrollArea.js';

/**
 * Today's booking list from Migrationsverket: choose the file (or paste it), let the server
 * check every row, mend what it names, and import once the check is clean.
 */
export function Appointments() {
  const { t } = useTranslation('admin');
  const language = useStaffLanguage();
  const day = useOffice((s) => s.office?.day ?? '');
  return (
    <div className="adm-stack">
      <h2 className="adm-section-title">
        {t('appointments.title', { day: day ? dayText(day, language) : '' })}
      </h2>
      <p className="adm-muted">{t('appointments.intro')}</p>
      <div className="adm-columns">
        <Source day={day} />
        <Format />
      </div>
      <Result />
    </div>
  );
}

function Source({ day }: { day: string }) {
  const { t } = useTranslation('admin');
  const text = useImport((s) => s.text);
  const fileName = useImport((s) => s.fileName);
  const busy = useImport((s) => s.busy);
  const error = useImport((s) => s.error);
  const fileRef = useRef<HTMLInputElement>(null);
  const [tooBig, setTooBig] = useState(false);
  const hintId = useId();

  async function readFile(file: File | undefined) {
    if (!file) return;
    const content = await file.text();
    setTooBig(content.length > MAX_CSV_CHARS);
    importActions.setText(content, file.name);
  }

  const empty = text.trim() === '';
  return (
    <section className="adm-card adm-stack-sm" aria-labelledby="imp-source-heading">
      <h3 id="imp-source-heading" className="adm-section-title">
        {t('appointments.source')}
      </h3>
      <div className="field">
        <label htmlFor="imp-file">{t('appointments.file')}</label>
        <input
          ref={fileRef}
          id="imp-file"
          type="file"
          accept=".csv,.txt,text/csv,text/plain"
          onChange={(e) => void readFile(e.target.files?.[0])}
        />
      </div>
      <div className="field">
        <label htmlFor="imp-text">{t('appointments.paste')}</label>
        <span id={hintId} className="adm-hint">
          {fileName ? t('appointments.fromFile', { name: fileName }) : t('appointments.pasteHint')}
        </span>
        <textarea
          id="imp-text"
          rows={8}
          spellCheck={false}
          className="adm-mono"
          value={text}
          aria-describedby={`${hintId}${tooBig ? ' imp-too-big' : ''}`}
          onChange={(e) => {
            setTooBig(e.target.value.length > MAX_CSV_CHARS);
            importActions.setText(e.target.value);
            if (fileRef.current) fileRef.current.value = '';
          }}
        />
        {tooBig && (
          <p id="imp-too-big" className="adm-field-error">
            <span aria-hidden="true">⚠ </span>
            {t('appointments.tooBig')}
          </p>
        )}
      </div>
      {error && (
        <p className="alert alert-error" role="alert">
          {errorText(t, { code: error })}
        </p>
      )}
      <div className="adm-actions">
        <button
          type="button"
          className="btn btn-primary"
          aria-disabled={empty || tooBig || busy !== null || undefined}
          onClick={async () => {
            if (empty || tooBig) return;
            await importActions.check(day);
            // Straight to the answer: the faults to mend, or the rows to import.
            focusSoon('imp-problems-heading', 'imp-preview-heading');
          }}
        >
          {busy === 'checking' ? t('appointments.checking') : t('appointments.check')}
        </button>
        {!empty && (
          <button
            type="button"
            className="btn"
            onClick={() => {
              importActions.reset();
              setTooBig(false);
              if (fileRef.current) fileRef.current.value = '';
            }}
          >
            {t('appointments.clear')}
          </button>
        )}
      </div>
    </section>
  );
}

function Format() {
  const { t } = useTranslation('admin');
  return (
    <section className="adm-card" aria-labelledby="imp-format-heading">
      <h3 id="imp-format-heading" className="adm-section-title">
        {t('appointments.format')}
      </h3>
      <p>{t('appointments.formatBody')}</p>
      <pre className="adm-mono adm-example">
        {'tid;referens;språk;vuxna;barn\n09:00;MV-2026-1041;arabiska;2;3\n09:30;MV-2026-1042;ti;1;0'}
      </pre>
      <p className="adm-muted">{t('appointments.formatColumns')}</p>
    </section>
  );
}

/** The check's answer: every fault by line and column, or the rows that will be imported. */
function Result() {
  const { t } = useTranslation('admin');
  const check = useImport((s) => s.check);
  const text = useImport((s) => s.text);
  const imported = useImport((s) => s.imported);
  const busy = useImport((s) => s.busy);
  const day = useOffice((s) => s.office?.day ?? '');
  // The check answers the text as it was: after an edit it must be run again.
  const current = check !== null && check.text === text;
  return (
    <div className="adm-stack-sm">
      <p className="visually-hidden" role="status">
        {imported
          ? t('appointments.imported', { count: imported.rows })
          : check?.kind === 'problems' && current
            ? t('appointments.problems', {
                count: check.errors.length,
                lines: new Set(check.errors.map((e) => e.line)).size,
              })
            : check?.kind === 'clean' && current
              ? t('appointments.clean', { count: check.rows.length })
              : ''}
      </p>
      {imported && (
        <div id="imp-imported" className="alert alert-ok" tabIndex={-1}>
          <p>
            <span aria-hidden="true">✓ </span>
            <strong>{t('appointments.imported', { count: imported.rows })}</strong>
          </p>
          {imported.alreadyCheckedIn > 0 && (
            <p>{t('appointments.alreadyCheckedIn', { count: imported.alreadyCheckedIn })}</p>
          )}
        </div>
      )}
      {check && !current && <p className="alert adm-alert-warn">{t('appointments.changed')}</p>}
      {check?.kind === 'problems' && current && <Problems errors={check.errors} text={check.text} />}
      {check?.kind === 'clean' && current && (
        <section className="adm-card adm-stack-sm" aria-labelledby="imp-preview-heading">
          <h3 id="imp-preview-heading" className="adm-section-title" tabIndex={-1}>
            <span aria-hidden="true">✓ </span>
            {t('appointments.clean', { count: check.rows.length })}
          </h3>
          {check.alreadyCheckedIn > 0 && (
            <p>{t('appointments.willKeep', { count: check.alreadyCheckedIn })}</p>
          )}
          <Preview rows={check.rows} />
          <div className="adm-actions">
            <button
              type="button"
              className="btn btn-primary"
              aria-disabled={busy !== null || undefined}
              onClick={async () => {
                await importActions.import(day);
                focusSoon('imp-imported');
              }}
            >
              {busy === 'importing'
                ? t('appointments.importing')
                : t('appointments.import', { count: check.rows.length })}
            </button>
          </div>
        </section>
      )}
    </div>
  );
}

function Problems({ errors, text }: { errors: readonly CsvRowError[]; text: string }) {
  const { t } = useTranslation('admin');
  const lines = groupByLine(errors);
  const problemText = (p: { column: string | null; message: string }) => {
    const known = problemKey(p.message);
    if (!known) return p.message;
    const column = known.values.column;
    return t(`appointments.problem.${known.key}`, {
      ...known.values,
      ...(column && { column: t(`appointments.csvColumn.${column}`, { defaultValue: column }) }),
    });
  };
  return (
    <section className="adm-card adm-problems" aria-labelledby="imp-problems-heading">
      <h3 id="imp-problems-heading" className="adm-section-title adm-error-title" tabIndex={-1}>
        <span aria-hidden="true">⚠ </span>
        {t('appointments.problems', { count: errors.length, lines: lines.length })}
      </h3>
      <p>{t('appointments.nothingImported')}</p>
      <ScrollArea label={t('appointments.problems', { count: errors.length, lines: lines.length })}>
        <table className="adm-table">
          <thead>
            <tr>
              <th scope="col">{t('appointments.column.line')}</th>
              <th scope="col">{t('appointments.column.content')}</th>
              <th scope="col">{t('appointments.column.problem')}</th>
            </tr>
          </thead>
          <tbody>
            {lines.map(({ line, problems }) => (
              <tr key={line}>
                <th scope="row" className="adm-num">
                  {line}
                </th>
                <td className="adm-line">{lineOf(text, line)}</td>
                <td>
                  <ul className="adm-problem-list">
                    {problems.map((p, i) => (
                      <li key={i}>
                        {p.column && (
                          <strong>
                            {t(`appointments.csvColumn.${p.column}`, { defaultValue: p.column })}:{' '}
                          </strong>
                        )}
                        {problemText(p)}
                      </li>
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollArea>
    </section>
  );
}

function Preview({
  rows,
}: {
  rows: readonly { time: string; ref: string; language: string; adults: number; children: number }[];
}) {
  const { t } = useTranslation('admin');
  const ui = useStaffLanguage();
  return (
    <ScrollArea className="adm-preview" label={t('appointments.previewCaption')}>
      <table className="adm-table">
        <caption className="visually-hidden">{t('appointments.previewCaption')}</caption>
        <thead>
          <tr>
            {(['time', 'reference', 'language', 'adults', 'children'] as const).map((c) => (
              <th key={c} scope="col">
                {t(`appointments.csvColumn.${c}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.ref}>
              <td>{r.time}</td>
              <td>
                <code>{r.ref}</code>
              </td>
              <td>{languageName(r.language, ui)}</td>
              <td className="adm-num">{r.adults}</td>
              <td className="adm-num">{r.children}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollArea>
  );
}
