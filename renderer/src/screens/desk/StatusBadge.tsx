import { useTranslation } from 'react-i18next';
import type { StepStatus } from '../../../../shared/visit.js';
import { Icon, type IconName } from './Icon.js';

const ICONS: Record<StepStatus, IconName> = {
  pending: 'pending',
  waiting: 'clock',
  called: 'call',
  serving: 'serving',
  parked: 'pause',
  done: 'check',
  skipped: 'skip',
  no_show: 'cross',
};

/** A step's status in words with an icon: never by colour alone. */
export function StatusBadge({ status }: { status: StepStatus }) {
  const { t } = useTranslation('common');
  return (
    <span className={`badge badge-${status}`}>
      <Icon name={ICONS[status]} />
      {t(`step.${status}`)}
    </span>
  );
}
