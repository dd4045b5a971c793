import { useId } from 'react';

/** A small number with − and + buttons big enough to tap, and the number itself typeable. */
export function Counter({
  label,
  value,
  min,
  max,
  onChange,
  lessLabel,
  moreLabel,
  invalid = false,
}: {
  label: string;
  value: number;
  min: number;
  max: number;
  onChange: (value: number) => void;
  lessLabel: string;
  moreLabel: string;
  invalid?: boolean;
}) {
  const id = useId();
  return (
    <div className="field rcp-counter">
      <label htmlFor={id}>{label}</label>
      <div className="rcp-counter-row">
        <button
          type="button"
          className="btn"
          aria-label={lessLabel}
          disabled={value <= min}
          onClick={() => onChange(value - 1)}
        >
          −
        </button>
        <input
          id={id}
          type="number"
          inputMode="numeric"
          min={min}
          max={max}
          value={Number.isNaN(value) ? '' : value}
          aria-invalid={invalid || undefined}
          onChange={(e) => onChange(e.target.value === '' ? Number.NaN : Number(e.target.value))}
        />
        <button
          type="button"
          className="btn"
          aria-label={moreLabel}
          disabled={value >= max}
          onClick={() => onChange(value + 1)}
        >
          +
        </button>
      </div>
    </div>
  );
}
