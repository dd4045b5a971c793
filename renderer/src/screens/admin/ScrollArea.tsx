import type { ReactNode } from 'react';

/**
 * A wide table's own horizontal scroll on a narrow window. It can take focus, so that keyboard
 * users can scroll it too, and it is named for what it holds.
 */
export function ScrollArea({
  label,
  children,
  className,
}: {
  label: string;
  children: ReactNode;
  className?: string;
}) {
  return (
    <div
      className={`adm-scroll${className ? ` ${className}` : ''}`}
      role="group"
      aria-label={label}
      tabIndex={0}
    >
      {children}
    </div>
  );
}
