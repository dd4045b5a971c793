import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Availability } from './actionRules.js';
import { useDesk } from './deskStore.js';

/** Reasons that only restate the phase the visit is in: read out and shown on hover, not printed. */
const QUIET_REASONS: ReadonlySet<string> = new Set([
  'reason.onlyWhenCalled',
  'reason.alreadyServing',
  'reason.startFirst',
  'reason.resumeFirst',
  'reason.notHere',
  'reason.writeFirst',
]);

/**
 * A button that, when it cannot be used now, stays in place and in the tab order, marked
 * `aria-disabled`, with the reason shown beneath it and tied to it for assistive technology.
 * While another command is waiting for its answer it holds too (without a reason to read).
 */
export function ActionButton({
  availability,
  onClick,
  children,
  variant = 'default',
  showReason = true,
  className = '',
  describedBy,
}: {
  availability: Availability;
  onClick: () => void;
  children: ReactNode;
  variant?: 'default' | 'primary' | 'danger';
  showReason?: boolean;
  className?: string;
  describedBy?: string;
}) {
  const { t } = useTranslation('desk');
  const reasonId = useId();
  const pending = useDesk((s) => s.pending !== null);
  const enabled = availability.enabled && !pending;
  const reason = availability.enabled ? null : t(availability.reason.key, { ...availability.reason.values });
  const printed = showReason && !availability.enabled && !QUIET_REASONS.has(availability.reason.key);
  const described = [describedBy, reason && reasonId].filter(Boolean).join(' ') || undefined;
  const variantClass = variant === 'primary' ? ' btn-primary' : variant === 'danger' ? ' btn-danger' : '';
  return (
    <span className={`action ${className}`}>
      <button
        type="button"
        className={`btn${variantClass}`}
        aria-disabled={enabled ? undefined : true}
        data-pending={availability.enabled && pending ? '' : undefined}
        aria-describedby={described}
        title={reason && !printed ? reason : undefined}
        onClick={enabled ? onClick : undefined}
      >
        {children}
      </button>
      {reason && (
        <span id={reasonId} className={printed ? 'action-reason' : 'visually-hidden'}>
          {reason}
        </span>
      )}
    </span>
  );
}
