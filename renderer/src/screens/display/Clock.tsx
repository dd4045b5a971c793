import { useMemo } from 'react';
import { usePublicView } from '../../stores/views.js';
import { useNow } from '../../ui/useNow.js';

/** The office's time, read from the server's clock, in Swedish and the office's time zone. */
export function Clock() {
  const now = useNow(1_000);
  const timeZone = usePublicView((v) => v?.office.timeZone);
  const { TIME, DATE } = useMemo(
    () => ({
      TIME: new Intl.DateTimeFormat('sv-SE', { hour: '2-digit', minute: '2-digit', timeZone }),
      DATE: new Intl.DateTimeFormat('sv-SE', { weekday: 'long', day: 'numeric', month: 'long', timeZone }),
    }),
    [timeZone],
  );
  return (
    <div className="dsp-clock">
      <time dateTime={new Date(now).toISOString()} className="dsp-clock-time">
        {TIME.format(now)}
      </time>
      <span className="dsp-clock-date">{DATE.format(now)}</span>
    </div>
  );
}
