import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldError as FieldErrorInfo } from './configDraft.js';
import { useDraft } from './draftStore.js';

/**
 * Labelled controls of the configuration editor. Each is tied to its field path: its id is
 * made from the path (the error summary links to it), and its fault, if any, is read from the
 * draft's validation and tied to it by `aria-describedby`.
 */

export const fieldId = (path: string): string => `cfg-${path.replace(/\./g, '-')}`;
const errorId = (path: string): string => `${fieldId(path)}-error`;
const hintId = (path: string): string => `${fieldId(path)}-hint`;

/** A fault in the reader's words. */
export const validationText = (t: TFunction, error: FieldErrorInfo): string =>
  t(`validation.${error.key}`, { ...error.values });

export function useFieldError(path: string): string | null {
  const { t } = useTranslation('admin');
  const error = useDraft((s) => s.errors.find((e) => e.path === path));
  return error ? validationText(t, error) : null;
}

function describedBy(path: string, error: string | null, hint: ReactNode | undefined): string | undefined {
  const ids = [hint ? hintId(path) : null, error ? errorId(path) : null].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

export function FieldError({ path, error }: { path: string; error: string | null }) {
  if (!error) return null;
  return (
    <p id={errorId(path)} className="adm-field-error">
      <span aria-hidden="true">⚠ </span>
      {error}
    </p>
  );
}

interface Common {
  readonly path: string;
  readonly label: ReactNode;
  readonly hint?: ReactNode;
  readonly className?: string;
}

export function TextField({
  path,
  label,
  hint,
  value,
  onChange,
  maxLength,
  className,
  lang,
}: Common & { value: string; onChange: (value: string) => void; maxLength?: number; lang?: string }) {
  const error = useFieldError(path);
  return (
    <div className={`field adm-field${className ? ` ${className}` : ''}`}>
      <label htmlFor={fieldId(path)}>{label}</label>
      {hint && (
        <span id={hintId(path)} className="adm-hint">
          {hint}
        </span>
      )}
      <input
        id={fieldId(path)}
        type="text"
        value={value}
        maxLength={maxLength}
        lang={lang}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(path, error, hint)}
        onChange={(e) => onChange(e.target.value)}
      />
      <FieldError path={path} error={error} />
    </div>
  );
}

/** A whole number; empty is kept as "no number" (NaN), which validation names. */
export function NumberField({
  path,
  label,
  hint,
  value,
  onChange,
  min,
  max,
  unit,
  className,
}: Common & {
  value: number;
  onChange: (value: number) => void;
  min?: number;
  max?: number;
  unit?: string;
}) {
  const error = useFieldError(path);
  return (
    <div className={`field adm-field adm-field-number${className ? ` ${className}` : ''}`}>
      <label htmlFor={fieldId(path)}>{label}</label>
      {hint && (
        <span id={hintId(path)} className="adm-hint">
          {hint}
        </span>
      )}
      <span className="adm-with-unit">
        <input
          id={fieldId(path)}
          type="number"
          inputMode="numeric"
          step={1}
          min={min}
          max={max}
          value={Number.isNaN(value) ? '' : value}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(path, error, hint)}
          onChange={(e) => onChange(e.target.value === '' ? NaN : Number(e.target.value))}
        />
        {unit && <span className="adm-unit">{unit}</span>}
      </span>
      <FieldError path={path} error={error} />
    </div>
  );
}

/** A number that may be left empty (no limit): empty is null. */
export function OptionalNumberField({
  path,
  label,
  hint,
  value,
  onChange,
  min,
  max,
  unit,
}: Common & {
  value: number | null;
  onChange: (value: number | null) => void;
  min?: number;
  max?: number;
  unit?: string;
}) {
  const error = useFieldError(path);
  return (
    <div className="field adm-field adm-field-number">
      <label htmlFor={fieldId(path)}>{label}</label>
      {hint && (
        <span id={hintId(path)} className="adm-hint">
          {hint}
        </span>
      )}
      <span className="adm-with-unit">
        <input
          id={fieldId(path)}
          type="number"
          inputMode="numeric"
          step={1}
          min={min}
          max={max}
          value={value === null || Number.isNaN(value) ? '' : value}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(path, error, hint)}
          onChange={(e) => onChange(e.target.value === '' ? null : Number(e.target.value))}
        />
        {unit && <span className="adm-unit">{unit}</span>}
      </span>
      <FieldError path={path} error={error} />
    </div>
  );
}

export function SelectField<T extends string>({
  path,
  label,
  hint,
  value,
  options,
  onChange,
  className,
}: Common & {
  value: T;
  options: readonly { value: T; label: string }[];
  onChange: (value: T) => void;
}) {
  const error = useFieldError(path);
  return (
    <div className={`field adm-field${className ? ` ${className}` : ''}`}>
      <label htmlFor={fieldId(path)}>{label}</label>
      {hint && (
        <span id={hintId(path)} className="adm-hint">
          {hint}
        </span>
      )}
      <select
        id={fieldId(path)}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(path, error, hint)}
        onChange={(e) => onChange(e.target.value as T)}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldError path={path} error={error} />
    </div>
  );
}

export function CheckboxField({
  path,
  label,
  hint,
  checked,
  onChange,
}: Common & { checked: boolean; onChange: (checked: boolean) => void }) {
  const error = useFieldError(path);
  return (
    <div className="adm-check">
      <input
        id={fieldId(path)}
        type="checkbox"
        checked={checked}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(path, error, hint)}
        onChange={(e) => onChange(e.target.checked)}
      />
      <div>
        <label htmlFor={fieldId(path)}>{label}</label>
        {hint && (
          <span id={hintId(path)} className="adm-hint">
            {hint}
          </span>
        )}
        <FieldError path={path} error={error} />
      </div>
    </div>
  );
}
