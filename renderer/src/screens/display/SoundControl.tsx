import { i18next } from '../../i18n/index.js';
import { useSound } from './soundStore.js';

/**
 * Shown only while the browser keeps sound locked. Any touch or key anywhere on the page
 * unlocks it (the announcer listens for that); this button says so, in Swedish and English,
 * to whoever sets the screen up.
 */
export function SoundControl() {
  const locked = useSound((s) => s.audio === 'locked');
  if (!locked) return null;
  const sv = i18next.getFixedT('sv', 'display');
  const en = i18next.getFixedT('en', 'display');
  return (
    <button type="button" className="dsp-sound">
      <svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">
        <path d="M4 9v6h4l5 4V5L8 9H4z" fill="currentColor" />
        <path d="M16 9l5 6M21 9l-5 6" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
      </svg>
      <span lang="sv">{sv('sound.enable')}</span>
      <span lang="en" className="dsp-sound-en">
        {en('sound.enable')}
      </span>
    </button>
  );
}
