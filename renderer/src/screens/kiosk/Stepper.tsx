import { useId } from 'react';

/** A number chosen with big − and + buttons; the value is read out when it changes. */
export function Stepper({
  label,
  hint,
  value,
  min,
  max,
  onChange,
  decreaseLabel,
  increaseLabel,
}: {
  label: string;
  hint: string;
  value: number;
  min: number;
  max: number;
  onChange: (by: number) => void;
  decreaseLabel: string;
  increaseLabel: string;
}) {
  const id = useId();
  return (
    <div
      className="kiosk-stepper"
      role="group"
      aria-labelledby={`${id}-label`}
      aria-describedby={`${id}-hint`}
    >
      <div className="kiosk-stepper-text">
        <span id={`${id}-label`} className="kiosk-stepper-label">
          {label}
        </span>
        <span id={`${id}-hint`} className="kiosk-stepper-hint">
          {hint}
        </span>
      </div>
      <div className="kiosk-stepper-controls">
        <button
          type="button"
          className="kiosk-btn kiosk-stepper-btn"
          aria-label={decreaseLabel}
          disabled={value <= min}
          onClick={() => onChange(-1)}
        >
          <span aria-hidden="true">−</span>
        </button>
        <output className="kiosk-stepper-value" aria-live="polite" aria-labelledby={`${id}-label`}>
          {value}
        </output>
        <button
          type="button"
          className="kiosk-btn kiosk-stepper-btn"
          aria-label={increaseLabel}
          disabled={value >= max}
          onClick={() => onChange(1)}
        >
          <span aria-hidden="true">+</span>
        </button>
      </div>
    </div>
  );
}
