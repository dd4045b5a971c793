/**
 * A few line icons drawn inline, so they look the same on every agency PC (no emoji font is
 * needed). Always beside words, never instead of them: hidden from assistive technology.
 */
const PATHS = {
  call: 'M3 10v4h3l6 4V6l-6 4H3z M16 9.5a3 3 0 0 1 0 5 M18.5 7a6.5 6.5 0 0 1 0 10',
  pause: 'M9 6v12 M15 6v12',
  check: 'M5 12.5l4.5 4.5L19 7.5',
  cross: 'M6.5 6.5l11 11 M17.5 6.5l-11 11',
  lock: 'M6 11h12v9H6z M8.5 11V8a3.5 3.5 0 0 1 7 0v3',
  share: 'M4 9h15 M15 5l4 4-4 4 M20 15H5 M9 11l-4 4 4 4',
  speech: 'M4 5h16v10H10l-5 4v-4H4z M8 9h8 M8 12h5',
  warn: 'M12 4l9 16H3z M12 10v4.5 M12 17v.5',
  clock: 'M12 4a8 8 0 1 0 0 16a8 8 0 1 0 0-16 M12 8v4.5l3 2',
  pending: 'M12 6a6 6 0 1 0 0 12a6 6 0 1 0 0-12',
  serving: 'M12 6a6 6 0 1 0 0 12a6 6 0 1 0 0-12 M12 9a3 3 0 1 0 0 6a3 3 0 1 0 0-6',
  skip: 'M4 12h14 M13 7l5 5-5 5 M20 6v12',
} as const;

export type IconName = keyof typeof PATHS;

export function Icon({ name, className = '' }: { name: IconName; className?: string }) {
  return (
    <svg
      className={`icon ${className}`}
      viewBox="0 0 24 24"
      width="1em"
      height="1em"
      aria-hidden="true"
      focusable="false"
      fill="none"
      stroke="currentColor"
      strokeWidth="2.2"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      <path d={PATHS[name]} />
    </svg>
  );
}
