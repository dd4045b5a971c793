import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { setPageLanguage } from '../../i18n/index.js';
import { usePublicView } from '../../stores/views.js';
import { ConnectionBanner } from '../../ui/ConnectionBanner.js';
import { startAnnouncer } from './announcer.js';
import { Clock } from './Clock.js';
import { NowCalling } from './NowCalling.js';
import { RecentCalls } from './RecentCalls.js';
import { Rotating } from './Rotating.js';
import { SoundControl } from './SoundControl.js';
import { useSound } from './soundStore.js';
import { StationQueues } from './StationQueues.js';
import { useHeadingLanguage } from './useHeadingLanguage.js';
import './display.css';

/**
 * The waiting-room display: who is called to which desk, the last calls, each queue. It shows
 * ticket numbers, desk and station names only (the public view has nothing else), and runs for
 * days: every list is bounded by the view and every timer is cleared.
 */
export function DisplayScreen() {
  const ready = usePublicView((v) => v !== null);
  const officeName = usePublicView((v) => v?.office.name ?? '');
  const languages = usePublicView(useShallow((v) => v?.office.languages ?? []));
  const lang = useHeadingLanguage(languages);
  const audio = useSound((s) => s.audio);
  const voice = useSound((s) => s.voice);

  useEffect(() => {
    void setPageLanguage('sv');
  }, []);
  useEffect(() => {
    // The window's title names the office (the screen itself has no room to spare for it).
    if (officeName) document.title = officeName;
  }, [officeName]);
  useEffect(() => startAnnouncer(), []);

  return (
    // The sound state is on the root for whoever sets the screen up (and for end-to-end tests).
    <div className="dsp" data-audio={audio} data-voice={voice ? 'sv' : 'none'}>
      <ConnectionBanner />
      <header className="dsp-header">
        <Rotating lang={lang} k="hint" as="p" className="dsp-hint" />
        <Clock />
      </header>
      {ready && (
        <main className="dsp-main">
          <section className="dsp-now" aria-labelledby="dsp-now-heading">
            <Rotating lang={lang} k="nowCalling" as="h1" id="dsp-now-heading" className="dsp-heading" />
            <NowCalling lang={lang} />
          </section>
          <div className="dsp-side">
            <section className="dsp-panel" aria-labelledby="dsp-recent-heading">
              <Rotating
                lang={lang}
                k="recentlyCalled"
                as="h2"
                id="dsp-recent-heading"
                className="dsp-heading"
              />
              <RecentCalls />
            </section>
            <section className="dsp-panel dsp-panel-queues" aria-labelledby="dsp-queues-heading">
              <Rotating lang={lang} k="queues" as="h2" id="dsp-queues-heading" className="dsp-heading" />
              <StationQueues lang={lang} />
            </section>
          </div>
        </main>
      )}
      <SoundControl />
    </div>
  );
}
