import { useNow } from '../../ui/useNow.js';

const TIME = new Intl.DateTimeFormat('sv-SE', { hour: '2-digit', minute: '2-digit' });
const DATE = new Intl.DateTimeFormat('sv-SE', { weekday: 'long', day: 'numeric', month: 'long' });

/** The office's time, read from the server's clock, in Swedish. */
export function Clock() {
  const now = useNow(1_000);
  return (
    <div className="dsp-clock">
      <time dateTime={new Date(now).toISOString()} className="dsp-clock-time">
        {TIME.format(now)}
      </time>
      <span className="dsp-clock-date">{DATE.format(now)}</span>
    </div>
  );
}
