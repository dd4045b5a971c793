import { useShallow } from 'zustand/react/shallow';
import { i18next } from '../../i18n/index.js';
import { isRtl } from '../../../../shared/languages.js';
import { usePublicView } from '../../stores/views.js';
import { Rotating } from './Rotating.js';

/** Each station's queue: the agency in the heading language, the station's own (Swedish) name. */
export function StationQueues({ lang }: { lang: string }) {
  const stations = usePublicView(useShallow((v) => v?.stations ?? []));
  return (
    <table className="dsp-queues">
      <thead>
        <tr>
          <th scope="col">
            <span className="visually-hidden">{i18next.getFixedT('sv', 'display')('station')}</span>
          </th>
          <th scope="col" className="dsp-num">
            <Rotating lang={lang} k="waiting" />
          </th>
          <th scope="col" className="dsp-num">
            <Rotating lang={lang} k="estimatedWait" />
          </th>
        </tr>
      </thead>
      <tbody>
        {stations.map((s) => {
          const agency = i18next.getFixedT(lang, 'common')(`agency.${s.agency}`);
          return (
            <tr key={s.id}>
              <th scope="row" className={isRtl(lang) ? 'is-rtl' : undefined}>
                <Rotating lang={lang} k={`agency.${s.agency}`} ns="common" className="dsp-agency" />
                {s.name !== agency && (
                  <span className="dsp-station" lang="sv" dir="ltr">
                    {s.name}
                  </span>
                )}
              </th>
              <td className="dsp-num dsp-waiting">{s.waiting}</td>
              <td className="dsp-num dsp-wait">
                {s.estimatedWaitMinutes === null ? (
                  <Rotating lang={lang} k="noDeskOpen" className="dsp-closed" />
                ) : s.waiting === 0 ? (
                  <Rotating lang={lang} k="noWait" />
                ) : (
                  <Rotating lang={lang} k="minutes" values={{ count: s.estimatedWaitMinutes }} />
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
