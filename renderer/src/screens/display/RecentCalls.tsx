import { useShallow } from 'zustand/react/shallow';
import { usePublicView } from '../../stores/views.js';
import { callKey } from './announcements.js';

/** Calls the visitor has answered, latest first: for someone who looked away a moment. */
const SHOWN = 3;

export function RecentCalls() {
  const calls = usePublicView(useShallow((v) => (v ? v.calls.filter((c) => !c.active).slice(0, SHOWN) : [])));
  if (calls.length === 0) return <p className="dsp-recent-none">–</p>;
  return (
    <ol className="dsp-recent">
      {calls.map((c) => (
        <li key={callKey(c)}>
          <span className="dsp-recent-ticket">{c.ticket}</span>
          <span className="dsp-recent-arrow" aria-hidden="true">
            →
          </span>
          <span className="visually-hidden">,</span>
          <span className="dsp-recent-desk">{c.deskName}</span>
        </li>
      ))}
    </ol>
  );
}
