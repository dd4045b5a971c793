import { publicStore } from '../../stores/views.js';
import { serverNow } from '../../stores/session.js';
import type { PublicView } from '../../../../shared/views.js';
import { callKey, noteCalls, NOTHING_ANNOUNCED, type AnnouncedState } from './announcements.js';
import { callOutText } from './callout.js';
import { createChime } from './chime.js';
import { createAnnouncementPlayer } from './player.js';
import { soundActions } from './soundStore.js';
import { createSpeaker } from './speech.js';

const UNLOCK_EVENTS = ['pointerdown', 'keydown', 'touchstart'] as const;

/**
 * Announces each new call or recall in the public view, for as long as the display runs.
 * Returns the function that stops it and lets go of everything it holds.
 */
export function startAnnouncer(): () => void {
  const unlock = () => {
    chime.unlock();
    speaker.unlock();
  };
  function listenForGesture(on: boolean) {
    for (const e of UNLOCK_EVENTS)
      if (on) window.addEventListener(e, unlock, true);
      else window.removeEventListener(e, unlock, true);
  }
  const chime = createChime((status) => {
    soundActions.setAudio(status);
    listenForGesture(status === 'locked');
  });
  const speaker = createSpeaker((available) => soundActions.setVoice(available));
  const stillCalled = (key: string) =>
    publicStore.getState().view?.calls.some((c) => c.active && callKey(c) === key) ?? false;
  const player = createAnnouncementPlayer(
    {
      chime: () => chime.play(),
      speak: (text) => speaker.speak(text),
      pause: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    },
    { stillWanted: stillCalled },
  );

  let announced: AnnouncedState = NOTHING_ANNOUNCED;
  const onView = (view: PublicView | null) => {
    if (!view) return;
    const { state, fresh } = noteCalls(announced, view.calls, serverNow());
    announced = state;
    player.enqueue(fresh.map((c) => ({ key: callKey(c), text: callOutText(c.ticket, c.deskName) })));
  };
  onView(publicStore.getState().view);
  const unsubscribe = publicStore.subscribe((s, previous) => {
    if (s.view !== previous.view) onView(s.view);
  });

  return () => {
    unsubscribe();
    listenForGesture(false);
    player.stop();
    speaker.close();
    chime.close();
  };
}
