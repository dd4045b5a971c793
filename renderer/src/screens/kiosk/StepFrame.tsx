import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { progress } from './kioskFlow.js';
import { useKiosk } from './kioskStore.js';

/**
 * One question of the check-in: its heading (focused when the step opens, so a screen reader
 * starts there), an optional explanation, and the step count.
 */
export function StepFrame({
  title,
  hint,
  children,
  className,
}: {
  title: string;
  hint?: ReactNode;
  children: ReactNode;
  className?: string;
}) {
  const { t } = useTranslation('kiosk');
  const heading = useRef<HTMLHeadingElement>(null);
  const step = useKiosk((s) => s.step);
  const stepNumber = useKiosk((s) => progress(s)?.step ?? 0);
  const total = useKiosk((s) => progress(s)?.total ?? 0);
  useEffect(() => heading.current?.focus(), [step]);

  return (
    <section className={`kiosk-step ${className ?? ''}`} aria-labelledby="kiosk-step-title">
      {total > 0 && (
        <p className="kiosk-progress">
          <span className="kiosk-progress-text">{t('nav.stepOf', { step: stepNumber, total })}</span>
          <span className="kiosk-progress-dots" aria-hidden="true">
            {Array.from({ length: total }, (_, i) => (
              <span key={i} className={i < stepNumber ? 'is-done' : undefined} />
            ))}
          </span>
        </p>
      )}
      <h1 id="kiosk-step-title" className="kiosk-title" tabIndex={-1} ref={heading}>
        {title}
      </h1>
      {hint && <p className="kiosk-hint">{hint}</p>}
      {children}
    </section>
  );
}
