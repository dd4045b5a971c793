import type { CSSProperties } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { usePublicView } from '../../stores/views.js';
import { useNow } from '../../ui/useNow.js';
import { callKey } from './announcements.js';
import { Rotating } from './Rotating.js';

/** Rows shown large; any further calls still waiting go on a smaller line below them. */
const LARGE = 4;
/** A call this recent is flashed (a recall too: it has a new call time, so a new row). */
const NEW_MS = 15_000;

export function NowCalling({ lang }: { lang: string }) {
  const calls = usePublicView(useShallow((v) => (v ? v.calls.filter((c) => c.active) : [])));
  const now = useNow(5_000);
  const large = calls.slice(0, LARGE);
  const more = calls.slice(LARGE);

  if (calls.length === 0)
    return (
      <div className="dsp-now-empty">
        <Rotating lang={lang} k="nobodyCalled" as="p" />
      </div>
    );
  return (
    <>
      <ol className={`dsp-calls dsp-calls-${large.length}`}>
        {large.map((c) => (
          <li key={callKey(c)} className={`dsp-call${now - c.calledAt < NEW_MS ? ' is-new' : ''}`}>
            <span className="dsp-call-ticket">{c.ticket}</span>
            <span className="dsp-call-arrow" aria-hidden="true">
              →
            </span>
            <span className="visually-hidden">,</span>
            <span className="dsp-call-desk">
              <span className="dsp-call-desk-text" style={{ '--chars': c.deskName.length } as CSSProperties}>
                {c.deskName}
              </span>
            </span>
          </li>
        ))}
      </ol>
      {more.length > 0 && (
        <ul className="dsp-calls-more">
          {more.map((c) => (
            <li key={callKey(c)}>
              <span className="dsp-more-ticket">{c.ticket}</span>
              <span aria-hidden="true"> → </span>
              <span className="visually-hidden">,</span>
              {c.deskName}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
