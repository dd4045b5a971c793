import type { ReactNode } from 'react';

/** Small line icons beside words (never instead of them); hidden from screen readers. */
function Icon({ children, className }: { children: ReactNode; className?: string }) {
  return (
    <svg
      className={`kiosk-icon ${className ?? ''}`}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2.2"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {children}
    </svg>
  );
}

/** Points back in the reading direction (mirrored for right-to-left by the stylesheet). */
export const BackIcon = () => (
  <Icon className="kiosk-icon-directional">
    <path d="M15 5l-7 7 7 7" />
  </Icon>
);

export const NextIcon = () => (
  <Icon className="kiosk-icon-directional">
    <path d="M9 5l7 7-7 7" />
  </Icon>
);

export const RestartIcon = () => (
  <Icon>
    <path d="M4 4v6h6" />
    <path d="M5.5 15a7.5 7.5 0 1 0 1.7-7.8L4 10" />
  </Icon>
);

export const LetterIcon = () => (
  <Icon>
    <rect x="3" y="5" width="18" height="14" rx="2" />
    <path d="M3 7l9 6 9-6" />
  </Icon>
);

export const PeopleIcon = () => (
  <Icon>
    <circle cx="9" cy="8" r="3.2" />
    <path d="M3 20c0-3.3 2.7-6 6-6s6 2.7 6 6" />
    <circle cx="17" cy="9" r="2.4" />
    <path d="M16 14.2c2.8.2 5 2.5 5 5.3" />
  </Icon>
);

export const CheckIcon = () => (
  <Icon>
    <path d="M4 12.5l5 5L20 6.5" />
  </Icon>
);

export const CrossIcon = () => (
  <Icon>
    <path d="M6 6l12 12M18 6L6 18" />
  </Icon>
);

export const PrinterIcon = () => (
  <Icon>
    <path d="M7 9V3h10v6" />
    <rect x="3" y="9" width="18" height="8" rx="2" />
    <path d="M7 14h10v7H7z" />
  </Icon>
);

/** Not mirrored: the keypad types left-to-right text in every language. */
export const DeleteIcon = () => (
  <Icon>
    <path d="M9 5h11v14H9l-6-7z" />
    <path d="M12.5 9.5l5 5M17.5 9.5l-5 5" />
  </Icon>
);
